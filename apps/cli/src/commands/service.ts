import {
  createService,
  deleteService,
  getService,
  listServices,
  type ServiceInput,
  updateService,
} from '@switchyard/service-db';
import { databaseOptions, expectPositionals, oneOf, parseCommand, resolveDatabaseUrl } from '../args.ts';
import { type Command, commandGroup } from '../command.ts';
import { withDatabase } from '../database.ts';
import { UsageError } from '../errors.ts';
import type { CliIo } from '../io.ts';
import { formatService, formatServiceList, printJson } from '../output.ts';

const KINDS = ['web', 'static'] as const;
const PLANS = ['free', 'paid'] as const;
const STATES = ['active', 'suspended'] as const;

const usage = `Usage:
  switchyard service create --name NAME --kind web|static --plan free|paid --region R [--scaler-ref REF]
  switchyard service update ID [--name NAME] [--plan free|paid] [--state active|suspended] [--region R] [--scaler-ref REF]
                               [--https-redirect on|off] [--hsts MAX_AGE_SECONDS[,includeSubDomains][,preload]|off]
  switchyard service delete ID
  switchyard service list [--region R]
  switchyard service show ID

Every subcommand takes --database-url URL (env SWITCHYARD_DATABASE_URL) and --json.
\`create\` prints the new service id (with --json, the whole record).
--https-redirect on: plain-HTTP requests get 301 (GET, HEAD) or 308 to HTTPS, except the ACME challenge path.
--hsts: the Strict-Transport-Security header on HTTPS responses (e.g. 31536000,includeSubDomains); off removes it.`;

const fieldOptions = {
  ...databaseOptions,
  name: { type: 'string' },
  kind: { type: 'string' },
  plan: { type: 'string' },
  state: { type: 'string' },
  region: { type: 'string' },
  'scaler-ref': { type: 'string' },
  'https-redirect': { type: 'string' },
  hsts: { type: 'string' },
} as const;

async function create(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(args, fieldOptions, usage);
  if (values.help) return help(io);
  expectPositionals(positionals, [], usage);
  const required = (flag: 'name' | 'kind' | 'plan' | 'region'): string => {
    const value = values[flag];
    if (value === undefined) throw new UsageError(`--${flag} is required`, usage);
    return value;
  };
  const input: ServiceInput = {
    name: required('name'),
    kind: oneOf(required('kind'), KINDS, '--kind'),
    plan: oneOf(required('plan'), PLANS, '--plan'),
    region: required('region'),
  };
  if (values['scaler-ref'] !== undefined) input.scalerRef = values['scaler-ref'];
  if (values.state !== undefined) input.state = oneOf(values.state, STATES, '--state');
  const url = resolveDatabaseUrl(values['database-url'], io.env, usage);
  const service = await withDatabase(url, (db) => createService(db, input));
  if (values.json) printJson(io, service);
  else io.out(service.id);
  return 0;
}

async function update(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(args, fieldOptions, usage);
  if (values.help) return help(io);
  const [id] = expectPositionals(positionals, ['ID'], usage) as [string];
  if (values.kind !== undefined) throw new UsageError('the kind of a service cannot change', usage);
  const patch: Parameters<typeof updateService>[2] = {};
  if (values.name !== undefined) patch.name = values.name;
  if (values.plan !== undefined) patch.plan = oneOf(values.plan, PLANS, '--plan');
  if (values.state !== undefined) patch.state = oneOf(values.state, STATES, '--state');
  if (values.region !== undefined) patch.region = values.region;
  if (values['scaler-ref'] !== undefined) patch.scalerRef = values['scaler-ref'];
  if (values['https-redirect'] !== undefined) {
    patch.httpsRedirect = oneOf(values['https-redirect'], ['on', 'off'] as const, '--https-redirect') === 'on';
  }
  if (values.hsts !== undefined) patch.hsts = parseHsts(values.hsts);
  if (Object.keys(patch).length === 0) throw new UsageError('nothing to update: pass at least one field flag', usage);
  const url = resolveDatabaseUrl(values['database-url'], io.env, usage);
  const service = await withDatabase(url, (db) => updateService(db, id, patch));
  if (values.json) printJson(io, service);
  else io.out(formatService(service));
  return 0;
}

async function remove(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(args, databaseOptions, usage);
  if (values.help) return help(io);
  const [id] = expectPositionals(positionals, ['ID'], usage) as [string];
  const url = resolveDatabaseUrl(values['database-url'], io.env, usage);
  await withDatabase(url, (db) => deleteService(db, id));
  if (values.json) printJson(io, { deleted: id });
  else io.out(`deleted service ${id}`);
  return 0;
}

async function list(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(args, { ...databaseOptions, region: { type: 'string' } }, usage);
  if (values.help) return help(io);
  expectPositionals(positionals, [], usage);
  const url = resolveDatabaseUrl(values['database-url'], io.env, usage);
  const filter = values.region === undefined ? {} : { region: values.region };
  const services = await withDatabase(url, (db) => listServices(db, filter));
  if (values.json) printJson(io, services);
  else io.out(formatServiceList(services));
  return 0;
}

async function show(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(args, databaseOptions, usage);
  if (values.help) return help(io);
  const [id] = expectPositionals(positionals, ['ID'], usage) as [string];
  const url = resolveDatabaseUrl(values['database-url'], io.env, usage);
  const service = await withDatabase(url, (db) => getService(db, id));
  if (values.json) printJson(io, service);
  else io.out(formatService(service));
  return 0;
}

/** `off`, or `MAX_AGE[,includeSubDomains][,preload]` (the header's own spelling, any case). */
function parseHsts(value: string): { maxAgeSeconds: number; includeSubdomains: boolean; preload: boolean } | null {
  if (value === 'off') return null;
  const [age, ...flags] = value.split(',').map((part) => part.trim());
  const maxAgeSeconds = Number(age);
  if (!/^\d+$/.test(age ?? '')) {
    throw new UsageError(
      `--hsts must be "off" or MAX_AGE_SECONDS[,includeSubDomains][,preload], got "${value}"`,
      usage,
    );
  }
  const known = flags.map((flag) => flag.toLowerCase());
  for (const flag of known) {
    if (flag !== 'includesubdomains' && flag !== 'preload') {
      throw new UsageError(`--hsts: unknown directive "${flag}" (includeSubDomains, preload)`, usage);
    }
  }
  return { maxAgeSeconds, includeSubdomains: known.includes('includesubdomains'), preload: known.includes('preload') };
}

function help(io: CliIo): number {
  io.out(usage);
  return 0;
}

export const serviceCommand: Command = commandGroup('service', 'create, change, list and delete services', usage, {
  create,
  update,
  delete: remove,
  list,
  show,
});

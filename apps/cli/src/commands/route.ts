import { getService } from '@switchyard/service-db';
import { checkAdminAddress, fetchAdminJson } from '../admin-http.ts';
import { expectPositionals, parseCommand } from '../args.ts';
import { type Command, commandGroup } from '../command.ts';
import { withDatabase } from '../database.ts';
import { findRunningDev } from '../dev/state-file.ts';
import { UsageError } from '../errors.ts';
import type { CliIo } from '../io.ts';
import { printJson } from '../output.ts';

/** Where `route explain` and `status` look for a router when neither a flag nor `dev` names one. */
export const DEFAULT_ROUTER_ADMIN = '127.0.0.1:9090';

const usage = `Usage:
  switchyard route explain URL [--router-admin HOST:PORT] [--database-url URL] [--json]

How a router would route URL, and why: the record it matches (exact or wildcard), the service
(id, name, kind, plan, state), the decision and its target (an instance, the activator, a static
file and rule). Read from the router's /debug/route, so it is the router's own view of its table.

  URL                      e.g. http://api.hello.localhost:8080/v1, or just api.hello.localhost/v1
  --router-admin HOST:PORT the router's admin address (default: the router of a \`switchyard dev\`
                           running here, else ${DEFAULT_ROUTER_ADMIN})
  --database-url URL       only to show the service's name (default SWITCHYARD_DATABASE_URL, else
                           the database of a running \`switchyard dev\`); without one, the name is left out
  --json                   print the router's answer as JSON`;

const options = {
  'router-admin': { type: 'string' },
  'database-url': { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/** What /debug/route answers; fields the router adds later are kept and printed too. */
export type RouteExplanation = Record<string, unknown> & {
  host?: string;
  path?: string;
  match?: string;
  decision?: string;
  why?: string;
  record?: Record<string, unknown>;
  target?: unknown;
  headers?: Record<string, unknown>;
  tableVersion?: number;
};

/** The host and path a router sees for a URL; a URL without a scheme is taken as http://. */
export function splitUrl(input: string): { host: string; path: string } {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(input) ? input : `http://${input}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new UsageError(`"${input}" is not a URL`, usage);
  }
  if (url.hostname === '') throw new UsageError(`"${input}" has no hostname`, usage);
  return { host: url.hostname.replace(/^\[|\]$/g, ''), path: `${url.pathname}${url.search}` };
}

/** The router's admin address: the flag, else a running `dev`'s router, else the default. */
export function resolveRouterAdmin(flagValue: string | undefined, cwd: string = process.cwd()): string {
  if (flagValue !== undefined) return checkAdminAddress(flagValue, '--router-admin', usage);
  return findRunningDev(cwd)?.router.admin ?? DEFAULT_ROUTER_ADMIN;
}

async function explain(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(args, options, usage);
  if (values.help) {
    io.out(usage);
    return 0;
  }
  const [input] = expectPositionals(positionals, ['URL'], usage) as [string];
  const { host, path } = splitUrl(input);
  const admin = resolveRouterAdmin(values['router-admin']);
  const query = new URLSearchParams({ host, path });
  const explanation = await fetchAdminJson<RouteExplanation>(admin, `/debug/route?${query}`);
  const serviceId = typeof explanation.record?.serviceId === 'string' ? explanation.record.serviceId : undefined;
  const serviceName = serviceId ? await lookUpName(serviceId, values['database-url'], io.env) : undefined;
  if (values.json) {
    printJson(io, { url: input, routerAdmin: admin, ...(serviceName ? { serviceName } : {}), ...explanation });
  } else {
    io.out(formatExplanation(explanation, { url: input, routerAdmin: admin, serviceName }));
  }
  return 0;
}

/** The service's name from the database, when one is known and answers; the router's table holds no names. */
async function lookUpName(id: string, flagValue: string | undefined, env: NodeJS.ProcessEnv) {
  const url = flagValue ?? (env.SWITCHYARD_DATABASE_URL || undefined) ?? findRunningDev(process.cwd())?.databaseUrl;
  if (!url) return undefined;
  try {
    return await withDatabase(url, async (db) => (await getService(db, id)).name);
  } catch {
    return undefined;
  }
}

const KNOWN_TOP = new Set(['host', 'path', 'match', 'decision', 'why', 'record', 'target', 'headers', 'tableVersion']);
const KNOWN_RECORD = new Set(['serviceId', 'kind', 'plan', 'state', 'version', 'activeBuildId', 'instances']);

/** A readable account of a /debug/route answer; every field the router sent is shown. */
export function formatExplanation(
  e: RouteExplanation,
  ctx: { url: string; routerAdmin: string; serviceName?: string | undefined },
): string {
  const lines: string[] = [];
  const line = (label: string, value: string) => lines.push(`  ${`${label}:`.padEnd(11)} ${value}`);
  const table = e.tableVersion === undefined ? '' : `, table version ${e.tableVersion}`;
  lines.push(`${ctx.url}  (host ${e.host ?? '?'}, path ${e.path ?? '/'}; router ${ctx.routerAdmin}${table})`);
  line('match', describeMatch(e));
  const r = e.record;
  if (r) {
    const name = ctx.serviceName ? `"${ctx.serviceName}" ` : '';
    const version = r.version === undefined ? '' : `, record version ${String(r.version)}`;
    line(
      'service',
      `${name}${String(r.serviceId)}  ${String(r.kind)}, ${String(r.plan)}, ${String(r.state)}${version}`,
    );
    if (Array.isArray(r.instances) && (r.kind !== 'static' || r.instances.length > 0)) {
      line('instances', r.instances.length === 0 ? '(none)' : r.instances.map(describeInstance).join(', '));
    }
    if (typeof r.activeBuildId === 'string' && r.activeBuildId !== '') line('build', r.activeBuildId);
    for (const [key, value] of Object.entries(r)) {
      if (!KNOWN_RECORD.has(key)) lines.push(...describeField(key, value, '    '));
    }
  }
  const target =
    e.target !== undefined
      ? ` -> ${typeof e.target === 'string' ? e.target : JSON.stringify(e.target)}`
      : describeStaticAnswer(e.static);
  line('decision', `${e.decision ?? '?'}${target}`);
  if (e.why) line('why', e.why);
  if (e.headers && Object.keys(e.headers).length > 0) {
    line(
      'headers',
      Object.entries(e.headers)
        .map(([k, v]) => `${k}: ${String(v)}`)
        .join('; '),
    );
  }
  for (const [key, value] of Object.entries(e)) {
    if (!KNOWN_TOP.has(key)) lines.push(...describeField(key, value, '  '));
  }
  return lines.join('\n');
}

/** A static site's answer in one phrase (`-> 301 /guide/`), when the router sent one; its details follow anyway. */
function describeStaticAnswer(value: unknown): string {
  const answer = (value as { answer?: Record<string, unknown> } | undefined)?.answer;
  if (typeof answer !== 'object' || answer === null || answer.status === undefined) return '';
  const what = answer.location ?? answer.key ?? answer.reason;
  return ` -> ${String(answer.status)}${what === undefined ? '' : ` ${String(what)}`}`;
}

function describeMatch(e: RouteExplanation): string {
  if (e.match === 'exact') return `exact hostname ${e.host}`;
  if (e.match === 'wildcard' && e.host) return `wildcard *.${e.host.slice(e.host.indexOf('.') + 1)}`;
  if (e.match === 'none' || e.match === undefined) return 'none: no exact or wildcard hostname';
  return String(e.match);
}

function describeInstance(value: unknown): string {
  if (typeof value !== 'object' || value === null) return String(value);
  const i = value as { host?: unknown; port?: unknown; ready?: unknown };
  const host = String(i.host).includes(':') ? `[${String(i.host)}]` : String(i.host);
  return `${host}:${String(i.port)}${i.ready === false ? ' (not ready)' : ''}`;
}

/** Any other field, readable whatever its shape: scalars on one line, objects one key per line. */
function describeField(key: string, value: unknown, indent: string): string[] {
  const label = `${key}:`.padEnd(11);
  if (value === '' || value === null || value === undefined) return [`${indent}${label} -`];
  if (typeof value !== 'object') return [`${indent}${label} ${String(value)}`];
  if (Array.isArray(value)) {
    if (value.length === 0) return [`${indent}${label} (none)`];
    if (value.every((v) => typeof v !== 'object' || v === null)) return [`${indent}${label} ${value.join(', ')}`];
    return [`${indent}${key}:`, ...value.flatMap((v, i) => describeField(`[${i}]`, v, `${indent}  `))];
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return [`${indent}${label} {}`];
  return [`${indent}${key}:`, ...entries.flatMap(([k, v]) => describeField(k, v, `${indent}  `))];
}

export const routeCommand: Command = commandGroup('route', "explain a router's routing of a URL", usage, {
  explain,
});

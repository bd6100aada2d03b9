import { migrate, seed } from '@switchyard/service-db';
import { databaseOptions, expectPositionals, parseCommand, parsePositiveInt, resolveDatabaseUrl } from '../args.ts';
import { type Command, commandGroup } from '../command.ts';
import { UsageError } from '../errors.ts';
import type { CliIo } from '../io.ts';
import { printJson } from '../output.ts';

const usage = `Usage:
  switchyard db migrate [--database-url URL]
      apply pending migrations (safe to run from several processes at once)
  switchyard db seed --services N [--regions a,b] [--seed S] [--database-url URL]
      add N deterministic synthetic services (hostnames, instances, plans and kinds mixed)

Both take --json; the database URL defaults to env SWITCHYARD_DATABASE_URL.`;

async function runMigrate(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(args, databaseOptions, usage);
  if (values.help) return help(io);
  expectPositionals(positionals, [], usage);
  const url = resolveDatabaseUrl(values['database-url'], io.env, usage);
  const { applied } = await migrate(url);
  if (values.json) printJson(io, { applied });
  else io.out(applied.length === 0 ? 'database is up to date' : `applied ${applied.join(', ')}`);
  return 0;
}

async function runSeed(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(
    args,
    { ...databaseOptions, services: { type: 'string' }, regions: { type: 'string' }, seed: { type: 'string' } },
    usage,
  );
  if (values.help) return help(io);
  expectPositionals(positionals, [], usage);
  if (values.services === undefined) throw new UsageError('--services is required', usage);
  const services = parsePositiveInt(values.services, '--services');
  const regions = values.regions?.split(',').map((r) => r.trim());
  if (regions?.some((r) => r === ''))
    throw new UsageError('--regions must be a comma-separated list of regions', usage);
  const seedValue = values.seed === undefined ? undefined : parsePositiveInt(values.seed, '--seed');
  const url = resolveDatabaseUrl(values['database-url'], io.env, usage);
  const result = await seed(url, {
    services,
    ...(regions ? { regions } : {}),
    ...(seedValue === undefined ? {} : { seed: seedValue }),
  });
  if (values.json) printJson(io, result);
  else {
    io.out(
      `seeded ${result.services} services, ${result.hostnames} hostnames, ${result.instances} instances in ${(result.ms / 1000).toFixed(1)} s`,
    );
  }
  return 0;
}

function help(io: CliIo): number {
  io.out(usage);
  return 0;
}

export const dbCommand: Command = commandGroup('db', 'migrate and seed the service database', usage, {
  migrate: runMigrate,
  seed: runSeed,
});

import { addHostname, removeHostname } from '@switchyard/service-db';
import { databaseOptions, expectPositionals, parseCommand, resolveDatabaseUrl } from '../args.ts';
import { type Command, commandGroup } from '../command.ts';
import { withDatabase } from '../database.ts';
import type { CliIo } from '../io.ts';
import { printJson } from '../output.ts';

const usage = `Usage:
  switchyard hostname add ID HOSTNAME      route HOSTNAME (or a wildcard *.example.com) to service ID
  switchyard hostname remove HOSTNAME

Both take --database-url URL (env SWITCHYARD_DATABASE_URL) and --json.
Hostnames are stored lower-case without a trailing dot; each belongs to one service.`;

async function add(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(args, databaseOptions, usage);
  if (values.help) return help(io);
  const [serviceId, hostname] = expectPositionals(positionals, ['ID', 'HOSTNAME'], usage) as [string, string];
  const url = resolveDatabaseUrl(values['database-url'], io.env, usage);
  const stored = await withDatabase(url, (db) => addHostname(db, serviceId, hostname));
  if (values.json) printJson(io, { serviceId, hostname: stored });
  else io.out(`added ${stored} to service ${serviceId}`);
  return 0;
}

async function remove(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(args, databaseOptions, usage);
  if (values.help) return help(io);
  const [hostname] = expectPositionals(positionals, ['HOSTNAME'], usage) as [string];
  const url = resolveDatabaseUrl(values['database-url'], io.env, usage);
  await withDatabase(url, (db) => removeHostname(db, hostname));
  if (values.json) printJson(io, { removed: hostname });
  else io.out(`removed ${hostname}`);
  return 0;
}

function help(io: CliIo): number {
  io.out(usage);
  return 0;
}

export const hostnameCommand: Command = commandGroup('hostname', 'add and remove hostnames of a service', usage, {
  add,
  remove,
});

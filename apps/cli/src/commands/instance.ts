import { formatAddress, parseAddress } from '@switchyard/config';
import { addInstance, removeInstance, setInstanceReady } from '@switchyard/service-db';
import { databaseOptions, expectPositionals, oneOf, parseCommand, resolveDatabaseUrl } from '../args.ts';
import { type Command, commandGroup } from '../command.ts';
import { withDatabase } from '../database.ts';
import { UsageError } from '../errors.ts';
import type { CliIo } from '../io.ts';
import { printJson } from '../output.ts';

const usage = `Usage:
  switchyard instance add ID HOST:PORT [--not-ready]
  switchyard instance remove ID HOST:PORT
  switchyard instance ready ID HOST:PORT true|false

Every subcommand takes --database-url URL (env SWITCHYARD_DATABASE_URL) and --json.
Only ready instances of a paid web service receive traffic.`;

async function add(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(
    args,
    { ...databaseOptions, 'not-ready': { type: 'boolean', default: false } },
    usage,
  );
  if (values.help) return help(io);
  const [serviceId, address] = expectPositionals(positionals, ['ID', 'HOST:PORT'], usage) as [string, string];
  const { host, port } = parseInstanceAddress(address);
  const ready = !values['not-ready'];
  const url = resolveDatabaseUrl(values['database-url'], io.env, usage);
  await withDatabase(url, (db) => addInstance(db, serviceId, { host, port, ready }));
  if (values.json) printJson(io, { serviceId, host, port, ready });
  else io.out(`added instance ${formatAddress(host, port)}${ready ? '' : ' (not ready)'} to service ${serviceId}`);
  return 0;
}

async function remove(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(args, databaseOptions, usage);
  if (values.help) return help(io);
  const [serviceId, address] = expectPositionals(positionals, ['ID', 'HOST:PORT'], usage) as [string, string];
  const { host, port } = parseInstanceAddress(address);
  const url = resolveDatabaseUrl(values['database-url'], io.env, usage);
  await withDatabase(url, (db) => removeInstance(db, serviceId, host, port));
  if (values.json) printJson(io, { serviceId, removed: { host, port } });
  else io.out(`removed instance ${formatAddress(host, port)} from service ${serviceId}`);
  return 0;
}

async function ready(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(args, databaseOptions, usage);
  if (values.help) return help(io);
  const [serviceId, address, flag] = expectPositionals(positionals, ['ID', 'HOST:PORT', 'true|false'], usage) as [
    string,
    string,
    string,
  ];
  const { host, port } = parseInstanceAddress(address);
  const isReady = oneOf(flag, ['true', 'false'], 'ready') === 'true';
  const url = resolveDatabaseUrl(values['database-url'], io.env, usage);
  await withDatabase(url, (db) => setInstanceReady(db, serviceId, host, port, isReady));
  if (values.json) printJson(io, { serviceId, host, port, ready: isReady });
  else io.out(`instance ${formatAddress(host, port)} of service ${serviceId} is ${isReady ? 'ready' : 'not ready'}`);
  return 0;
}

function parseInstanceAddress(value: string): { host: string; port: number } {
  try {
    const address = parseAddress(value, 'instance address');
    if (address.port === 0) throw new UsageError('instance address port must be 1-65535, got "0"', usage);
    return address;
  } catch (error) {
    throw error instanceof UsageError ? error : new UsageError((error as Error).message, usage);
  }
}

function help(io: CliIo): number {
  io.out(usage);
  return 0;
}

export const instanceCommand: Command = commandGroup('instance', "manage a web service's upstream instances", usage, {
  add,
  remove,
  ready,
});

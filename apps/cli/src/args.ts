import { type ParseArgsOptionsConfig, parseArgs } from 'node:util';
import { findRunningDev } from './dev/state-file.ts';
import { UsageError } from './errors.ts';

/** Options every command that talks to the service database accepts. */
export const databaseOptions = {
  'database-url': { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies ParseArgsOptionsConfig;

export interface Parsed<T extends ParseArgsOptionsConfig> {
  values: ReturnType<typeof parseArgs<{ options: T; allowPositionals: true; strict: true }>>['values'];
  positionals: string[];
}

/** Parses one command's flags strictly; any unknown flag or missing value is a UsageError. */
export function parseCommand<T extends ParseArgsOptionsConfig>(args: string[], options: T, usage: string): Parsed<T> {
  try {
    const { values, positionals } = parseArgs({ args, options, allowPositionals: true, strict: true });
    return { values, positionals } as Parsed<T>;
  } catch (error) {
    throw new UsageError((error as Error).message, usage);
  }
}

/** The positional arguments a command needs, by name, or a UsageError naming the missing one. */
export function expectPositionals(positionals: string[], names: readonly string[], usage: string): string[] {
  if (positionals.length < names.length) {
    throw new UsageError(`missing ${names.slice(positionals.length).join(' and ')}`, usage);
  }
  if (positionals.length > names.length) {
    throw new UsageError(`unexpected argument "${positionals[names.length]}"`, usage);
  }
  return positionals;
}

/**
 * --database-url, else SWITCHYARD_DATABASE_URL, else the database of a `switchyard dev` running in
 * this directory or a parent (its `.switchyard/dev.json`, while its process is alive).
 */
export function resolveDatabaseUrl(
  flag: string | undefined,
  env: NodeJS.ProcessEnv,
  usage: string,
  cwd: string = process.cwd(),
): string {
  const url = flag ?? (env.SWITCHYARD_DATABASE_URL || undefined) ?? findRunningDev(cwd)?.databaseUrl;
  if (!url) {
    throw new UsageError(
      'no database: pass --database-url URL, set SWITCHYARD_DATABASE_URL, or start `switchyard dev` here',
      usage,
    );
  }
  return url;
}

export function parsePositiveInt(value: string, what: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 1) {
    throw new UsageError(`${what} must be a positive integer, got "${value}"`);
  }
  return n;
}

export function oneOf<T extends string>(value: string, allowed: readonly T[], what: string): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`${what} must be one of ${allowed.join(', ')}, got "${value}"`);
  }
  return value as T;
}

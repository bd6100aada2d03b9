import { type ParseArgsOptionsConfig, parseArgs } from 'node:util';

/** A bad flag or environment value; the message names the flag and the value. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly code = 'CONFIG';
}

type Kind = 'string' | 'boolean' | 'duration' | 'count' | 'address' | 'list';

interface KindValue {
  string: string;
  boolean: boolean;
  duration: number;
  count: number;
  address: string;
  list: string[];
}

/** One flag: `--name VALUE`, falling back to `env`, then to `default`. */
export interface FlagSpec<K extends Kind = Kind> {
  kind: K;
  env?: string;
  default?: KindValue[K];
  required?: boolean;
}

export type FlagSpecs = Record<string, FlagSpec>;

type ValueOf<S extends FlagSpec> = S extends FlagSpec<infer K> ? KindValue[K] : never;

/** Parsed values: flags with a default or `required` are always present. */
export type FlagValues<T extends FlagSpecs> = {
  [F in keyof T as T[F] extends { required: true } | { default: unknown } ? F : never]: ValueOf<T[F]>;
} & {
  [F in keyof T as T[F] extends { required: true } | { default: unknown } ? never : F]?: ValueOf<T[F]>;
};

/** Shorthands for spec entries: `flag.duration({ env: 'X', default: 2000 })`. */
export const flag = {
  string: <const O extends Omit<FlagSpec<'string'>, 'kind'>>(o: O = {} as O) => ({ kind: 'string' as const, ...o }),
  boolean: <const O extends Omit<FlagSpec<'boolean'>, 'kind'>>(o: O = {} as O) => ({ kind: 'boolean' as const, ...o }),
  duration: <const O extends Omit<FlagSpec<'duration'>, 'kind'>>(o: O = {} as O) => ({
    kind: 'duration' as const,
    ...o,
  }),
  count: <const O extends Omit<FlagSpec<'count'>, 'kind'>>(o: O = {} as O) => ({ kind: 'count' as const, ...o }),
  address: <const O extends Omit<FlagSpec<'address'>, 'kind'>>(o: O = {} as O) => ({ kind: 'address' as const, ...o }),
  list: <const O extends Omit<FlagSpec<'list'>, 'kind'>>(o: O = {} as O) => ({ kind: 'list' as const, ...o }),
};

/**
 * Parses `argv` strictly against `specs` (unknown flags and positionals are errors); each flag falls
 * back to its environment variable, then its default. Every value is validated here, once.
 */
export function parseFlags<T extends FlagSpecs>(argv: string[], env: NodeJS.ProcessEnv, specs: T): FlagValues<T> {
  const options: ParseArgsOptionsConfig = {};
  for (const [name, spec] of Object.entries(specs)) {
    options[name] = { type: spec.kind === 'boolean' ? 'boolean' : 'string' };
  }
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({ args: argv, options, allowPositionals: false, strict: true }).values as typeof values;
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
  const result: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(specs)) {
    const fromEnv = spec.env === undefined ? undefined : env[spec.env];
    const raw = values[name] ?? (fromEnv === '' ? undefined : fromEnv);
    const where = spec.env ? `--${name} (${spec.env})` : `--${name}`;
    if (raw === undefined) {
      if (spec.required) throw new ConfigError(`missing ${where}`);
      if (spec.default !== undefined) result[name] = spec.default;
      continue;
    }
    result[name] = convert(spec.kind, raw, where);
  }
  return result as FlagValues<T>;
}

function convert(kind: Kind, raw: string | boolean, where: string): unknown {
  if (typeof raw === 'boolean') return raw;
  switch (kind) {
    case 'boolean':
      if (raw === 'true' || raw === '1') return true;
      if (raw === 'false' || raw === '0') return false;
      throw new ConfigError(`${where} must be true or false, got "${raw}"`);
    case 'duration':
      return parseDuration(raw, where);
    case 'count':
      return parseCount(raw, where);
    case 'address':
      parseAddress(raw, where);
      return raw;
    case 'list': {
      const items = raw.split(',').map((item) => item.trim());
      if (items.some((item) => item === ''))
        throw new ConfigError(`${where} must be a comma-separated list, got "${raw}"`);
      return items;
    }
    default:
      return raw;
  }
}

const UNITS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

/** `500ms`, `2s`, `1.5m`, `1h` → milliseconds (a positive integer). */
export function parseDuration(value: string, where: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(value.trim());
  const ms = match ? Math.round(Number(match[1]) * (UNITS[match[2] as string] as number)) : Number.NaN;
  if (!match || !Number.isSafeInteger(ms) || ms < 1) {
    throw new ConfigError(`${where} must be a positive duration like 500ms, 2s, 5m or 1h, got "${value}"`);
  }
  return ms;
}

export function parseCount(value: string, where: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 1) {
    throw new ConfigError(`${where} must be a positive integer, got "${value}"`);
  }
  return n;
}

/** `HOST:PORT` (IPv6 as `[::1]:PORT`); port 0 means any free port. */
export function parseAddress(value: string, where: string): { host: string; port: number } {
  const match = /^(?:\[([^\]]+)\]|([^:[\]]*)):(\d+)$/.exec(value.trim());
  const host = match?.[1] ?? match?.[2];
  if (!match || !host) throw new ConfigError(`${where} must be HOST:PORT, got "${value}"`);
  const port = Number(match[3]);
  if (!Number.isInteger(port) || port > 65535) {
    throw new ConfigError(`${where} port must be 0-65535, got "${match[3]}"`);
  }
  return { host, port };
}

/** Every entry of a `HOST:PORT,…` flag (`--caches`, `--peers`): well-formed and with a real port (not 0). */
export function parseEndpoints(entries: readonly string[], flagName: string): { host: string; port: number }[] {
  return entries.map((entry) => {
    const address = parseAddress(entry, `${flagName} entry`);
    if (address.port === 0) throw new ConfigError(`${flagName} entries need a port, got "${entry}"`);
    return address;
  });
}

/** The inverse of parseAddress: IPv6 hosts get their brackets back. */
export function formatAddress(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

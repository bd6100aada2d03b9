import { readFile } from 'node:fs/promises';
import { type ParseArgsOptionsConfig, parseArgs } from 'node:util';
import { InvalidListenAddressError, parseListenAddress } from '@switchyard/telemetry';
import { CacheConfigError } from './errors.ts';

export interface CacheServerConfig {
  databaseUrl: string;
  /** gRPC `HOST:PORT`; port 0 picks a free port. Default 127.0.0.1:50051. */
  listen: string;
  /** Admin HTTP `HOST:PORT` (/healthz, /readyz, /metrics, /debug/state). Default 127.0.0.1:9091. */
  admin: string;
  /** The only region this cache holds and serves. */
  region: string;
  tlsCert?: string;
  tlsKey?: string;
  /** File holding the bearer token clients must send; no auth when absent. */
  tokenFile?: string;
  /** Tuning knobs: optional here, CACHE_DEFAULTS fill the gaps. */
  pollIntervalMs?: number;
  heartbeatIntervalMs?: number;
  tombstoneHorizonMs?: number;
  backlogBytes?: number;
  maxResyncs?: number;
  batchSize?: number;
  catchUpTimeoutMs?: number;
}

/** The tuning knobs, all set. */
export interface CacheTuning {
  /** Safety-net poll of the changelog when no NOTIFY arrives. */
  pollIntervalMs: number;
  /** A Heartbeat is sent on a stream idle this long. */
  heartbeatIntervalMs: number;
  /** Tombstones (removals) are kept this long; a client older than that gets a snapshot. */
  tombstoneHorizonMs: number;
  /** Per-stream backlog cap in bytes; a stream over it is resynced (or closed after `maxResyncs`). */
  backlogBytes: number;
  /** Backlog overflows allowed within a minute before a stream is closed with RESOURCE_EXHAUSTED. */
  maxResyncs: number;
  /** Service ids fetched per `= ANY($1)` query. */
  batchSize: number;
  /** How long a Watch waits for this cache to catch up to a client's newer `from_version`. */
  catchUpTimeoutMs: number;
}

export type ResolvedCacheConfig = CacheServerConfig & CacheTuning;

export const CACHE_DEFAULTS: Readonly<CacheTuning & Pick<CacheServerConfig, 'listen' | 'admin'>> = {
  listen: '127.0.0.1:50051',
  admin: '127.0.0.1:9091',
  pollIntervalMs: 2_000,
  heartbeatIntervalMs: 5_000,
  tombstoneHorizonMs: 3_600_000,
  backlogBytes: 16 * 1024 * 1024,
  maxResyncs: 3,
  batchSize: 1_000,
  catchUpTimeoutMs: 5_000,
};

export const cacheHelp = `Usage: switchyard cache --database-url URL --region R [options]

Follows the service database (LISTEN/NOTIFY + changelog) and serves the region's routing state to
routers over gRPC (switchyard.routing.v1.RouteCache: Watch, GetServices).

Options (environment variable in brackets):
  --database-url URL          service database [SWITCHYARD_DATABASE_URL] (required)
  --region R                  region to hold and serve [SWITCHYARD_REGION] (required)
  --listen HOST:PORT          gRPC address [SWITCHYARD_CACHE_LISTEN] (default ${CACHE_DEFAULTS.listen})
  --admin HOST:PORT           /healthz /readyz /metrics /debug/state [SWITCHYARD_CACHE_ADMIN] (default ${CACHE_DEFAULTS.admin})
  --tls-cert FILE             PEM certificate; TLS needs both cert and key [SWITCHYARD_CACHE_TLS_CERT]
  --tls-key FILE              PEM private key [SWITCHYARD_CACHE_TLS_KEY]
  --token-file FILE           require "authorization: Bearer <token>" [SWITCHYARD_CACHE_TOKEN_FILE]
  --poll-interval DURATION    changelog poll when no NOTIFY arrives [SWITCHYARD_CACHE_POLL_INTERVAL] (default 2s)
  --heartbeat-interval DURATION  heartbeat on idle streams [SWITCHYARD_CACHE_HEARTBEAT_INTERVAL] (default 5s)
  --tombstone-horizon DURATION   keep removals this long [SWITCHYARD_CACHE_TOMBSTONE_HORIZON] (default 1h)
  --backlog-bytes N           per-stream backlog cap [SWITCHYARD_CACHE_BACKLOG_BYTES] (default 16777216)
  --max-resyncs N             backlog resyncs before a stream is closed [SWITCHYARD_CACHE_MAX_RESYNCS] (default 3)
  --batch-size N              ids fetched per query [SWITCHYARD_CACHE_BATCH_SIZE] (default 1000)
  --catch-up-timeout DURATION wait for a client's newer version [SWITCHYARD_CACHE_CATCH_UP_TIMEOUT] (default 5s)
  -h, --help                  this text

Durations: a number with a unit, ms, s, m or h (e.g. 500ms, 2s, 1h).`;

const options = {
  'database-url': { type: 'string' },
  region: { type: 'string' },
  listen: { type: 'string' },
  admin: { type: 'string' },
  'tls-cert': { type: 'string' },
  'tls-key': { type: 'string' },
  'token-file': { type: 'string' },
  'poll-interval': { type: 'string' },
  'heartbeat-interval': { type: 'string' },
  'tombstone-horizon': { type: 'string' },
  'backlog-bytes': { type: 'string' },
  'max-resyncs': { type: 'string' },
  'batch-size': { type: 'string' },
  'catch-up-timeout': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsOptionsConfig;

type Flag = Exclude<keyof typeof options, 'help'>;

const ENV: Record<Flag, string> = {
  'database-url': 'SWITCHYARD_DATABASE_URL',
  region: 'SWITCHYARD_REGION',
  listen: 'SWITCHYARD_CACHE_LISTEN',
  admin: 'SWITCHYARD_CACHE_ADMIN',
  'tls-cert': 'SWITCHYARD_CACHE_TLS_CERT',
  'tls-key': 'SWITCHYARD_CACHE_TLS_KEY',
  'token-file': 'SWITCHYARD_CACHE_TOKEN_FILE',
  'poll-interval': 'SWITCHYARD_CACHE_POLL_INTERVAL',
  'heartbeat-interval': 'SWITCHYARD_CACHE_HEARTBEAT_INTERVAL',
  'tombstone-horizon': 'SWITCHYARD_CACHE_TOMBSTONE_HORIZON',
  'backlog-bytes': 'SWITCHYARD_CACHE_BACKLOG_BYTES',
  'max-resyncs': 'SWITCHYARD_CACHE_MAX_RESYNCS',
  'batch-size': 'SWITCHYARD_CACHE_BATCH_SIZE',
  'catch-up-timeout': 'SWITCHYARD_CACHE_CATCH_UP_TIMEOUT',
};

/** Flags override `SWITCHYARD_*` environment variables; anything invalid is a CacheConfigError. */
export function parseCacheConfig(argv: string[], env: NodeJS.ProcessEnv): ResolvedCacheConfig {
  let values: Partial<Record<Flag, string>>;
  try {
    values = parseArgs({ args: argv, options, allowPositionals: false, strict: true }).values;
  } catch (error) {
    throw new CacheConfigError((error as Error).message);
  }
  const get = (flag: Flag): string | undefined => {
    const value = values[flag] ?? env[ENV[flag]];
    return value === undefined || value === '' ? undefined : value;
  };
  const required = (flag: Flag): string => {
    const value = get(flag);
    if (value === undefined) throw new CacheConfigError(`missing --${flag} (or ${ENV[flag]})`);
    return value;
  };

  const region = required('region');
  if (!/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(region)) {
    throw new CacheConfigError(`--region must be a lower-case name like "eu-west", got "${region}"`);
  }
  const config: ResolvedCacheConfig = {
    databaseUrl: required('database-url'),
    region,
    listen: address(get('listen') ?? CACHE_DEFAULTS.listen, '--listen'),
    admin: address(get('admin') ?? CACHE_DEFAULTS.admin, '--admin'),
    pollIntervalMs: duration(get('poll-interval'), '--poll-interval', CACHE_DEFAULTS.pollIntervalMs),
    heartbeatIntervalMs: duration(
      get('heartbeat-interval'),
      '--heartbeat-interval',
      CACHE_DEFAULTS.heartbeatIntervalMs,
    ),
    tombstoneHorizonMs: duration(get('tombstone-horizon'), '--tombstone-horizon', CACHE_DEFAULTS.tombstoneHorizonMs),
    backlogBytes: positiveInt(get('backlog-bytes'), '--backlog-bytes', CACHE_DEFAULTS.backlogBytes),
    maxResyncs: positiveInt(get('max-resyncs'), '--max-resyncs', CACHE_DEFAULTS.maxResyncs),
    batchSize: positiveInt(get('batch-size'), '--batch-size', CACHE_DEFAULTS.batchSize),
    catchUpTimeoutMs: duration(get('catch-up-timeout'), '--catch-up-timeout', CACHE_DEFAULTS.catchUpTimeoutMs),
  };
  const tlsCert = get('tls-cert');
  const tlsKey = get('tls-key');
  if ((tlsCert === undefined) !== (tlsKey === undefined)) {
    throw new CacheConfigError('TLS needs both --tls-cert and --tls-key');
  }
  if (tlsCert !== undefined) config.tlsCert = tlsCert;
  if (tlsKey !== undefined) config.tlsKey = tlsKey;
  const tokenFile = get('token-file');
  if (tokenFile !== undefined) config.tokenFile = tokenFile;
  return config;
}

/** Fills every setting a caller left out (programmatic use: tests, `switchyard dev`). */
export function withDefaults(
  config: Pick<CacheServerConfig, 'databaseUrl' | 'region'> & Partial<CacheServerConfig>,
): ResolvedCacheConfig {
  const resolved = { ...CACHE_DEFAULTS } as ResolvedCacheConfig;
  for (const [key, value] of Object.entries(config)) {
    if (value !== undefined) (resolved as unknown as Record<string, unknown>)[key] = value;
  }
  return resolved;
}

function address(value: string, flag: string): string {
  try {
    parseListenAddress(value, flag);
  } catch (error) {
    if (error instanceof InvalidListenAddressError) throw new CacheConfigError(error.message);
    throw error;
  }
  return value;
}

const UNITS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

export function parseDuration(value: string, flag: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(value.trim());
  const ms = match ? Math.round(Number(match[1]) * (UNITS[match[2] as string] as number)) : Number.NaN;
  if (!match || !Number.isSafeInteger(ms) || ms < 1) {
    throw new CacheConfigError(`${flag} must be a positive duration like 500ms, 2s, 5m or 1h, got "${value}"`);
  }
  return ms;
}

function duration(value: string | undefined, flag: string, fallback: number): number {
  return value === undefined ? fallback : parseDuration(value, flag);
}

function positiveInt(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 1) {
    throw new CacheConfigError(`${flag} must be a positive integer, got "${value}"`);
  }
  return n;
}

/** Reads the PEM files and the token named by the config; unreadable or empty files are CacheConfigErrors. */
export async function readSecrets(
  config: CacheServerConfig,
): Promise<{ tls?: { cert: Buffer; key: Buffer }; token?: string }> {
  const read = async (path: string, what: string): Promise<Buffer> => {
    try {
      return await readFile(path);
    } catch (error) {
      throw new CacheConfigError(`cannot read ${what} "${path}": ${(error as Error).message}`);
    }
  };
  const result: { tls?: { cert: Buffer; key: Buffer }; token?: string } = {};
  if (config.tlsCert && config.tlsKey) {
    result.tls = { cert: await read(config.tlsCert, '--tls-cert'), key: await read(config.tlsKey, '--tls-key') };
  }
  if (config.tokenFile) {
    const token = (await read(config.tokenFile, '--token-file')).toString('utf8').trim();
    if (token === '') throw new CacheConfigError(`--token-file "${config.tokenFile}" is empty`);
    result.token = token;
  }
  return result;
}

import { readFile } from 'node:fs/promises';
import { ConfigError, DEFAULT_REGION, type FlagValues, flag, parseFlags } from '@switchyard/config';
import { PlatformKey, SwitchyardDbError } from '@switchyard/service-db';
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
  /** File holding the platform key that opens certificate keys; without it (or SWITCHYARD_CERT_KEY) no certificates are served. */
  certKeyFile?: string;
  /** The platform key itself (programmatic use: tests, `switchyard dev`); wins over certKeyFile. */
  certKey?: string;
  /** Tuning knobs: optional here, CACHE_DEFAULTS fill the gaps. */
  pollIntervalMs?: number;
  heartbeatIntervalMs?: number;
  tombstoneHorizonMs?: number;
  backlogBytes?: number;
  maxResyncs?: number;
  batchSize?: number;
  catchUpTimeoutMs?: number;
  databaseTimeoutMs?: number;
  livenessIntervalMs?: number;
  ticketKeyRotationMs?: number;
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
  /**
   * A database statement (server `statement_timeout`) or round trip (client `query_timeout`) gets this long;
   * a connection attempt gets at most 10 s of it. Long enough for the start-up stamping of a million services.
   */
  databaseTimeoutMs: number;
  /** The LISTEN connection, when silent this long, is checked with `SELECT 1` (same timeout); a dead one is replaced. */
  livenessIntervalMs: number;
  /** A new TLS session-ticket key is generated when the region's newest is this old (0: never). */
  ticketKeyRotationMs: number;
}

export type ResolvedCacheConfig = CacheServerConfig & CacheTuning;

export const CACHE_DEFAULTS: Readonly<CacheTuning & Pick<CacheServerConfig, 'listen' | 'admin'>> = {
  listen: '127.0.0.1:50051',
  admin: '127.0.0.1:9091',
  pollIntervalMs: 2_000,
  heartbeatIntervalMs: 1_000,
  tombstoneHorizonMs: 3_600_000,
  backlogBytes: 16 * 1024 * 1024,
  maxResyncs: 3,
  batchSize: 1_000,
  catchUpTimeoutMs: 5_000,
  databaseTimeoutMs: 60_000,
  livenessIntervalMs: 2_000,
  ticketKeyRotationMs: 12 * 3_600_000,
};

export const cacheHelp = `Usage: switchyard cache --database-url URL [--region R] [options]

Follows the service database (LISTEN/NOTIFY + changelog) and serves the region's routing state to
routers over gRPC (switchyard.routing.v1.RouteCache: Watch, GetServices).

Options (environment variable in brackets):
  --database-url URL          service database [SWITCHYARD_DATABASE_URL] (required)
  --region R                  region to hold and serve [SWITCHYARD_REGION] (default ${DEFAULT_REGION}, like routers and activators)
  --listen HOST:PORT          gRPC address [SWITCHYARD_CACHE_LISTEN] (default ${CACHE_DEFAULTS.listen})
  --admin HOST:PORT           /healthz /readyz /metrics /debug/state [SWITCHYARD_CACHE_ADMIN] (default ${CACHE_DEFAULTS.admin})
  --tls-cert FILE             PEM certificate; TLS needs both cert and key [SWITCHYARD_CACHE_TLS_CERT]
  --tls-key FILE              PEM private key [SWITCHYARD_CACHE_TLS_KEY]
  --token-file FILE           require "authorization: Bearer <token>" [SWITCHYARD_CACHE_TOKEN_FILE]
  --cert-key-file FILE        platform key (32 bytes, hex or base64) that opens certificate keys; with it (and
                              --token-file) the cache serves certificates and ticket keys on WatchCertificates
                              [SWITCHYARD_CERT_KEY_FILE; or the key itself in SWITCHYARD_CERT_KEY]
  --ticket-key-rotation DURATION  generate a new TLS session-ticket key when the newest is this old; every cache
                              of a region may rotate, the database lets one win [SWITCHYARD_TICKET_KEY_ROTATION]
                              (default 12h; 0 never)
  --poll-interval DURATION    changelog poll when no NOTIFY arrives [SWITCHYARD_CACHE_POLL_INTERVAL] (default 2s)
  --heartbeat-interval DURATION  heartbeat on idle streams [SWITCHYARD_CACHE_HEARTBEAT_INTERVAL] (default 1s; clients' --cache-stall-timeout must stay above it)
  --tombstone-horizon DURATION   keep removals this long [SWITCHYARD_CACHE_TOMBSTONE_HORIZON] (default 1h)
  --backlog-bytes N           per-stream backlog cap [SWITCHYARD_CACHE_BACKLOG_BYTES] (default 16777216)
  --max-resyncs N             backlog resyncs before a stream is closed [SWITCHYARD_CACHE_MAX_RESYNCS] (default 3)
  --batch-size N              ids fetched per query [SWITCHYARD_CACHE_BATCH_SIZE] (default 1000)
  --catch-up-timeout DURATION wait for a client's newer version [SWITCHYARD_CACHE_CATCH_UP_TIMEOUT] (default 5s)
  --db-timeout DURATION       longest database statement or round trip; connecting gets at most 10s of it
                              [SWITCHYARD_CACHE_DB_TIMEOUT] (default 60s)
  --db-liveness-interval DURATION  check the LISTEN connection (SELECT 1) when silent this long; no answer
                              within it: reported disconnected and reconnected [SWITCHYARD_CACHE_DB_LIVENESS_INTERVAL] (default 2s)
  -h, --help                  this text

Durations: a number with a unit, ms, s, m or h (e.g. 500ms, 2s, 1h).`;

const specs = {
  'database-url': flag.string({ env: 'SWITCHYARD_DATABASE_URL', required: true }),
  region: flag.string({ env: 'SWITCHYARD_REGION', default: DEFAULT_REGION }),
  listen: flag.address({ env: 'SWITCHYARD_CACHE_LISTEN', default: CACHE_DEFAULTS.listen }),
  admin: flag.address({ env: 'SWITCHYARD_CACHE_ADMIN', default: CACHE_DEFAULTS.admin }),
  'tls-cert': flag.string({ env: 'SWITCHYARD_CACHE_TLS_CERT' }),
  'tls-key': flag.string({ env: 'SWITCHYARD_CACHE_TLS_KEY' }),
  'token-file': flag.string({ env: 'SWITCHYARD_CACHE_TOKEN_FILE' }),
  'cert-key-file': flag.string({ env: 'SWITCHYARD_CERT_KEY_FILE' }),
  'ticket-key-rotation': flag.duration({
    env: 'SWITCHYARD_TICKET_KEY_ROTATION',
    default: CACHE_DEFAULTS.ticketKeyRotationMs,
  }),
  'poll-interval': flag.duration({ env: 'SWITCHYARD_CACHE_POLL_INTERVAL', default: CACHE_DEFAULTS.pollIntervalMs }),
  'heartbeat-interval': flag.duration({
    env: 'SWITCHYARD_CACHE_HEARTBEAT_INTERVAL',
    default: CACHE_DEFAULTS.heartbeatIntervalMs,
  }),
  'tombstone-horizon': flag.duration({
    env: 'SWITCHYARD_CACHE_TOMBSTONE_HORIZON',
    default: CACHE_DEFAULTS.tombstoneHorizonMs,
  }),
  'backlog-bytes': flag.count({ env: 'SWITCHYARD_CACHE_BACKLOG_BYTES', default: CACHE_DEFAULTS.backlogBytes }),
  'max-resyncs': flag.count({ env: 'SWITCHYARD_CACHE_MAX_RESYNCS', default: CACHE_DEFAULTS.maxResyncs }),
  'batch-size': flag.count({ env: 'SWITCHYARD_CACHE_BATCH_SIZE', default: CACHE_DEFAULTS.batchSize }),
  'catch-up-timeout': flag.duration({
    env: 'SWITCHYARD_CACHE_CATCH_UP_TIMEOUT',
    default: CACHE_DEFAULTS.catchUpTimeoutMs,
  }),
  'db-timeout': flag.duration({ env: 'SWITCHYARD_CACHE_DB_TIMEOUT', default: CACHE_DEFAULTS.databaseTimeoutMs }),
  'db-liveness-interval': flag.duration({
    env: 'SWITCHYARD_CACHE_DB_LIVENESS_INTERVAL',
    default: CACHE_DEFAULTS.livenessIntervalMs,
  }),
};

/** Flags override `SWITCHYARD_*` environment variables; anything invalid is a CacheConfigError. */
export function parseCacheConfig(argv: string[], env: NodeJS.ProcessEnv): ResolvedCacheConfig {
  let values: FlagValues<typeof specs>;
  try {
    values = parseFlags(argv, env, specs);
  } catch (error) {
    throw error instanceof ConfigError ? new CacheConfigError(error.message) : error;
  }
  const region = values.region;
  if (!/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(region)) {
    throw new CacheConfigError(`--region must be a lower-case name like "eu-west", got "${region}"`);
  }
  const config: ResolvedCacheConfig = {
    databaseUrl: values['database-url'],
    region,
    listen: values.listen,
    admin: values.admin,
    pollIntervalMs: values['poll-interval'],
    heartbeatIntervalMs: values['heartbeat-interval'],
    tombstoneHorizonMs: values['tombstone-horizon'],
    backlogBytes: values['backlog-bytes'],
    maxResyncs: values['max-resyncs'],
    batchSize: values['batch-size'],
    catchUpTimeoutMs: values['catch-up-timeout'],
    databaseTimeoutMs: values['db-timeout'],
    livenessIntervalMs: values['db-liveness-interval'],
    ticketKeyRotationMs: values['ticket-key-rotation'],
  };
  if (values['cert-key-file'] !== undefined) config.certKeyFile = values['cert-key-file'];
  else if (env.SWITCHYARD_CERT_KEY) config.certKey = env.SWITCHYARD_CERT_KEY;
  const tlsCert = values['tls-cert'];
  const tlsKey = values['tls-key'];
  if ((tlsCert === undefined) !== (tlsKey === undefined)) {
    throw new CacheConfigError('TLS needs both --tls-cert and --tls-key');
  }
  if (tlsCert !== undefined) config.tlsCert = tlsCert;
  if (tlsKey !== undefined) config.tlsKey = tlsKey;
  if (values['token-file'] !== undefined) config.tokenFile = values['token-file'];
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

/** Reads the PEM files and the token named by the config; unreadable or empty files are CacheConfigErrors. */
export async function readSecrets(
  config: CacheServerConfig,
): Promise<{ tls?: { cert: Buffer; key: Buffer }; token?: string; platformKey?: PlatformKey }> {
  const read = async (path: string, what: string): Promise<Buffer> => {
    try {
      return await readFile(path);
    } catch (error) {
      throw new CacheConfigError(`cannot read ${what} "${path}": ${(error as Error).message}`);
    }
  };
  const result: { tls?: { cert: Buffer; key: Buffer }; token?: string; platformKey?: PlatformKey } = {};
  try {
    const platformKey = config.certKey
      ? PlatformKey.parse(config.certKey, 'SWITCHYARD_CERT_KEY')
      : await PlatformKey.load({ file: config.certKeyFile });
    if (platformKey) result.platformKey = platformKey;
  } catch (error) {
    throw error instanceof SwitchyardDbError ? new CacheConfigError(error.message) : error;
  }
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

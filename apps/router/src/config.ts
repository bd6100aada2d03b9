import { availableParallelism } from 'node:os';
import {
  CACHE_STALL_TIMEOUT_MS,
  type CacheClientSecrets,
  ConfigError,
  cacheClientFlags,
  cacheClientHelp,
  DEFAULT_REGION,
  flag,
  parseAddress,
  parseEndpoints,
  parseFlags,
  readCacheClientSecrets,
} from '@switchyard/config';
import { EngineOptionsError, Peers } from '@switchyard/http1';
import { ObjectStoreError, openObjectStore, type S3Options } from '@switchyard/object-store';
import { RouterConfigError } from './errors.ts';
import { defaultIngestThreads } from './ingest-pool.ts';
import { AddressPolicy, AddressPolicyError } from './serve/address-policy.ts';

/** Everything the router starts with; flags and `SWITCHYARD_*` variables map onto it one to one. */
export interface RouterConfig {
  /** `HOST:PORT` of every cache server of the cluster (one is used at a time, picked at random). */
  caches: string[];
  /** HTTP address the serving threads share (`reusePort`); port 0 picks a free port. */
  listen: string;
  /** Admin HTTP address: /healthz /readyz /metrics /debug/route /debug/state. */
  admin: string;
  /** Serving threads. */
  workers: number;
  /**
   * Client connections each serving thread serves at once (tunnels included). More wait, unread, in
   * arrival order (HAProxy's `maxconn`); one that waits past 10 s, or finds 1024 waiting, gets a 503.
   */
  maxConnections: number;
  /** Where the last-known-good snapshot is kept; none when absent. */
  stateDir?: string;
  /**
   * `HOST:PORT` free-plan web services are sent to, with X-Switchyard-Service-Id; several,
   * comma-separated: each service to one of them by rendezvous hashing, failing over to the next.
   */
  activator?: string;
  region: string;
  /** File holding the bearer token the caches require. */
  cacheTokenFile?: string;
  /** PEM root certificate(s) to verify the caches' TLS certificates with; TLS is used when set. */
  cacheTlsCa?: string;
  /** No event from the cache for this long: the stream is dead, another cache is tried. */
  cacheStallTimeoutMs: number;
  /** No cache answer for this long at start: serve the state dir's snapshot (degraded). */
  warmStartAfterMs: number;
  /**
   * Drain period on shutdown: requests in flight finish, idle keep-alive connections are kept (their
   * next answer says `Connection: close`); what is left at its end is closed.
   */
  drainTimeoutMs: number;
  /** After deltas, the state-dir snapshot is rewritten at most this often. */
  persistIntervalMs: number;
  /**
   * A web instance that refused or dropped a connection, or timed out (upstreamTimeoutMs), is
   * skipped for this long.
   */
  instanceCooldownMs: number;
  /**
   * No byte from an instance or activator for this long while a request waits on it (its response
   * head, or the next body bytes): 504, and an instance is put in cooldown.
   */
  upstreamTimeoutMs: number;
  /** Threads that decode and index snapshots; 0 builds them on the main thread. */
  ingestThreads: number;
  /** Object store of static-site builds (`file:///dir`, a path, `s3://bucket[/prefix]`); none → static sites get 503. */
  staticStore?: string;
  /** S3 endpoint/credentials for an `s3://` store (programmatic; the CLI reads SWITCHYARD_S3_ENDPOINT and AWS_*). */
  staticS3?: S3Options;
  /** Hot-object cache per serving thread, bytes; 0 disables it. */
  staticCacheBytes: number;
  /** Largest object the hot-object cache holds, bytes. */
  staticCacheObjectBytes: number;
  /** max-age (seconds) of non-HTML static files. */
  staticAssetMaxAgeSeconds: number;
  /** Rewrites (status 200) to absolute URLs are proxied; off → they answer 502 (routers for untrusted sites). */
  staticProxyRewrites: boolean;
  /**
   * Inside addresses proxy rewrites may reach anyway: `ADDRESS[/PREFIX][:PORT]` (IPv6 in brackets
   * before a port). Everything else loopback, private, link-local, unique-local or metadata is refused.
   */
  staticProxyAllow: string[];
  /** Ports proxy rewrites never connect to, on any address (the platform's own); the admin port is added. */
  staticProxyDenyPorts: number[];
  /** HTTPS address of the serving threads (`reusePort`); none: plain HTTP only. */
  listenTls?: string;
  /** PEM chain of the default certificate (names without a certificate of their own, no SNI). */
  tlsCertFile?: string;
  /** PEM private key of the default certificate. */
  tlsKeyFile?: string;
  /** A name whose certificate in the service database answers names without one of their own (before --tls-cert). */
  tlsDefaultName?: string;
  /** A TLS handshake not done by then is cut. */
  tlsHandshakeTimeoutMs: number;
  /**
   * Peers (addresses or CIDR ranges, e.g. the load balancers) whose X-Forwarded-*, X-Request-Id and
   * W3C traceparent/tracestate are kept; everyone else's are replaced.
   */
  trustedHops: string[];
  /** The access log: `off`, `stdout`, or a file path (appended to, reopened on SIGHUP). */
  accessLog: string;
  /** Fraction of requests the access log records, 0 < rate ≤ 1. */
  accessLogSample: number;
  /** Keep query strings in the access log's paths. */
  accessLogQuery: boolean;
  /** Records each serving thread's access-log ring holds (rounded up to a power of two); past that they are dropped and counted. */
  accessLogBuffer: number;
}

export const ROUTER_DEFAULTS = {
  listen: '127.0.0.1:8080',
  admin: '127.0.0.1:9090',
  region: DEFAULT_REGION,
  warmStartAfterMs: 3_000,
  drainTimeoutMs: 10_000,
  maxConnections: 10_000,
  persistIntervalMs: 30_000,
  instanceCooldownMs: 10_000,
  upstreamTimeoutMs: 60_000,
  tlsHandshakeTimeoutMs: 10_000,
  staticCacheBytes: 64 * 1024 * 1024,
  staticCacheObjectBytes: 256 * 1024,
  staticAssetMaxAgeSeconds: 60,
  staticProxyRewrites: true,
  /** The platform's ports (docs/operations.md): PostgreSQL, activator, admin ports, cache gRPC. */
  staticProxyDenyPorts: [5432, 8081, 9090, 9091, 9092, 9093, 50051],
  accessLog: 'off',
  accessLogSample: 1,
  accessLogBuffer: 8192,
} as const;

export const routerHelp = `Usage: switchyard router --caches HOST:PORT,... [options]

Keeps one Watch stream to one cache server (picked at random, failing over to another), writes the
shared-memory route table, and serves HTTP on N worker threads sharing one port (reusePort).

Options (environment variable in brackets):
  --caches HOST:PORT,...      cache servers of this cluster [SWITCHYARD_CACHES] (required)
  --listen HOST:PORT          HTTP address of the serving threads [SWITCHYARD_ROUTER_LISTEN] (default ${ROUTER_DEFAULTS.listen})
  --listen-tls HOST:PORT      HTTPS address of the serving threads: TLS 1.2/1.3, ALPN http/1.1, certificates
                              by SNI [SWITCHYARD_ROUTER_LISTEN_TLS] (default: none, plain HTTP only)
  --tls-cert FILE             PEM chain of the default certificate, for names without a certificate of their
                              own and handshakes without SNI (none: those handshakes fail) [SWITCHYARD_ROUTER_TLS_CERT]
  --tls-key FILE              PEM private key of the default certificate [SWITCHYARD_ROUTER_TLS_KEY]
  --tls-default-name NAME     the certificate the service database has for NAME (e.g. the platform's
                              wildcard for default subdomains) answers names without one of their own,
                              before --tls-cert [SWITCHYARD_ROUTER_TLS_DEFAULT_NAME]
                              Certificates come from the caches (WatchCertificates), which serve them to
                              routers with the cache token only (--cache-token-file).
  --tls-handshake-timeout DURATION  a TLS handshake not done by then is cut [SWITCHYARD_ROUTER_TLS_HANDSHAKE_TIMEOUT] (default 10s)
  --admin HOST:PORT           /healthz /readyz /metrics /debug/route /debug/state [SWITCHYARD_ROUTER_ADMIN] (default ${ROUTER_DEFAULTS.admin})
  --workers N                 serving threads [SWITCHYARD_ROUTER_WORKERS] (default: available parallelism)
  --max-connections N         client connections each serving thread serves at once; more wait, unread, in
                              arrival order (like HAProxy's maxconn); one that waits 10 s, or finds 1024
                              waiting, gets a 503 with Retry-After; on --listen-tls, a connection past N open
                              TLS connections is closed before its handshake; open descriptors: up to
                              workers × (2N + 2048) with TLS, workers × (N + 2048) without, plus upstreams [SWITCHYARD_ROUTER_MAX_CONNECTIONS] (default ${ROUTER_DEFAULTS.maxConnections})
  --state-dir DIR             keep a last-known-good snapshot here; serve it when no cache answers [SWITCHYARD_ROUTER_STATE_DIR]
  --activator HOST:PORT,...   where free-plan services are sent [SWITCHYARD_ACTIVATOR] (none: 503); with several,
                              each service goes to one (rendezvous hashing of its id, the same on every
                              router) and fails over to the next in its order while that one is down
  --region R                  region to watch [SWITCHYARD_REGION] (default ${ROUTER_DEFAULTS.region})
${cacheClientHelp}
  --upstream-timeout DURATION no byte from an instance (or the activator) for this long while a request waits:
                              504, and the instance is skipped for 10 s, as one that refuses connections
                              [SWITCHYARD_ROUTER_UPSTREAM_TIMEOUT] (default 60s)
  --warm-start-after DURATION serve the state dir's snapshot when no cache answered by then [SWITCHYARD_ROUTER_WARM_START_AFTER] (default 3s)
  --drain-timeout DURATION    drain period on shutdown: requests in flight finish, keep-alive connections are kept
                              and told Connection: close on their next answer, then the rest are closed
                              [SWITCHYARD_ROUTER_DRAIN_TIMEOUT] (default 10s)
  --ingest-threads N          threads that decode and index a snapshot together, 0: the main thread [SWITCHYARD_ROUTER_INGEST_THREADS] (default: min(2, available parallelism))
  --persist-interval DURATION rewrite the state-dir snapshot after deltas at most this often [SWITCHYARD_ROUTER_PERSIST_INTERVAL] (default 30s)
  --static-store URL          static-site builds: file:///dir, a path, or s3://bucket[/prefix] [SWITCHYARD_STATIC_STORE]
                              (none: static sites answer 503); for s3:// the endpoint and credentials come from
                              SWITCHYARD_S3_ENDPOINT, AWS_REGION, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY
  --static-cache-size BYTES   hot-object cache per serving thread, 0 disables [SWITCHYARD_ROUTER_STATIC_CACHE_SIZE] (default 64MiB)
  --static-cache-object-size BYTES  largest object cached [SWITCHYARD_ROUTER_STATIC_CACHE_OBJECT_SIZE] (default 256KiB)
  --static-max-age SECONDS    Cache-Control max-age of non-HTML static files [SWITCHYARD_ROUTER_STATIC_MAX_AGE] (default 60)
  --static-proxy-rewrites on|off  proxy rules' rewrites to absolute URLs; off answers them 502, e.g. when
                              sites are untrusted [SWITCHYARD_ROUTER_STATIC_PROXY_REWRITES] (default on)
  --static-proxy-allow LIST   inside addresses proxy rewrites may reach, ADDRESS[/PREFIX][:PORT],... (IPv6 in
                              brackets before a port); without it loopback, private, link-local, unique-local
                              and cloud-metadata addresses (also as IPv4-mapped IPv6) are refused, after DNS
                              resolution [SWITCHYARD_ROUTER_STATIC_PROXY_ALLOW] (default none)
  --static-proxy-deny-ports LIST  ports proxy rewrites never reach, on any address, unless an allow entry
                              names address and port (none: no port); the --admin port is always added
                              [SWITCHYARD_ROUTER_STATIC_PROXY_DENY_PORTS] (default ${ROUTER_DEFAULTS.staticProxyDenyPorts.join(',')})
  --trusted-hops LIST         peers whose X-Forwarded-*, X-Request-Id and traceparent/tracestate are kept,
                              addresses or CIDR ranges, e.g. the load balancers [SWITCHYARD_ROUTER_TRUSTED_HOPS]
                              (default none: every client's are replaced, and each request starts a new trace)
  --access-log PATH|stdout|off  one NDJSON line per request or WebSocket (pino conventions); a file is appended
                              to and reopened on SIGHUP (logrotate) [SWITCHYARD_ROUTER_ACCESS_LOG] (default off)
  --access-log-sample RATE    fraction of requests logged, 0 < RATE ≤ 1 [SWITCHYARD_ROUTER_ACCESS_LOG_SAMPLE] (default 1)
  --access-log-query          keep query strings in logged paths (default: cut at "?") [SWITCHYARD_ROUTER_ACCESS_LOG_QUERY]
  --access-log-buffer N       records buffered per serving thread before new ones are dropped (and counted in
                              switchyard_router_access_log_dropped_total) [SWITCHYARD_ROUTER_ACCESS_LOG_BUFFER] (default ${ROUTER_DEFAULTS.accessLogBuffer})
  -h, --help                  this text

Durations: a number with a unit, ms, s, m or h (e.g. 500ms, 2s, 1h). Sizes: bytes, or with KiB, MiB or GiB.`;

const specs = {
  caches: flag.list({ env: 'SWITCHYARD_CACHES', required: true }),
  listen: flag.address({ env: 'SWITCHYARD_ROUTER_LISTEN', default: ROUTER_DEFAULTS.listen }),
  admin: flag.address({ env: 'SWITCHYARD_ROUTER_ADMIN', default: ROUTER_DEFAULTS.admin }),
  'listen-tls': flag.address({ env: 'SWITCHYARD_ROUTER_LISTEN_TLS' }),
  'tls-cert': flag.string({ env: 'SWITCHYARD_ROUTER_TLS_CERT' }),
  'tls-key': flag.string({ env: 'SWITCHYARD_ROUTER_TLS_KEY' }),
  'tls-default-name': flag.string({ env: 'SWITCHYARD_ROUTER_TLS_DEFAULT_NAME' }),
  'tls-handshake-timeout': flag.duration({
    env: 'SWITCHYARD_ROUTER_TLS_HANDSHAKE_TIMEOUT',
    default: ROUTER_DEFAULTS.tlsHandshakeTimeoutMs,
  }),
  workers: flag.count({ env: 'SWITCHYARD_ROUTER_WORKERS' }),
  'max-connections': flag.count({ env: 'SWITCHYARD_ROUTER_MAX_CONNECTIONS' }),
  'state-dir': flag.string({ env: 'SWITCHYARD_ROUTER_STATE_DIR' }),
  activator: flag.string({ env: 'SWITCHYARD_ACTIVATOR' }),
  region: flag.string({ env: 'SWITCHYARD_REGION', default: ROUTER_DEFAULTS.region }),
  ...cacheClientFlags,
  'warm-start-after': flag.duration({
    env: 'SWITCHYARD_ROUTER_WARM_START_AFTER',
    default: ROUTER_DEFAULTS.warmStartAfterMs,
  }),
  'drain-timeout': flag.duration({ env: 'SWITCHYARD_ROUTER_DRAIN_TIMEOUT', default: ROUTER_DEFAULTS.drainTimeoutMs }),
  'upstream-timeout': flag.duration({
    env: 'SWITCHYARD_ROUTER_UPSTREAM_TIMEOUT',
    default: ROUTER_DEFAULTS.upstreamTimeoutMs,
  }),
  'ingest-threads': flag.string({ env: 'SWITCHYARD_ROUTER_INGEST_THREADS' }),
  'persist-interval': flag.duration({
    env: 'SWITCHYARD_ROUTER_PERSIST_INTERVAL',
    default: ROUTER_DEFAULTS.persistIntervalMs,
  }),
  'static-store': flag.string({ env: 'SWITCHYARD_STATIC_STORE' }),
  'static-cache-size': flag.string({ env: 'SWITCHYARD_ROUTER_STATIC_CACHE_SIZE' }),
  'static-cache-object-size': flag.string({ env: 'SWITCHYARD_ROUTER_STATIC_CACHE_OBJECT_SIZE' }),
  'static-max-age': flag.string({ env: 'SWITCHYARD_ROUTER_STATIC_MAX_AGE' }),
  'static-proxy-rewrites': flag.string({ env: 'SWITCHYARD_ROUTER_STATIC_PROXY_REWRITES' }),
  'static-proxy-allow': flag.list({ env: 'SWITCHYARD_ROUTER_STATIC_PROXY_ALLOW' }),
  'static-proxy-deny-ports': flag.string({ env: 'SWITCHYARD_ROUTER_STATIC_PROXY_DENY_PORTS' }),
  'trusted-hops': flag.list({ env: 'SWITCHYARD_ROUTER_TRUSTED_HOPS' }),
  'access-log': flag.string({ env: 'SWITCHYARD_ROUTER_ACCESS_LOG', default: ROUTER_DEFAULTS.accessLog }),
  'access-log-sample': flag.string({ env: 'SWITCHYARD_ROUTER_ACCESS_LOG_SAMPLE' }),
  'access-log-query': flag.boolean({ env: 'SWITCHYARD_ROUTER_ACCESS_LOG_QUERY' }),
  'access-log-buffer': flag.count({ env: 'SWITCHYARD_ROUTER_ACCESS_LOG_BUFFER' }),
};

/** Flags override `SWITCHYARD_*` variables; anything invalid is a RouterConfigError naming the flag. */
export function parseRouterConfig(argv: string[], env: NodeJS.ProcessEnv): RouterConfig {
  let values: ReturnType<typeof parseFlags<typeof specs>>;
  try {
    values = parseFlags(argv, env, specs);
  } catch (error) {
    if (error instanceof ConfigError) throw new RouterConfigError(error.message);
    throw error;
  }
  const caches = values.caches ?? [];
  const region = values.region ?? ROUTER_DEFAULTS.region;
  try {
    parseEndpoints(caches, '--caches');
    parseEndpoints(
      (values.activator ?? '').split(',').filter((a) => a.trim() !== ''),
      '--activator',
    );
  } catch (error) {
    throw new RouterConfigError((error as Error).message);
  }
  if (!/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(region)) {
    throw new RouterConfigError(`--region must be a lower-case name like "eu-west", got "${region}"`);
  }
  return withRouterDefaults({
    caches,
    listen: values.listen,
    admin: values.admin,
    listenTls: values['listen-tls'],
    tlsCertFile: values['tls-cert'],
    tlsKeyFile: values['tls-key'],
    tlsDefaultName: values['tls-default-name'],
    tlsHandshakeTimeoutMs: values['tls-handshake-timeout'],
    workers: values.workers,
    maxConnections: values['max-connections'],
    stateDir: values['state-dir'],
    activator: values.activator,
    region,
    cacheTokenFile: values['cache-token-file'],
    cacheTlsCa: values['cache-tls-ca'],
    cacheStallTimeoutMs: values['cache-stall-timeout'],
    warmStartAfterMs: values['warm-start-after'],
    drainTimeoutMs: values['drain-timeout'],
    upstreamTimeoutMs: values['upstream-timeout'],
    persistIntervalMs: values['persist-interval'],
    ingestThreads: parseIngestThreads(values['ingest-threads']),
    staticStore: values['static-store'],
    staticCacheBytes: parseSize(values['static-cache-size'], '--static-cache-size'),
    staticCacheObjectBytes: parseSize(values['static-cache-object-size'], '--static-cache-object-size'),
    staticAssetMaxAgeSeconds: parseSize(values['static-max-age'], '--static-max-age'),
    staticProxyRewrites: parseOnOff(values['static-proxy-rewrites'], '--static-proxy-rewrites'),
    staticProxyAllow: values['static-proxy-allow'],
    staticProxyDenyPorts: parsePorts(values['static-proxy-deny-ports'], '--static-proxy-deny-ports'),
    trustedHops: values['trusted-hops'],
    accessLog: values['access-log'],
    accessLogSample: parseRate(values['access-log-sample']),
    accessLogQuery: values['access-log-query'],
    accessLogBuffer: values['access-log-buffer'],
  });
}

function parseRate(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const rate = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(rate)) {
    throw new RouterConfigError(`--access-log-sample must be a number in (0, 1], got "${raw}"`);
  }
  return rate;
}

function parseOnOff(raw: string | undefined, name: string): boolean | undefined {
  if (raw === undefined) return undefined;
  if (raw === 'on') return true;
  if (raw === 'off') return false;
  throw new RouterConfigError(`${name} must be on or off, got "${raw}"`);
}

/** The ports proxy rewrites never reach: the deny list plus the router's own admin port (when fixed, not 0). */
export function proxyDenyPorts(config: Pick<RouterConfig, 'staticProxyDenyPorts' | 'admin'>): number[] {
  const adminPort = parseAddress(config.admin, '--admin').port;
  const ports = config.staticProxyDenyPorts;
  return adminPort === 0 || ports.includes(adminPort) ? [...ports] : [...ports, adminPort];
}

/** `5432,9090-9093` → the ports; `none` → none. */
function parsePorts(raw: string | undefined, name: string): number[] | undefined {
  if (raw === undefined) return undefined;
  if (raw.trim() === 'none') return [];
  const ports: number[] = [];
  for (const part of raw.split(',').map((p) => p.trim())) {
    if (part === '') continue;
    const m = /^(\d+)(?:-(\d+))?$/.exec(part);
    const from = Number(m?.[1]);
    const to = m?.[2] === undefined ? from : Number(m[2]);
    if (m === null || from < 1 || to > 65535 || from > to) {
      throw new RouterConfigError(`${name} must be ports or ranges like 5432,9090-9093; got "${part}"`);
    }
    for (let port = from; port <= to; port++) ports.push(port);
  }
  return ports;
}

const SIZE_UNITS: Record<string, number> = { '': 1, b: 1, kib: 1024, mib: 1024 ** 2, gib: 1024 ** 3 };

/** `65536`, `64KiB`, `64MiB`, `1GiB` → bytes. */
function parseSize(raw: string | undefined, name: string): number | undefined {
  if (raw === undefined) return undefined;
  const m = /^(\d+)\s*([a-z]*)$/i.exec(raw.trim());
  const unit = SIZE_UNITS[(m?.[2] ?? '').toLowerCase()];
  if (m === null || unit === undefined || !Number.isSafeInteger(Number(m[1]) * unit)) {
    throw new RouterConfigError(
      `${name} must be a whole number of bytes, optionally with KiB, MiB or GiB; got "${raw}"`,
    );
  }
  return Number(m[1]) * unit;
}

function parseIngestThreads(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(Number(raw))) {
    throw new RouterConfigError(`--ingest-threads must be 0 or a positive integer, got "${raw}"`);
  }
  return Number(raw);
}

/** Fills what a programmatic caller (tests, `switchyard dev`) left out. */
export function withRouterDefaults(config: Pick<RouterConfig, 'caches'> & Partial<RouterConfig>): RouterConfig {
  const resolved: RouterConfig = {
    listen: ROUTER_DEFAULTS.listen,
    admin: ROUTER_DEFAULTS.admin,
    workers: availableParallelism(),
    maxConnections: ROUTER_DEFAULTS.maxConnections,
    region: ROUTER_DEFAULTS.region,
    warmStartAfterMs: ROUTER_DEFAULTS.warmStartAfterMs,
    cacheStallTimeoutMs: CACHE_STALL_TIMEOUT_MS,
    drainTimeoutMs: ROUTER_DEFAULTS.drainTimeoutMs,
    persistIntervalMs: ROUTER_DEFAULTS.persistIntervalMs,
    instanceCooldownMs: ROUTER_DEFAULTS.instanceCooldownMs,
    upstreamTimeoutMs: ROUTER_DEFAULTS.upstreamTimeoutMs,
    tlsHandshakeTimeoutMs: ROUTER_DEFAULTS.tlsHandshakeTimeoutMs,
    ingestThreads: defaultIngestThreads(),
    staticCacheBytes: ROUTER_DEFAULTS.staticCacheBytes,
    staticCacheObjectBytes: ROUTER_DEFAULTS.staticCacheObjectBytes,
    staticAssetMaxAgeSeconds: ROUTER_DEFAULTS.staticAssetMaxAgeSeconds,
    staticProxyRewrites: ROUTER_DEFAULTS.staticProxyRewrites,
    staticProxyAllow: [],
    staticProxyDenyPorts: [...ROUTER_DEFAULTS.staticProxyDenyPorts],
    trustedHops: [],
    accessLog: ROUTER_DEFAULTS.accessLog,
    accessLogSample: ROUTER_DEFAULTS.accessLogSample,
    accessLogQuery: false,
    accessLogBuffer: ROUTER_DEFAULTS.accessLogBuffer,
    caches: config.caches,
  };
  for (const [key, value] of Object.entries(config)) {
    if (value !== undefined) (resolved as unknown as Record<string, unknown>)[key] = value;
  }
  if (resolved.caches.length === 0) throw new RouterConfigError('--caches needs at least one HOST:PORT');
  if (!Number.isInteger(resolved.workers) || resolved.workers < 1) {
    throw new RouterConfigError(`--workers must be a positive integer, got ${resolved.workers}`);
  }
  if (!Number.isInteger(resolved.maxConnections) || resolved.maxConnections < 1) {
    throw new RouterConfigError(`--max-connections must be a positive integer, got ${resolved.maxConnections}`);
  }
  if (!Number.isInteger(resolved.ingestThreads) || resolved.ingestThreads < 0) {
    throw new RouterConfigError(`--ingest-threads must be 0 or a positive integer, got ${resolved.ingestThreads}`);
  }
  for (const key of ['staticCacheBytes', 'staticCacheObjectBytes', 'staticAssetMaxAgeSeconds'] as const) {
    if (!Number.isSafeInteger(resolved[key]) || resolved[key] < 0) {
      throw new RouterConfigError(`${key} must be a whole number ≥ 0, got ${resolved[key]}`);
    }
  }
  if (!(resolved.accessLogSample > 0 && resolved.accessLogSample <= 1)) {
    throw new RouterConfigError(`--access-log-sample must be a number in (0, 1], got ${resolved.accessLogSample}`);
  }
  if (resolved.accessLog.trim() === '') {
    throw new RouterConfigError('--access-log must be a file path, stdout or off');
  }
  if (!Number.isInteger(resolved.accessLogBuffer) || resolved.accessLogBuffer < 1) {
    throw new RouterConfigError(`--access-log-buffer must be a positive integer, got ${resolved.accessLogBuffer}`);
  }
  try {
    new Peers(resolved.trustedHops);
  } catch (error) {
    if (error instanceof EngineOptionsError) throw new RouterConfigError(`--trusted-hops: ${error.message}`);
    throw error;
  }
  try {
    new AddressPolicy({ allow: resolved.staticProxyAllow });
  } catch (error) {
    if (error instanceof AddressPolicyError) throw new RouterConfigError(`--static-proxy-allow: ${error.message}`);
    throw error;
  }
  if ((resolved.tlsCertFile === undefined) !== (resolved.tlsKeyFile === undefined)) {
    throw new RouterConfigError('--tls-cert and --tls-key go together: the default certificate needs both');
  }
  if (resolved.tlsCertFile !== undefined && resolved.listenTls === undefined) {
    throw new RouterConfigError('--tls-cert needs --listen-tls (the address that serves HTTPS)');
  }
  if (resolved.staticStore !== undefined) {
    try {
      // Validates the URL (scheme, bucket, credentials) once, here, with a clear message.
      openObjectStore(resolved.staticStore, resolved.staticS3 ?? {})
        .close()
        .catch(() => {});
    } catch (error) {
      if (error instanceof ObjectStoreError) throw new RouterConfigError(`--static-store: ${error.message}`);
      throw error;
    }
  }
  return resolved;
}

/** The cache token and TLS CA named by the config, if any; an unreadable or empty file is a RouterConfigError. */
export async function readCacheCredentials(config: RouterConfig): Promise<CacheClientSecrets> {
  try {
    return await readCacheClientSecrets(config);
  } catch (error) {
    if (error instanceof ConfigError) throw new RouterConfigError(error.message);
    throw error;
  }
}

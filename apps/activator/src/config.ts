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
import { ActivatorConfigError } from './errors.ts';

export const SCALER_KINDS = ['process', 'http'] as const;
export type ScalerKind = (typeof SCALER_KINDS)[number];

/** Everything the activator starts with; flags and `SWITCHYARD_*` variables map onto it one to one. */
export interface ActivatorConfig {
  /** `HOST:PORT` of every cache server of the cluster (one is used at a time, picked at random). */
  caches: string[];
  /** HTTP address routers send free services' requests to; port 0 picks a free port. Keep it reachable only from routers. */
  listen: string;
  /** Admin HTTP address: /healthz /readyz /metrics /debug/services. */
  admin: string;
  region: string;
  /** File holding the bearer token the caches require. */
  cacheTokenFile?: string;
  /** PEM root certificate(s) to verify the caches' TLS certificates with; TLS is used when set. */
  cacheTlsCa?: string;
  /** No event from the cache for this long: the stream is dead, another cache is tried. */
  cacheStallTimeoutMs: number;
  scaler: ScalerKind;
  /** Base URL of the orchestrator (`http` scaler). */
  orchestrator?: string;
  /** No request in flight for this long: drain and scale down. */
  idleTimeoutMs: number;
  /** Requests held per service while it starts; beyond: 503 with Retry-After. */
  queueLimit: number;
  /** A request waits at most this long for its service to start: 504. A wake is abandoned after it. */
  wakeTimeoutMs: number;
  /** `process` scaler: SIGTERM, then SIGKILL after this long. */
  stopGraceMs: number;
  /** `process` scaler: append each instance's stdout and stderr to `<dir>/<service id>.log`. */
  processLogDir?: string;
  /**
   * `process` scaler: records of running instances are kept here; at start, instances a SIGKILLed
   * predecessor left running are found and stopped. None: not recorded.
   */
  stateDir?: string;
  /** Requests in flight get this long to finish on shutdown. */
  drainTimeoutMs: number;
  /**
   * The other activators of the cluster (`HOST:PORT` of their serving addresses, the routers'
   * `--activator` list; this one's own `--listen` is skipped): asked before a wake whether they run
   * the service already, so that a service runs on one activator at a time.
   */
  peers: string[];
}

export const ACTIVATOR_DEFAULTS = {
  listen: '127.0.0.1:8180',
  admin: '127.0.0.1:9190',
  region: DEFAULT_REGION,
  scaler: 'process',
  idleTimeoutMs: 15 * 60_000,
  queueLimit: 1000,
  wakeTimeoutMs: 60_000,
  stopGraceMs: 5_000,
  drainTimeoutMs: 10_000,
  cacheStallTimeoutMs: CACHE_STALL_TIMEOUT_MS,
} as const satisfies Partial<ActivatorConfig>;

export const activatorHelp = `Usage: switchyard activator --caches HOST:PORT,... [options]

Serves the requests routers send for free-plan web services (header X-Switchyard-Service-Id): wakes a
scaled-to-zero service through its scaler, holds its requests while it starts, proxies them to the
instance, and scales it down after an idle period. Learns services from a cache server's Watch stream.
It trusts the service id header: make it reachable from routers only (the default address is loopback).

Options (environment variable in brackets):
  --caches HOST:PORT,...      cache servers of this cluster [SWITCHYARD_CACHES] (required)
  --listen HOST:PORT          HTTP address for routers [SWITCHYARD_ACTIVATOR_LISTEN] (default ${ACTIVATOR_DEFAULTS.listen})
  --admin HOST:PORT           /healthz /readyz /metrics /debug/services [SWITCHYARD_ACTIVATOR_ADMIN] (default ${ACTIVATOR_DEFAULTS.admin})
  --region R                  region to watch [SWITCHYARD_REGION] (default ${ACTIVATOR_DEFAULTS.region})
${cacheClientHelp}
  --scaler process|http       how services are started and stopped [SWITCHYARD_ACTIVATOR_SCALER] (default ${ACTIVATOR_DEFAULTS.scaler})
  --orchestrator URL          the http scaler's orchestrator base URL [SWITCHYARD_ACTIVATOR_ORCHESTRATOR]
  --idle-timeout DURATION     scale down after this long with no request [SWITCHYARD_ACTIVATOR_IDLE_TIMEOUT] (default 15m)
  --queue-limit N             requests held per starting service; beyond: 503 [SWITCHYARD_ACTIVATOR_QUEUE_LIMIT] (default ${ACTIVATOR_DEFAULTS.queueLimit})
  --wake-timeout DURATION     longest wait for a service to start: 504 [SWITCHYARD_ACTIVATOR_WAKE_TIMEOUT] (default 60s)
  --stop-grace DURATION       process scaler: SIGTERM, then SIGKILL after this [SWITCHYARD_ACTIVATOR_STOP_GRACE] (default 5s)
  --process-log-dir DIR       process scaler: append instance output to DIR/<service id>.log [SWITCHYARD_ACTIVATOR_PROCESS_LOG_DIR]
  --state-dir DIR             process scaler: record running instances here; at start, stop the ones an activator
                              killed before it could stop them (SIGKILL, OOM) left running [SWITCHYARD_ACTIVATOR_STATE_DIR]
  --drain-timeout DURATION    in-flight requests get this long on shutdown [SWITCHYARD_ACTIVATOR_DRAIN_TIMEOUT] (default 10s)
  --peers HOST:PORT,...       the cluster's other activators (the routers' --activator list; this one's own
                              --listen is skipped): before a wake each is asked whether it runs the service
                              already, and if one does, requests are forwarded to it instead [SWITCHYARD_ACTIVATOR_PEERS]
  -h, --help                  this text

Durations: a number with a unit, ms, s, m or h (e.g. 500ms, 2s, 1h).`;

const specs = {
  caches: flag.list({ env: 'SWITCHYARD_CACHES', required: true }),
  listen: flag.address({ env: 'SWITCHYARD_ACTIVATOR_LISTEN', default: ACTIVATOR_DEFAULTS.listen }),
  admin: flag.address({ env: 'SWITCHYARD_ACTIVATOR_ADMIN', default: ACTIVATOR_DEFAULTS.admin }),
  region: flag.string({ env: 'SWITCHYARD_REGION', default: ACTIVATOR_DEFAULTS.region }),
  ...cacheClientFlags,
  scaler: flag.string({ env: 'SWITCHYARD_ACTIVATOR_SCALER', default: ACTIVATOR_DEFAULTS.scaler }),
  orchestrator: flag.string({ env: 'SWITCHYARD_ACTIVATOR_ORCHESTRATOR' }),
  'idle-timeout': flag.duration({
    env: 'SWITCHYARD_ACTIVATOR_IDLE_TIMEOUT',
    default: ACTIVATOR_DEFAULTS.idleTimeoutMs,
  }),
  'queue-limit': flag.count({ env: 'SWITCHYARD_ACTIVATOR_QUEUE_LIMIT', default: ACTIVATOR_DEFAULTS.queueLimit }),
  'wake-timeout': flag.duration({
    env: 'SWITCHYARD_ACTIVATOR_WAKE_TIMEOUT',
    default: ACTIVATOR_DEFAULTS.wakeTimeoutMs,
  }),
  'stop-grace': flag.duration({ env: 'SWITCHYARD_ACTIVATOR_STOP_GRACE', default: ACTIVATOR_DEFAULTS.stopGraceMs }),
  'process-log-dir': flag.string({ env: 'SWITCHYARD_ACTIVATOR_PROCESS_LOG_DIR' }),
  'state-dir': flag.string({ env: 'SWITCHYARD_ACTIVATOR_STATE_DIR' }),
  peers: flag.list({ env: 'SWITCHYARD_ACTIVATOR_PEERS' }),
  'drain-timeout': flag.duration({
    env: 'SWITCHYARD_ACTIVATOR_DRAIN_TIMEOUT',
    default: ACTIVATOR_DEFAULTS.drainTimeoutMs,
  }),
};

/** Flags override `SWITCHYARD_*` variables; anything invalid is an ActivatorConfigError naming the flag. */
export function parseActivatorConfig(argv: string[], env: NodeJS.ProcessEnv): ActivatorConfig {
  let values: ReturnType<typeof parseFlags<typeof specs>>;
  try {
    values = parseFlags(argv, env, specs);
  } catch (error) {
    if (error instanceof ConfigError) throw new ActivatorConfigError(error.message);
    throw error;
  }
  return withActivatorDefaults({
    caches: values.caches,
    listen: values.listen,
    admin: values.admin,
    region: values.region,
    cacheTokenFile: values['cache-token-file'],
    cacheTlsCa: values['cache-tls-ca'],
    cacheStallTimeoutMs: values['cache-stall-timeout'],
    scaler: values.scaler as ScalerKind,
    orchestrator: values.orchestrator,
    idleTimeoutMs: values['idle-timeout'],
    queueLimit: values['queue-limit'],
    wakeTimeoutMs: values['wake-timeout'],
    stopGraceMs: values['stop-grace'],
    processLogDir: values['process-log-dir'],
    stateDir: values['state-dir'],
    peers: values.peers,
    drainTimeoutMs: values['drain-timeout'],
  });
}

/** Fills what a programmatic caller (tests, `switchyard dev`) left out, and validates the whole config. */
export function withActivatorDefaults(
  config: Pick<ActivatorConfig, 'caches'> & Partial<ActivatorConfig>,
): ActivatorConfig {
  const resolved: ActivatorConfig = { ...ACTIVATOR_DEFAULTS, peers: [], caches: config.caches };
  for (const [key, value] of Object.entries(config)) {
    if (value !== undefined) (resolved as unknown as Record<string, unknown>)[key] = value;
  }
  validate(resolved);
  return resolved;
}

function validate(config: ActivatorConfig): void {
  if (config.caches.length === 0) throw new ActivatorConfigError('--caches needs at least one HOST:PORT');
  try {
    parseEndpoints(config.caches, '--caches');
    parseEndpoints(config.peers, '--peers');
  } catch (error) {
    throw new ActivatorConfigError((error as Error).message);
  }
  for (const [flagName, address] of [
    ['--listen', config.listen],
    ['--admin', config.admin],
  ] as const) {
    try {
      parseAddress(address, flagName);
    } catch (error) {
      throw new ActivatorConfigError((error as Error).message);
    }
  }
  if (!/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(config.region)) {
    throw new ActivatorConfigError(`--region must be a lower-case name like "eu-west", got "${config.region}"`);
  }
  if (!(SCALER_KINDS as readonly string[]).includes(config.scaler)) {
    throw new ActivatorConfigError(`--scaler must be ${SCALER_KINDS.join(' or ')}, got "${config.scaler}"`);
  }
  if (config.scaler === 'http') {
    if (config.orchestrator === undefined) throw new ActivatorConfigError('--scaler http needs --orchestrator URL');
    if (!isHttpUrl(config.orchestrator)) {
      throw new ActivatorConfigError(`--orchestrator must be an http(s) URL, got "${config.orchestrator}"`);
    }
  }
  for (const [flagName, value] of [
    ['--idle-timeout', config.idleTimeoutMs],
    ['--queue-limit', config.queueLimit],
    ['--wake-timeout', config.wakeTimeoutMs],
    ['--stop-grace', config.stopGraceMs],
    ['--drain-timeout', config.drainTimeoutMs],
  ] as const) {
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new ActivatorConfigError(
        `${flagName} must be a positive integer (milliseconds for durations), got ${value}`,
      );
    }
  }
}

/** The cache token and TLS CA named by the config, if any; an unreadable or empty file is an ActivatorConfigError. */
export async function readCacheCredentials(config: ActivatorConfig): Promise<CacheClientSecrets> {
  try {
    return await readCacheClientSecrets(config);
  } catch (error) {
    if (error instanceof ConfigError) throw new ActivatorConfigError(error.message);
    throw error;
  }
}

export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

import { join, resolve } from 'node:path';
import { ConfigError, DEFAULT_REGION, flag, parseAddress, parseFlags } from '@switchyard/config';
import { UsageError } from '../errors.ts';
import { DEFAULT_DATA_DIR } from './state-file.ts';

export const devUsage = `Usage: switchyard dev [options]

Runs the whole stack on this machine: an embedded PostgreSQL (data kept in --data-dir), migrations,
demo data on a new database, two cache servers, the activator and one router as child processes, the
demo instances of the "hello" service and a filesystem object store for static sites (in --data-dir).
Ctrl-C, SIGTERM or SIGHUP stops everything, router first; so does the death of the process that started
dev (e.g. npm start killed with SIGKILL).

Options (environment variable in brackets):
  --listen HOST:PORT         the router's HTTP address [SWITCHYARD_DEV_LISTEN] (default 127.0.0.1:8080)
  --listen-tls HOST:PORT     the router's HTTPS address, with a certificate from a local development CA
                             made once in --data-dir/tls [SWITCHYARD_DEV_LISTEN_TLS] (default 127.0.0.1:8443)
  --admin-base-port N        router admin on N, cache admin on N+1 and N+2, activator admin on N+3
                             [SWITCHYARD_DEV_ADMIN_BASE_PORT] (default 9090)
  --activator-port N         the activator's HTTP port (the router sends free services there)
                             [SWITCHYARD_DEV_ACTIVATOR_PORT] (default 8180)
  --idle-timeout DURATION    the activator stops an idle free service after this [SWITCHYARD_DEV_IDLE_TIMEOUT] (default 60s)
  --cache-base-port N        cache gRPC on N and N+1 [SWITCHYARD_DEV_CACHE_BASE_PORT] (default 50051)
  --postgres-port N          embedded PostgreSQL [SWITCHYARD_DEV_POSTGRES_PORT] (default 54329)
  --demo-base-port N         demo instances of "hello" on N and N+1 [SWITCHYARD_DEV_DEMO_BASE_PORT] (default 3001)
  --data-dir DIR             database, router snapshot and logs [SWITCHYARD_DEV_DATA_DIR] (default .switchyard)
  --workers N                router serving threads [SWITCHYARD_DEV_WORKERS] (default 2)
  --fresh                    delete --data-dir first: a new database with fresh demo data
  -h, --help                 this text

While it runs, --data-dir holds dev.json (database URL, ports, process ids): database commands run
in that directory or below it use its database when neither --database-url nor
SWITCHYARD_DATABASE_URL is given.`;

/** Every address `switchyard dev` binds, derived from the flags once. */
export interface DevConfig {
  dataDir: string;
  fresh: boolean;
  workers: number;
  /** The region every dev component holds and the demo services live in. */
  region: string;
  host: string;
  routerListen: string;
  routerListenTls: string;
  routerAdmin: string;
  caches: { name: string; listen: string; admin: string }[];
  postgresPort: number;
  demoPorts: number[];
  activatorListen: string;
  activatorAdmin: string;
  /** The activator's --idle-timeout, as given (e.g. "60s"). */
  idleTimeout: string;
  /** The filesystem object store static sites are published to. */
  staticStoreDir: string;
}

export const DEV_DEFAULTS = {
  listen: '127.0.0.1:8080',
  listenTls: '127.0.0.1:8443',
  adminBasePort: 9090,
  cacheBasePort: 50051,
  postgresPort: 54329,
  demoBasePort: 3001,
  activatorPort: 8180,
  idleTimeout: '60s',
  dataDir: DEFAULT_DATA_DIR,
  workers: 2,
} as const;

const specs = {
  listen: flag.address({ env: 'SWITCHYARD_DEV_LISTEN' }),
  'listen-tls': flag.address({ env: 'SWITCHYARD_DEV_LISTEN_TLS' }),
  'admin-base-port': flag.count({ env: 'SWITCHYARD_DEV_ADMIN_BASE_PORT' }),
  'cache-base-port': flag.count({ env: 'SWITCHYARD_DEV_CACHE_BASE_PORT' }),
  'postgres-port': flag.count({ env: 'SWITCHYARD_DEV_POSTGRES_PORT' }),
  'demo-base-port': flag.count({ env: 'SWITCHYARD_DEV_DEMO_BASE_PORT' }),
  'activator-port': flag.count({ env: 'SWITCHYARD_DEV_ACTIVATOR_PORT' }),
  'idle-timeout': flag.duration({ env: 'SWITCHYARD_DEV_IDLE_TIMEOUT' }),
  'data-dir': flag.string({ env: 'SWITCHYARD_DEV_DATA_DIR' }),
  workers: flag.count({ env: 'SWITCHYARD_DEV_WORKERS' }),
  fresh: flag.boolean(),
};

/** Flags over `SWITCHYARD_DEV_*` variables over defaults; a bad value is a UsageError naming the flag. */
export function parseDevConfig(argv: string[], env: NodeJS.ProcessEnv, cwd: string): DevConfig {
  let values: ReturnType<typeof parseFlags<typeof specs>>;
  try {
    values = parseFlags(argv, env, specs);
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message, devUsage);
    throw error;
  }
  const { host, port } = parseAddress(values.listen ?? DEV_DEFAULTS.listen, '--listen');
  if (port === 0) throw new UsageError('--listen needs a fixed port (the printed URLs name it)', devUsage);
  const tls = parseAddress(values['listen-tls'] ?? DEV_DEFAULTS.listenTls, '--listen-tls');
  if (tls.port === 0) throw new UsageError('--listen-tls needs a fixed port (the printed URLs name it)', devUsage);
  const at = (p: number) => (host.includes(':') ? `[${host}]:${p}` : `${host}:${p}`);
  const portFrom = (base: number, offset: number, flagName: string): number => {
    const p = base + offset;
    if (p > 65535) throw new UsageError(`--${flagName} ${base} leaves no room for port ${p}`, devUsage);
    return p;
  };
  const adminBase = values['admin-base-port'] ?? DEV_DEFAULTS.adminBasePort;
  const cacheBase = values['cache-base-port'] ?? DEV_DEFAULTS.cacheBasePort;
  const demoBase = values['demo-base-port'] ?? DEV_DEFAULTS.demoBasePort;
  const dataDir = resolve(cwd, values['data-dir'] ?? DEV_DEFAULTS.dataDir);
  const idleMs = values['idle-timeout'];
  return {
    dataDir,
    fresh: values.fresh ?? false,
    workers: values.workers ?? DEV_DEFAULTS.workers,
    region: DEFAULT_REGION,
    host,
    routerListen: at(port),
    routerListenTls: tls.host.includes(':') ? `[${tls.host}]:${tls.port}` : `${tls.host}:${tls.port}`,
    routerAdmin: at(portFrom(adminBase, 0, 'admin-base-port')),
    caches: [0, 1].map((i) => ({
      name: `cache-${'ab'[i]}`,
      listen: at(portFrom(cacheBase, i, 'cache-base-port')),
      admin: at(portFrom(adminBase, i + 1, 'admin-base-port')),
    })),
    postgresPort: portFrom(values['postgres-port'] ?? DEV_DEFAULTS.postgresPort, 0, 'postgres-port'),
    demoPorts: [portFrom(demoBase, 0, 'demo-base-port'), portFrom(demoBase, 1, 'demo-base-port')],
    activatorListen: at(portFrom(values['activator-port'] ?? DEV_DEFAULTS.activatorPort, 0, 'activator-port')),
    activatorAdmin: at(portFrom(adminBase, 3, 'admin-base-port')),
    idleTimeout: idleMs === undefined ? DEV_DEFAULTS.idleTimeout : `${idleMs}ms`,
    staticStoreDir: join(dataDir, 'static'),
  };
}

/** Each port `dev` will bind, with the flag that moves it (for the "already in use" message). */
export function plannedPorts(config: DevConfig): { what: string; host: string; port: number; flag: string }[] {
  const split = (address: string) => parseAddress(address, 'address');
  const entry = (what: string, address: string, flagName: string) => ({ what, ...split(address), flag: flagName });
  return [
    entry('router HTTP', config.routerListen, '--listen'),
    entry('router HTTPS', config.routerListenTls, '--listen-tls'),
    entry('router admin', config.routerAdmin, '--admin-base-port'),
    entry('activator HTTP', config.activatorListen, '--activator-port'),
    entry('activator admin', config.activatorAdmin, '--admin-base-port'),
    ...config.caches.flatMap((c) => [
      entry(`${c.name} gRPC`, c.listen, '--cache-base-port'),
      entry(`${c.name} admin`, c.admin, '--admin-base-port'),
    ]),
    { what: 'PostgreSQL', host: '127.0.0.1', port: config.postgresPort, flag: '--postgres-port' },
    ...config.demoPorts.map((port, i) => ({
      what: `demo instance hello-${i + 1}`,
      host: '127.0.0.1',
      port,
      flag: '--demo-base-port',
    })),
  ];
}

// Serving threads over a table of N seeded services plus `app.example` → the backend, without a
// cache or admin server: for A/B runs of the per-request path against bench/forward/proxy.ts.
// `startServingOnly` is the same set-up for any table (bench/static/serve-router.ts serves a static site with it).
// Usage: npx node --conditions=source bench/router/serving-only.ts PORT BACKEND_PORT [services=100000] [workers=1]
//        [--access-log PATH] [--tls-port PORT --tls-cert FILE --tls-key FILE]
import { parseArgs } from 'node:util';
import type { Service } from '@switchyard/proto';
import { seededService } from '@switchyard/service-db';
import { type Logger, silentLogger } from '@switchyard/telemetry';
import { AccessLog } from '../../apps/router/src/access-log/access-log.ts';
import { allocateSharedMetrics } from '../../apps/router/src/shared-metrics.ts';
import { Supervisor, type SupervisorOptions } from '../../apps/router/src/supervisor.ts';
import { TableKeeper } from '../../apps/router/src/table-keeper.ts';
import { loadTlsServing } from '../../apps/router/src/tls/tls-config.ts';

export interface ServingOnlyOptions {
  services: Service[];
  port: number;
  workers: number;
  logger: Logger;
  /** Static-site serving; undefined → static sites answer 503. */
  static?: SupervisorOptions['static'];
  /** HTTPS beside HTTP; undefined → plain HTTP only. */
  tls?: SupervisorOptions['tls'];
  /** Write every request's access-log record to this file (the router's --access-log). */
  accessLog?: string;
}

/** The router's serving threads on 127.0.0.1:`port` over a table of `services`: no cache, database or admin. */
export async function startServingOnly(
  options: ServingOnlyOptions,
): Promise<{ supervisor: Supervisor; keeper: TableKeeper }> {
  let supervisor: Supervisor | undefined;
  const keeper = new TableKeeper({
    logger: options.logger,
    onHandle: (h) => supervisor?.publish(h),
    onChange: () => {},
  });
  keeper.load(options.services, 1, 0);
  const accessLog =
    options.accessLog === undefined
      ? undefined
      : new AccessLog({ target: options.accessLog, slots: options.workers, logger: options.logger });
  supervisor = new Supervisor({
    workers: options.workers,
    host: '127.0.0.1',
    port: options.port,
    handle: keeper.handle,
    metrics: allocateSharedMetrics(options.workers),
    activator: undefined,
    instanceCooldownMs: 10_000,
    static: options.static,
    tls: options.tls,
    ...(accessLog === undefined ? {} : { accessLog: { rings: accessLog.rings, sampleRate: 1, includeQuery: false } }),
    logger: options.logger,
  });
  await supervisor.start();
  // SIGTERM drains the threads so that they exit on their own (and `--cpu-prof` writes their profiles).
  // A thread writing a long run's profile needs longer than the hard stop after a short drain.
  const drainMs = process.env.SWITCHYARD_THREAD_PROFILE_DIR ? 10_000 : 500;
  process.once('SIGTERM', () => {
    void (supervisor as Supervisor).drain(drainMs).finally(() => process.exit(0));
  });
  return { supervisor, keeper };
}

const KIND = { web: 1, static: 2 } as const;
const PLAN = { free: 1, paid: 2 } as const;
const STATE = { active: 1, suspended: 2 } as const;

if (import.meta.main) {
  const { values: flags, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      'access-log': { type: 'string' },
      'tls-port': { type: 'string' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
    },
  });
  const [port, backendPort, count = '100000', workers = '1'] = positionals;
  const accessLog = flags['access-log'];
  const tlsPort = flags['tls-port'];
  const services: Service[] = [
    {
      id: 'bench-app',
      kind: 1,
      plan: 2,
      state: 1,
      hostnames: ['app.example'],
      instances: [{ host: '127.0.0.1', port: Number(backendPort), ready: true }],
    },
  ];
  for (let i = 0; i < Number(count); i++) {
    const s = seededService(1, i, ['bench']);
    services.push({
      id: s.id,
      kind: KIND[s.kind],
      plan: PLAN[s.plan],
      state: STATE[s.state],
      hostnames: s.hostnames,
      instances: s.instances,
    });
  }
  const { keeper } = await startServingOnly({
    services,
    port: Number(port),
    workers: Number(workers),
    logger: silentLogger(),
    ...(accessLog === undefined ? {} : { accessLog }),
    tls:
      tlsPort === undefined
        ? undefined
        : await loadTlsServing({
            listenTls: `127.0.0.1:${tlsPort}`,
            tlsCertFile: flags['tls-cert'],
            tlsKeyFile: flags['tls-key'],
            tlsHandshakeTimeoutMs: 10_000,
            maxConnections: 10_000,
          }),
  });
  console.log(`serving on ${port} with ${keeper.state().services} services`);
}

// Serving threads over a table of N seeded services plus `app.example` → the backend, without a
// cache or admin server: for A/B runs of the per-request path against bench/forward/proxy.ts.
// `startServingOnly` is the same set-up for any table (bench/static/serve-router.ts serves a static site with it).
// Usage: npx node --conditions=source bench/router/serving-only.ts PORT BACKEND_PORT [services=100000] [workers=1]
//        [TLS_PORT CERT_FILE KEY_FILE]   (also HTTPS on TLS_PORT with that default certificate)
import type { Service } from '@switchyard/proto';
import { seededService } from '@switchyard/service-db';
import { type Logger, silentLogger } from '@switchyard/telemetry';
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
    logger: options.logger,
  });
  await supervisor.start();
  // SIGTERM drains the threads so that they exit on their own (and `--cpu-prof` writes their profiles).
  process.once('SIGTERM', () => {
    void (supervisor as Supervisor).drain(500).finally(() => process.exit(0));
  });
  return { supervisor, keeper };
}

const KIND = { web: 1, static: 2 } as const;
const PLAN = { free: 1, paid: 2 } as const;
const STATE = { active: 1, suspended: 2 } as const;

if (import.meta.main) {
  const [port, backendPort, count = '100000', workers = '1', tlsPort, certFile, keyFile] = process.argv.slice(2);
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
    tls:
      tlsPort === undefined
        ? undefined
        : await loadTlsServing({
            listenTls: `127.0.0.1:${tlsPort}`,
            tlsCertFile: certFile,
            tlsKeyFile: keyFile,
            tlsHandshakeTimeoutMs: 10_000,
          }),
  });
  console.log(`serving on ${port} with ${keeper.state().services} services`);
}

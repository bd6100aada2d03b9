// Serving threads over a table of N seeded services plus `app.example` → the backend, without a
// cache or admin server: for A/B runs of the per-request path against bench/forward/proxy.ts.
// Usage: npx node --conditions=source bench/router/serving-only.ts PORT BACKEND_PORT [services=100000] [workers=1]
import type { Service } from '@switchyard/proto';
import { seededService } from '@switchyard/service-db';
import { silentLogger } from '@switchyard/telemetry';
import { allocateSharedMetrics } from '../../apps/router/src/shared-metrics.ts';
import { Supervisor } from '../../apps/router/src/supervisor.ts';
import { TableKeeper } from '../../apps/router/src/table-keeper.ts';

const [port, backendPort, count = '100000', workers = '1'] = process.argv.slice(2);
const KIND = { web: 1, static: 2 } as const;
const PLAN = { free: 1, paid: 2 } as const;
const STATE = { active: 1, suspended: 2 } as const;
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
const logger = silentLogger();
let supervisor: Supervisor | undefined;
const keeper = new TableKeeper({
  logger,
  onHandle: (h) => supervisor?.publish(h),
  onChange: () => {},
  keepRecords: false,
});
keeper.load(services, 1, 0);
supervisor = new Supervisor({
  workers: Number(workers),
  host: '127.0.0.1',
  port: Number(port),
  handle: keeper.handle,
  metrics: allocateSharedMetrics(Number(workers)),
  activator: undefined,
  instanceCooldownMs: 10_000,
  logger,
});
await supervisor.start();
console.log(`serving on ${port} with ${keeper.state().services} services`);

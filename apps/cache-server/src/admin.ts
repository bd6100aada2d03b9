import { type AdminServer, buildInfo, createRegistry, type Registry, startAdminServer } from '@switchyard/telemetry';
import type { RouteState } from './state.ts';
import type { SubscriberHub } from './subscriber.ts';

export function createCacheRegistry(region: string): Registry {
  return createRegistry({ component: 'cache', defaultLabels: { region } });
}

/** /healthz, /readyz (after the initial load), /metrics and /debug/state. */
export function startCacheAdmin(opts: {
  listen: string;
  registry: Registry;
  state: RouteState;
  hub: SubscriberHub;
  region: string;
}): Promise<AdminServer> {
  const { state, hub } = opts;
  return startAdminServer({
    listen: opts.listen,
    registry: opts.registry,
    isReady: () => state.loaded,
    routes: {
      '/debug/state': (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            region: opts.region,
            loaded: state.loaded,
            version: state.version,
            completeSince: state.completeSince,
            commitTimeMs: state.commitTimeMs,
            records: state.records.size,
            tombstones: state.tombstones.size,
            subscribers: hub.size,
            build: buildInfo(),
          }),
        );
      },
    },
  });
}

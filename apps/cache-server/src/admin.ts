import { type AdminServer, buildInfo, createRegistry, type Registry, startAdminServer } from '@switchyard/telemetry';
import type { RouteState } from './state.ts';
import type { SubscriberHub } from './subscriber.ts';
import type { CertificateState } from './tls/certificate-state.ts';

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
  /** Counts and versions only: never a certificate's key (nor its PEM). */
  certificates?: CertificateState | undefined;
  certificateSubscribers?: () => number;
}): Promise<AdminServer> {
  const tls = opts.certificates;
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
            certificates: tls
              ? {
                  loaded: tls.loaded,
                  version: tls.version,
                  count: tls.certificates.size,
                  tombstones: tls.tombstones.size,
                  ticketKeys: tls.ticketKeys.keys?.length ?? 0,
                  ticketKeysVersion: tls.ticketKeys.version,
                  subscribers: opts.certificateSubscribers?.() ?? 0,
                }
              : null,
            build: buildInfo(),
          }),
        );
      },
    },
  });
}

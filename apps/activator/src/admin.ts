import type { ServerResponse } from 'node:http';
import { type CacheRefusal, describeRefusal } from '@switchyard/router';
import type { AdminRoute } from '@switchyard/telemetry';
import type { Lifecycles } from './lifecycles.ts';
import type { ServiceDirectory } from './service-directory.ts';

export interface AdminDeps {
  directory: ServiceDirectory;
  lifecycles: Lifecycles;
  isSynced: () => boolean;
  /** The sync part of /debug/services. */
  sync: () => unknown;
  /** The latest cache refusal of this activator's configuration since it last synced, if any. */
  refusal?: () => CacheRefusal | null;
}

/** `/readyz` with its reason and `/debug/services`: every known free service and its state. */
export function adminRoutes(deps: AdminDeps): Record<string, AdminRoute> {
  return {
    '/readyz': (_req, res) => {
      const refusal = deps.refusal?.();
      const refused = refusal ? `cache refused this activator: ${describeRefusal(refusal)}\n` : '';
      if (deps.isSynced()) return text(res, 200, `ready\n${refused}`);
      text(res, 503, refusal ? `not ready: ${refused}` : 'not ready: no complete state from a cache yet\n');
    },
    '/debug/services': (_req, res) => {
      const views = new Map(deps.lifecycles.views().map((view) => [view.id, view]));
      const services = [...deps.directory.all()].map((service) => {
        const view = views.get(service.id);
        return {
          id: service.id,
          name: service.name,
          suspended: service.suspended,
          scalerRef: service.scalerRef,
          version: service.version,
          state: view?.state ?? 'scaled-to-zero',
          since: view === undefined ? null : new Date(view.sinceMs).toISOString(),
          queued: view?.queued ?? 0,
          inFlight: view?.inFlight ?? 0,
          instance: view?.instance ?? null,
          coldStarts: view?.coldStarts ?? 0,
          lastError: view?.lastError ?? null,
        };
      });
      json(res, 200, { sync: deps.sync(), services });
    },
  };
}

function text(res: ServerResponse, status: number, body: string): void {
  reply(res, status, 'text/plain; charset=utf-8', body);
}

function json(res: ServerResponse, status: number, body: unknown): void {
  reply(res, status, 'application/json', `${JSON.stringify(body, null, 2)}\n`);
}

function reply(res: ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store' });
  res.end(body);
}

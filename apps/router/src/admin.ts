import type { ServerResponse } from 'node:http';
import { RouteTableReader } from '@switchyard/route-table';
import type { AdminRoute } from '@switchyard/telemetry';
import { parseTarget, RouteDecider } from './routing.ts';
import type { TableKeeper } from './table-keeper.ts';

export interface AdminDeps {
  keeper: TableKeeper;
  activator: string | undefined;
  instanceCooldownMs: number;
  isReady: () => boolean;
  isDegraded: () => boolean;
  /** The body of /debug/state. */
  state: () => unknown;
}

/** The router's admin routes besides /healthz and /metrics: /readyz with a reason, /debug/*. */
export function adminRoutes(deps: AdminDeps): Record<string, AdminRoute> {
  const activator = deps.activator === undefined ? undefined : parseTarget(deps.activator);
  return {
    '/readyz': (_req, res) => {
      if (!deps.isReady())
        return text(res, 503, 'not ready: not synced with a cache and no state-dir snapshot served yet\n');
      if (deps.isDegraded()) {
        return text(res, 200, 'ready (degraded): serving the state-dir snapshot; no cache has answered yet\n');
      }
      return text(res, 200, 'ready\n');
    },
    '/debug/state': (_req, res) => json(res, 200, deps.state()),
    '/debug/route': (_req, res, url) => {
      const host = url.searchParams.get('host');
      if (!host) return json(res, 400, { error: 'give ?host=NAME (and optionally &path=/x)' });
      // A fresh reader on the current generation: the main thread holds the writer, not a reader.
      const decider = new RouteDecider(RouteTableReader.attach(deps.keeper.handle), activator, deps.instanceCooldownMs);
      const explanation = decider.explain(host);
      json(res, 200, {
        ...explanation,
        path: url.searchParams.get('path') ?? '/',
        tableVersion: deps.keeper.state().version,
      });
    },
  };
}

function text(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  res.end(body);
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(`${JSON.stringify(body, null, 2)}\n`);
}

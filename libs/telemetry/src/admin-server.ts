import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { formatAddress, parseAddress } from '@switchyard/config';
import type { Registry } from 'prom-client';

/** An extra admin route: answers GET requests on an exact path. */
export type AdminRoute = (req: IncomingMessage, res: ServerResponse, url: URL) => void | Promise<void>;

export interface AdminServerConfig {
  /** `HOST:PORT`; port 0 picks a free one. Default `127.0.0.1:0`. */
  listen?: string;
  registry: Registry;
  /** `/readyz` answers 200 only while this returns true. */
  isReady: () => boolean;
  /** Extra routes by exact path, e.g. `/debug/state`. */
  routes?: Record<string, AdminRoute>;
}

export interface AdminServer {
  /** The bound `HOST:PORT`, with the real port. */
  address: string;
  close(): Promise<void>;
}

/** `/healthz`, `/readyz`, `/metrics` and any extra routes, on a small HTTP server. */
export async function startAdminServer(config: AdminServerConfig): Promise<AdminServer> {
  const { host, port } = parseAddress(config.listen ?? '127.0.0.1:0', 'admin address');
  const routes: Record<string, AdminRoute> = {
    '/healthz': (_req, res) => text(res, 200, 'ok\n'),
    '/readyz': (_req, res) => (config.isReady() ? text(res, 200, 'ready\n') : text(res, 503, 'not ready\n')),
    '/metrics': async (_req, res) => {
      const body = await config.registry.metrics();
      res.writeHead(200, { 'content-type': config.registry.contentType });
      res.end(body);
    },
    ...config.routes,
  };

  const server = createServer({ requestTimeout: 30_000, headersTimeout: 10_000 }, (req, res) => {
    const url = new URL(req.url ?? '/', 'http://admin.invalid');
    const route = routes[url.pathname];
    if (!route) return text(res, 404, 'not found\n');
    if (req.method !== 'GET' && req.method !== 'HEAD') return text(res, 405, 'method not allowed\n');
    Promise.resolve()
      .then(() => route(req, res, url))
      .catch((error: unknown) => {
        if (!res.headersSent) text(res, 500, `${error instanceof Error ? error.message : String(error)}\n`);
        else res.destroy();
      });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host, port }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const bound = server.address() as AddressInfo;

  return {
    address: formatAddress(bound.address, bound.port),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function text(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  res.end(body);
}

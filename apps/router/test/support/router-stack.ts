import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { type AddressInfo, createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CacheServer, type CacheServerConfig, startCacheServer, withDefaults } from '@switchyard/cache-server';
import { addHostname, addInstance, createService } from '@switchyard/service-db';
import { createTestDatabase, type TestDatabase } from '@switchyard/service-db/testing';
import { silentLogger } from '@switchyard/telemetry';
import pg from 'pg';
import { type RouterConfig, withRouterDefaults } from '../../src/config.ts';
import { type Router, startRouter } from '../../src/main.ts';

/** A real service database, real cache servers, real routers and real HTTP backends for one test file. */
export class RouterStack {
  database!: TestDatabase;
  pool!: pg.Pool;
  readonly caches: CacheServer[] = [];
  readonly routers: Router[] = [];
  readonly backends: Backend[] = [];
  readonly dirs: string[] = [];

  async start(): Promise<this> {
    this.database = await createTestDatabase();
    this.pool = new pg.Pool({ connectionString: this.database.url, max: 3 });
    // Tests cut the database's connections on purpose; an idle client's error is expected then.
    this.pool.on('error', () => {});
    return this;
  }

  async startCache(listen = '127.0.0.1:0', extra: Partial<CacheServerConfig> = {}): Promise<CacheServer> {
    const cache = await startCacheServer(
      withDefaults({
        databaseUrl: this.database.url,
        region: 'eu',
        listen,
        admin: '127.0.0.1:0',
        heartbeatIntervalMs: 200,
        pollIntervalMs: 500,
        ...extra,
      }),
      { logger: silentLogger() },
    );
    await cache.ready;
    this.caches.push(cache);
    return cache;
  }

  async startRouter(overrides: Partial<RouterConfig> = {}): Promise<Router> {
    const router = await startRouter(
      withRouterDefaults({
        caches: this.caches.map((c) => c.grpcAddress),
        region: 'eu',
        listen: '127.0.0.1:0',
        admin: '127.0.0.1:0',
        workers: 2,
        warmStartAfterMs: 500,
        drainTimeoutMs: 3_000,
        persistIntervalMs: 200,
        ...overrides,
      }),
      { logger: silentLogger() },
    );
    this.routers.push(router);
    return router;
  }

  async startBackend(name: string): Promise<Backend> {
    const backend = await startBackend(name);
    this.backends.push(backend);
    return backend;
  }

  async stateDir(): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'router-state-'));
    this.dirs.push(dir);
    return dir;
  }

  /** A paid web service with `hostnames`, its instances ready at `backends`. */
  async paidService(name: string, hostnames: string[], backends: Backend[]): Promise<string> {
    const service = await createService(this.pool, { name, kind: 'web', plan: 'paid', region: 'eu' });
    for (const hostname of hostnames) await addHostname(this.pool, service.id, hostname);
    for (const backend of backends) {
      await addInstance(this.pool, service.id, { host: '127.0.0.1', port: backend.port, ready: true });
    }
    return service.id;
  }

  async stop(): Promise<void> {
    await Promise.all(this.routers.map((r) => r.close().catch(() => {})));
    await Promise.all(this.caches.map((c) => c.close().catch(() => {})));
    await Promise.all(this.backends.map((b) => b.close()));
    await this.pool?.end();
    await this.database?.drop();
    await Promise.all(this.dirs.map((d) => rm(d, { recursive: true, force: true })));
  }
}

/** A plain HTTP backend that answers `backend=<name>` and records the headers it saw. */
export interface Backend {
  readonly name: string;
  readonly port: number;
  readonly server: Server;
  readonly seen: IncomingHttpHeaders[];
  /** Delay before answering, per request (for drain tests). */
  delayMs: number;
  close(): Promise<void>;
}

export async function startBackend(name: string): Promise<Backend> {
  const seen: IncomingHttpHeaders[] = [];
  const backend: Backend = {
    name,
    port: 0,
    server: createServer((req, res) => {
      seen.push(req.headers);
      req.resume();
      req.on('end', () => {
        const answer = () => {
          res.writeHead(200, { 'content-type': 'text/plain' });
          res.end(`backend=${name} path=${req.url}`);
        };
        if (backend.delayMs > 0) setTimeout(answer, backend.delayMs);
        else answer();
      });
    }),
    seen,
    delayMs: 0,
    close: () =>
      new Promise<void>((resolve) => {
        backend.server.closeAllConnections();
        backend.server.close(() => resolve());
      }),
  };
  await new Promise<void>((resolve) => backend.server.listen(0, '127.0.0.1', resolve));
  (backend as { port: number }).port = (backend.server.address() as AddressInfo).port;
  return backend;
}

/** A TCP port free right now on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createNetServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export function portOf(address: string): number {
  return Number(address.slice(address.lastIndexOf(':') + 1));
}

export async function until(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** GET on the admin server. */
export async function admin(router: Router, path: string): Promise<{ status: number; text: string }> {
  const res = await fetch(`http://${router.adminAddress}${path}`);
  return { status: res.status, text: await res.text() };
}

import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CacheServer, startCacheServer, withDefaults } from '@switchyard/cache-server';
import { type Router, startRouter, withRouterDefaults } from '@switchyard/router';
import { addHostname, addInstance, createService } from '@switchyard/service-db';
import { createTestDatabase, type TestDatabase } from '@switchyard/service-db/testing';
import { silentLogger } from '@switchyard/telemetry';
import pg from 'pg';
import { type CertsConfig, withCertsDefaults } from '../../src/config.ts';
import { type CertManager, startCertManager } from '../../src/main.ts';
import type { Pebble } from './pebble.ts';

/**
 * A real service database, two cache servers and two routers, each router following a different cache
 * (with the token and the platform key: certificates and ACME challenges flow), a backend, and
 * certificate managers against a Pebble.
 */
export class CertsStack {
  database!: TestDatabase;
  pool!: pg.Pool;
  dir!: string;
  readonly rawKey = randomBytes(32).toString('base64');
  readonly caches: CacheServer[] = [];
  readonly routers: Router[] = [];
  readonly managers: CertManager[] = [];
  backend!: Server;
  backendPort = 0;
  serviceId = '';

  async start(): Promise<this> {
    this.database = await createTestDatabase();
    this.pool = new pg.Pool({ connectionString: this.database.url, max: 4 });
    this.pool.on('error', () => {});
    this.dir = await mkdtemp(join(tmpdir(), 'certs-test-'));
    const tokenFile = join(this.dir, 'token');
    await writeFile(tokenFile, 'certs-test-token');
    for (let i = 0; i < 2; i++) {
      const cache = await startCacheServer(
        withDefaults({
          databaseUrl: this.database.url,
          region: 'eu',
          listen: '127.0.0.1:0',
          admin: '127.0.0.1:0',
          heartbeatIntervalMs: 200,
          pollIntervalMs: 500,
          tokenFile,
          certKey: this.rawKey,
        }),
        { logger: silentLogger() },
      );
      await cache.ready;
      this.caches.push(cache);
    }
    for (const cache of this.caches) {
      const router = await startRouter(
        withRouterDefaults({
          caches: [cache.grpcAddress],
          region: 'eu',
          listen: '127.0.0.1:0',
          listenTls: '127.0.0.1:0',
          admin: '127.0.0.1:0',
          workers: 2,
          cacheTokenFile: tokenFile,
          drainTimeoutMs: 2_000,
        }),
        { logger: silentLogger() },
      );
      await router.ready;
      this.routers.push(router);
    }
    this.backend = createServer((_req, res) => res.end('hello from the shop\n'));
    this.backend.listen(0, '127.0.0.1');
    await once(this.backend, 'listening');
    this.backendPort = (this.backend.address() as { port: number }).port;
    const service = await createService(this.pool, { name: 'shop', kind: 'web', plan: 'paid', region: 'eu' });
    await addInstance(this.pool, service.id, { host: '127.0.0.1', port: this.backendPort, ready: true });
    this.serviceId = service.id;
    return this;
  }

  async addHostname(hostname: string): Promise<void> {
    await addHostname(this.pool, this.serviceId, hostname);
  }

  /** A manager in this process, against `pebble`, with fast test timings unless overridden. */
  async startManager(pebble: Pebble, overrides: Partial<CertsConfig> = {}, owner?: string): Promise<CertManager> {
    const manager = await startCertManager(this.managerConfig(pebble, overrides), {
      logger: silentLogger(),
      ...(owner === undefined ? {} : { owner }),
    });
    this.managers.push(manager);
    return manager;
  }

  managerConfig(pebble: Pebble, overrides: Partial<CertsConfig> = {}): CertsConfig {
    return withCertsDefaults({
      databaseUrl: this.database.url,
      acmeDirectory: pebble.directory,
      acmeCaFile: pebble.caFile,
      accountKeyFile: join(this.dir, 'account.key'),
      contact: ['mailto:ops@example.com'],
      admin: '127.0.0.1:0',
      certKeyFile: join(this.dir, 'platform.key'),
      intervalMs: 200,
      leaseMs: 3_000,
      orderSpacingMs: 0,
      propagationWaitMs: 300,
      minBackoffMs: 500,
      maxBackoffMs: 2_000,
      renewJitterMs: 0,
      orderTimeoutMs: 60_000,
      ...overrides,
    });
  }

  async writePlatformKey(): Promise<void> {
    await writeFile(join(this.dir, 'platform.key'), this.rawKey, { mode: 0o600 });
  }

  /** The router's plain HTTP port. */
  httpPort(i: number): number {
    return portOf((this.routers[i] as Router).address);
  }

  tlsPort(i: number): number {
    return portOf((this.routers[i] as Router).tlsAddress as string);
  }

  async stop(): Promise<void> {
    await Promise.all(this.managers.map((m) => m.close().catch(() => {})));
    await Promise.all(this.routers.map((r) => r.close().catch(() => {})));
    await Promise.all(this.caches.map((c) => c.close().catch(() => {})));
    this.backend?.close();
    await this.pool?.end();
    await this.database?.drop();
    await rm(this.dir, { recursive: true, force: true });
  }
}

export function portOf(address: string): number {
  return Number(address.slice(address.lastIndexOf(':') + 1));
}

export async function until<T>(
  condition: () => T | undefined | false | Promise<T | undefined | false>,
  what: string,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

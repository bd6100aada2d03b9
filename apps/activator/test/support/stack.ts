import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CacheServer, startCacheServer, withDefaults } from '@switchyard/cache-server';
import { type Router, type RouterConfig, startRouter, withRouterDefaults } from '@switchyard/router';
import { addHostname, createService } from '@switchyard/service-db';
import { createTestDatabase, type TestDatabase } from '@switchyard/service-db/testing';
import { silentLogger } from '@switchyard/telemetry';
import pg from 'pg';
import { type ActivatorConfig, withActivatorDefaults } from '../../src/config.ts';
import { type Activator, type ActivatorDeps, startActivator } from '../../src/main.ts';

export { isAlive, isRunning } from './processes.ts';

export const DEMO_APP = new URL('../fixtures/demo-app.mjs', import.meta.url).pathname;

/** A real service database, a real cache server, a real activator and a real router (1 thread) in front of it. */
export class ActivatorStack {
  database!: TestDatabase;
  pool!: pg.Pool;
  cache!: CacheServer;
  activator!: Activator;
  router!: Router;
  dir!: string;

  async start(config: Partial<ActivatorConfig> = {}, deps: ActivatorDeps = {}): Promise<this> {
    await this.startBackbone();
    this.activator = await startActivator(
      withActivatorDefaults({
        caches: [this.cache.grpcAddress],
        region: 'eu',
        listen: '127.0.0.1:0',
        admin: '127.0.0.1:0',
        stopGraceMs: 2_000,
        drainTimeoutMs: 2_000,
        ...config,
      }),
      { logger: silentLogger(), ...deps },
    );
    await this.activator.ready;
    this.router = await this.startRouter(this.activator.address);
    return this;
  }

  /** The service database, its pool and a cache server, in a fresh temporary directory. */
  async startBackbone(): Promise<void> {
    this.dir = await mkdtemp(join(tmpdir(), 'activator-test-'));
    this.database = await createTestDatabase();
    this.pool = new pg.Pool({ connectionString: this.database.url, max: 3 });
    this.cache = await startCacheServer(
      withDefaults({
        databaseUrl: this.database.url,
        region: 'eu',
        listen: '127.0.0.1:0',
        admin: '127.0.0.1:0',
        heartbeatIntervalMs: 200,
        pollIntervalMs: 500,
      }),
      { logger: silentLogger() },
    );
    await this.cache.ready;
  }

  /** A router (1 serving thread) in front of `activator` (one address, or several comma-separated). */
  async startRouter(activator: string, overrides: Partial<RouterConfig> = {}): Promise<Router> {
    const router = await startRouter(
      withRouterDefaults({
        caches: [this.cache.grpcAddress],
        region: 'eu',
        listen: '127.0.0.1:0',
        admin: '127.0.0.1:0',
        workers: 1,
        ingestThreads: 0,
        activator,
        drainTimeoutMs: 2_000,
        ...overrides,
      }),
      { logger: silentLogger() },
    );
    await router.ready;
    return router;
  }

  get routerPort(): number {
    return portOf(this.router.address);
  }

  /** A file the demo app appends its start lines to. */
  startsFile(name: string): string {
    return join(this.dir, `${name}.starts`);
  }

  /** A free web service at `<name>.example.com` running the demo app; resolves once router and activator know it. */
  async freeService(
    name: string,
    app: { env?: Record<string, string>; scalerRef?: string } = {},
  ): Promise<{ id: string; host: string; startsFile: string }> {
    const startsFile = this.startsFile(name);
    const scalerRef =
      app.scalerRef ??
      JSON.stringify({
        command: [process.execPath, DEMO_APP],
        env: { NAME: name, STARTS_FILE: startsFile, ...app.env },
      });
    const service = await createService(this.pool, { name, kind: 'web', plan: 'free', region: 'eu', scalerRef });
    const host = `${name}.example.com`;
    await addHostname(this.pool, service.id, host);
    await until(async () => {
      const route = (await adminJson(this.router.adminAddress, `/debug/route?host=${host}`)) as { decision?: string };
      const known = (await adminJson(this.activator.adminAddress, '/debug/services')) as {
        services: { id: string }[];
      };
      return route.decision === 'activator' && known.services.some((s) => s.id === service.id);
    }, `router and activator know ${name}`);
    return { id: service.id, host, startsFile };
  }

  async stop(): Promise<void> {
    await this.router?.close().catch(() => {});
    await this.activator?.close().catch(() => {});
    await this.cache?.close().catch(() => {});
    await this.pool?.end();
    await this.database?.drop();
    await rm(this.dir, { recursive: true, force: true });
  }
}

export function portOf(address: string): number {
  return Number(address.slice(address.lastIndexOf(':') + 1));
}

export async function adminJson(address: string, path: string): Promise<unknown> {
  const res = await fetch(`http://${address}${path}`);
  return res.json();
}

/** Lines of a demo app's starts file by kind (`spawn`, `listening`, `held`: a GET /hold arrived): `[pid, ms]` pairs. */
export async function starts(
  file: string,
): Promise<{ spawn: [number, number][]; listening: [number, number][]; held: [number, number][] }> {
  const text = await readFile(file, 'utf8').catch(() => '');
  const out = { spawn: [] as [number, number][], listening: [] as [number, number][], held: [] as [number, number][] };
  for (const line of text.split('\n')) {
    const [kind, pid, ms] = line.split(' ');
    if (kind === 'spawn' || kind === 'listening' || kind === 'held') out[kind].push([Number(pid), Number(ms)]);
  }
  return out;
}

/** Polls `check` until it is true; generous, since the machine is shared and slow. */
export async function until(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await check()) return;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

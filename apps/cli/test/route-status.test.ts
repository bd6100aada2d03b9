import { createServer, type Server } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { CacheServer } from '@switchyard/cache-server';
import type { Router } from '@switchyard/router';
import { addHostname, addInstance, createService } from '@switchyard/service-db';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ComponentStatus, DatabaseStatus } from '../src/commands/status.ts';
import { runCli } from './support/cli.ts';
import { useTestDatabase } from './support/database.ts';
import { startTestCache, startTestRouter } from './support/stack.ts';

// A real database, a real cache server and a real router (in this process), asked through their admin servers.
const database = useTestDatabase();
let pool: pg.Pool;
let cache: CacheServer;
let router: Router;
let shopId: string;
let sleepyId: string;
let cacheClosed = false;

beforeAll(async () => {
  pool = new pg.Pool({ connectionString: database.url, max: 2 });
  const shop = await createService(pool, { name: 'shop', kind: 'web', plan: 'paid', region: 'eu' });
  shopId = shop.id;
  await addHostname(pool, shop.id, 'shop.test');
  await addHostname(pool, shop.id, '*.shop.test');
  await addInstance(pool, shop.id, { host: '127.0.0.1', port: 4101 });
  const sleepy = await createService(pool, { name: 'sleepy', kind: 'web', plan: 'free', region: 'eu' });
  sleepyId = sleepy.id;
  await addHostname(pool, sleepy.id, 'sleepy.test');
  cache = await startTestCache(database.url);
  router = await startTestRouter(cache);
});

afterAll(async () => {
  await router?.close();
  if (!cacheClosed) await cache?.close();
  await pool?.end();
});

/** The CLI in-process with no SWITCHYARD_* variable. */
const cli = (...argv: string[]) => runCli(argv);

/** A loopback port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('switchyard route explain', () => {
  it('explains a wildcard match of a paid service: record, service name, decision, target', async () => {
    const { code, out, err } = await cli(
      'route',
      'explain',
      'http://api.shop.test:8080/v1/items?x=1',
      '--router-admin',
      router.adminAddress,
      '--database-url',
      database.url,
    );
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toContain('host api.shop.test, path /v1/items?x=1');
    expect(out).toMatch(/match:\s+wildcard \*\.shop\.test/);
    expect(out).toContain(`"shop" ${shopId}  web, paid, active`);
    expect(out).toMatch(/instances:\s+127\.0\.0\.1:4101/);
    expect(out).toMatch(/decision:\s+instance -> 127\.0\.0\.1:4101/);
    expect(out).toMatch(/why:\s+paid web service/);
  });

  it('takes a URL without a scheme, and explains an exact match of a free service without an activator', async () => {
    const { code, out } = await cli('route', 'explain', 'sleepy.test/', '--router-admin', router.adminAddress);
    expect(code).toBe(0);
    expect(out).toMatch(/match:\s+exact hostname sleepy\.test/);
    // No database given and no dev running: the name is left out, the rest is the router's.
    expect(out).toContain(`service:    ${sleepyId}  web, free, active`);
    expect(out).toMatch(/decision:\s+no-instance|decision:\s+\S*instance/i);
    expect(out).toMatch(/why:.*activator/);
  });

  it('says when nothing matches', async () => {
    const { code, out } = await cli('route', 'explain', 'http://nobody.test/', '--router-admin', router.adminAddress);
    expect(code).toBe(0);
    expect(out).toMatch(/match:\s+none/);
    expect(out).toMatch(/why:.*404/);
    expect(out).not.toContain('service:');
  });

  it('prints the router answer as JSON with --json', async () => {
    const { code, out } = await cli(
      'route',
      'explain',
      'shop.test',
      '--router-admin',
      router.adminAddress,
      '--database-url',
      database.url,
      '--json',
    );
    expect(code).toBe(0);
    const answer = JSON.parse(out);
    expect(answer).toMatchObject({
      url: 'shop.test',
      routerAdmin: router.adminAddress,
      serviceName: 'shop',
      host: 'shop.test',
      path: '/',
      match: 'exact',
      target: '127.0.0.1:4101',
      record: { serviceId: shopId, kind: 'web', plan: 'paid' },
    });
    expect(answer.tableVersion).toBeGreaterThan(0);
  });

  it('fails with exit code 1 naming the address when the router does not answer', async () => {
    const port = await closedPort();
    const { code, err } = await cli('route', 'explain', 'shop.test', '--router-admin', `127.0.0.1:${port}`);
    expect(code).toBe(1);
    expect(err).toContain(`127.0.0.1:${port} did not answer /debug/route`);
  });

  it('rejects a missing URL and a bad admin address as usage errors', async () => {
    expect((await cli('route', 'explain')).code).toBe(2);
    const bad = await cli('route', 'explain', 'shop.test', '--router-admin', 'nowhere');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--router-admin must be HOST:PORT');
  });
});

describe('switchyard status', () => {
  it('shows router, cache and database up and ready, with versions and lag', async () => {
    const { code, out, err } = await cli(
      'status',
      '--router-admin',
      router.adminAddress,
      '--cache-admin',
      cache.adminAddress,
      '--database-url',
      database.url,
    );
    expect(err).toBe('');
    expect(code).toBe(0);
    const lines = out.split('\n');
    expect(lines[0]).toMatch(/^COMPONENT\s+ADMIN\s+STATUS\s+VERSION\s+BUILD\s+LAG/);
    const routerLine = lines.find((l) => l.startsWith('router ')) ?? '';
    expect(routerLine).toContain(router.adminAddress);
    expect(routerLine).toMatch(/\bready\b/);
    expect(routerLine).toContain(`follows ${cache.grpcAddress}`);
    expect(routerLine).toMatch(/\d+ behind cache \(newest cache\)/);
    expect(routerLine).toContain('node v');
    const cacheLine = lines.find((l) => l.startsWith('cache ')) ?? '';
    expect(cacheLine).toMatch(/\bready\b/);
    expect(cacheLine).toMatch(/\d+ xids behind the database/);
    expect(lines.find((l) => l.startsWith('database '))).toMatch(/\bup\b/);
  });

  it('gives the versions as JSON: the router at most at its cache, the cache at most at the database', async () => {
    const { code, out } = await cli(
      'status',
      '--router-admin',
      router.adminAddress,
      '--cache-admin',
      cache.adminAddress,
      '--database-url',
      database.url,
      '--json',
    );
    expect(code).toBe(0);
    const { components, database: db } = JSON.parse(out) as {
      components: ComponentStatus[];
      database: DatabaseStatus;
    };
    const [r, c] = components as [ComponentStatus, ComponentStatus];
    expect(r).toMatchObject({ name: 'router', kind: 'router', up: true, ready: true });
    expect(c).toMatchObject({ name: 'cache', kind: 'cache', up: true, ready: true });
    expect(r.version).toBeGreaterThan(0);
    expect(r.version).toBeLessThanOrEqual(c.version as number);
    expect(c.version).toBeLessThanOrEqual(db.version as number);
    expect(r.state?.cache).toBe(cache.grpcAddress);
  });

  it('shows an unreachable component as DOWN and exits 1', async () => {
    const port = await closedPort();
    const { code, out } = await cli(
      'status',
      '--router-admin',
      router.adminAddress,
      '--cache-admin',
      `${cache.adminAddress},127.0.0.1:${port}`,
    );
    expect(code).toBe(1);
    expect(out).toMatch(/^cache-1\s.*\bready\b/m);
    expect(out).toMatch(new RegExp(`^cache-2\\s+127\\.0\\.0\\.1:${port}\\s+DOWN`, 'm'));
    expect(out).toContain(`cache-2: down: 127.0.0.1:${port} did not answer /readyz`);
  });

  it('shows an unreachable database as DOWN and exits 1', async () => {
    const port = await closedPort();
    const { code, out } = await cli(
      'status',
      '--router-admin',
      router.adminAddress,
      '--database-url',
      `postgres://postgres@127.0.0.1:${port}/postgres`,
    );
    expect(code).toBe(1);
    expect(out).toMatch(/^database\s+-\s+DOWN/m);
  });

  it('shows a router its cache refuses (wrong region) as not ready, with what is wrong and the fix; exits 1', async () => {
    const refused = await startTestRouter(cache, { region: 'us' }, { waitReady: false });
    try {
      let last = { code: -1, out: '', err: '' };
      for (let i = 0; i < 300 && !last.out.includes('refused'); i++) {
        if (i > 0) await sleep(50);
        last = await cli('status', '--router-admin', refused.adminAddress);
      }
      expect(last.code).toBe(1);
      expect(last.out).toMatch(/^router\s+\S+\s+not ready \(refused: region\)/m);
      expect(last.out).toContain(
        `router: cache ${cache.grpcAddress} serves region "eu", not region "us" that this process asks for\n` +
          `  fix: set --region eu (SWITCHYARD_REGION), or point --caches at region "us"'s caches`,
      );
    } finally {
      await refused.close();
    }
  });

  // Last: it stops the only cache.
  it('shows a router that lost its only cache as still ready, and not connected', async () => {
    await cache.close();
    cacheClosed = true;
    let last = { code: -1, out: '', err: '' };
    for (let i = 0; i < 300 && !last.out.includes('not connected to a cache'); i++) {
      if (i > 0) await sleep(100);
      last = await cli('status', '--router-admin', router.adminAddress);
    }
    expect(last.out).toMatch(
      new RegExp(`^router\\s.*\\bready\\b.*not connected to a cache \\(last ${cache.grpcAddress}\\)`, 'm'),
    );
    expect(last.code).toBe(0);
  });
});

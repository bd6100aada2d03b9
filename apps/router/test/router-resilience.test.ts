import { connect, type Socket } from 'node:net';
import { addHostname } from '@switchyard/service-db';
import pg from 'pg';
import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send } from './support/client.ts';
import { admin, type Backend, freePort, portOf, RouterStack, until } from './support/router-stack.ts';

const stack = new RouterStack();
let backend: Backend;
let serviceId: string;

beforeAll(async () => {
  await stack.start();
  backend = await stack.startBackend('app');
  serviceId = await stack.paidService('app', ['app.example.com'], [backend]);
  await stack.startCache();
  await stack.startCache();
});
afterAll(() => stack.stop());

/** Sends requests back to back over keep-alive connections until stopped; counts failures. */
function loopRequests(port: number, host: string) {
  const agent = new Agent({ connections: 4 });
  const result = { ok: 0, failed: [] as string[] };
  let running = true;
  const done = (async () => {
    while (running) {
      try {
        const res = await request(`http://127.0.0.1:${port}/loop`, { headers: { host }, dispatcher: agent });
        const text = await res.body.text();
        if (res.statusCode === 200 && text.startsWith('backend=')) result.ok++;
        else result.failed.push(`${res.statusCode} ${text}`);
      } catch (error) {
        result.failed.push((error as Error).message);
      }
    }
    await agent.close();
  })();
  return {
    result,
    stop: async () => {
      running = false;
      await done;
      return result;
    },
  };
}

/** Refuses every new connection to the test database and cuts the open ones (the caches'). */
async function cutDatabase(allow: boolean): Promise<void> {
  const name = new URL(stack.database.url).pathname.slice(1);
  const adminUrl = new URL(stack.database.url);
  adminUrl.pathname = '/postgres';
  const client = new pg.Client({ connectionString: adminUrl.toString() });
  await client.connect();
  try {
    await client.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS ${allow}`);
    if (!allow) {
      await client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [name]);
    }
  } finally {
    await client.end();
  }
}

describe('router resilience', () => {
  it('keeps serving with zero failed requests when its cache dies, and resumes on the other one without a snapshot', async () => {
    const router = await stack.startRouter();
    await router.ready;
    const port = portOf(router.address);
    const loop = loopRequests(port, 'app.example.com');
    await until(() => loop.result.ok >= 20, 'requests flowing');
    const inUse = router.status().cache;
    const victim = stack.caches.find((c) => c.grpcAddress === inUse);
    expect(victim).toBeDefined();
    await victim?.close();
    stack.caches.splice(stack.caches.indexOf(victim as (typeof stack.caches)[number]), 1);
    await until(() => router.status().connected && router.status().cache !== inUse, 'failover to the other cache');
    // A change made after the failover arrives through the other cache as a delta.
    await addHostname(stack.pool, serviceId, 'after-failover.example.com');
    await until(
      async () => (await send(port, { headers: { host: 'after-failover.example.com' } })).status === 200,
      'the change through the other cache',
    );
    const okBefore = loop.result.ok;
    await until(() => loop.result.ok >= okBefore + 20, 'more requests after failover');
    const result = await loop.stop();
    expect(result.failed).toEqual([]);
    expect(router.status()).toMatchObject({ snapshots: 1, reconnects: 1, synced: true });
    // Replace the cache for the next tests.
    await stack.startCache();
  });

  it('routes unchanged while the database is unreachable', async () => {
    const router = await stack.startRouter();
    await router.ready;
    const port = portOf(router.address);
    await cutDatabase(false);
    try {
      for (let i = 0; i < 20; i++) {
        const answer = await send(port, { headers: { host: 'app.example.com' } });
        expect(answer.status).toBe(200);
      }
      expect((await admin(router, '/readyz')).status).toBe(200);
    } finally {
      await cutDatabase(true);
    }
  });

  it('restarted with a state dir and no cache reachable, serves the old table, says it is degraded, then resumes without a snapshot', async () => {
    const stateDir = await stack.stateDir();
    const first = await stack.startRouter({ stateDir });
    await first.ready;
    await until(() => first.status().stateDirWrites >= 1, 'the state-dir snapshot');
    const version = first.status().version;
    await first.close();

    const cachePort = await freePort();
    const second = await stack.startRouter({ stateDir, caches: [`127.0.0.1:${cachePort}`] });
    await second.ready;
    const answer = await send(portOf(second.address), { headers: { host: 'app.example.com' } });
    expect(answer.status).toBe(200);
    expect(answer.body.toString()).toBe('backend=app path=/');
    expect(second.status()).toMatchObject({ degraded: true, source: 'disk', synced: false });
    // The table's version as written (heartbeats may have moved the first router's on since).
    expect(second.status().version).toBeGreaterThan(0);
    expect(second.status().version).toBeLessThanOrEqual(version);
    const readyz = await admin(second, '/readyz');
    expect(readyz.status).toBe(200);
    expect(readyz.text).toContain('degraded');
    expect(JSON.parse((await admin(second, '/debug/state')).text)).toMatchObject({ degraded: true, source: 'disk' });
    expect((await admin(second, '/metrics')).text).toContain('switchyard_router_degraded 1');

    // A cache comes up where the router keeps looking: it resumes from the persisted version.
    await stack.startCache(`127.0.0.1:${cachePort}`);
    await until(() => second.status().synced, 'the resumed stream', 15_000);
    expect(second.status()).toMatchObject({ degraded: false, snapshots: 0, connected: true });
    expect((await admin(second, '/readyz')).text).toBe('ready\n');
    await second.close();
  });

  it('a corrupt state-dir snapshot is ignored: the router syncs from a cache instead', async () => {
    const stateDir = await stack.stateDir();
    const first = await stack.startRouter({ stateDir });
    await first.ready;
    await until(() => first.status().stateDirWrites >= 1, 'the state-dir snapshot');
    await first.close();
    const { readFile, writeFile } = await import('node:fs/promises');
    const path = `${stateDir}/routes.table`;
    const bytes = await readFile(path);
    bytes[bytes.length - 10] = (bytes[bytes.length - 10] as number) ^ 0xff;
    await writeFile(path, bytes);

    const second = await stack.startRouter({ stateDir });
    await second.ready;
    expect(second.status()).toMatchObject({ degraded: false, source: 'cache', snapshots: 1 });
    await second.close();
  });

  it('keeps serving when a serving thread is killed, and replaces it', async () => {
    const router = await stack.startRouter();
    await router.ready;
    const port = portOf(router.address);
    const killed = router.status().workers[0]?.threadId;
    await router.supervisor.terminate(0);
    for (let i = 0; i < 20; i++) {
      expect((await send(port, { headers: { host: 'app.example.com' } })).status).toBe(200);
    }
    await until(() => router.status().workers.length === 2, 'the replacement thread');
    expect(router.status().workers.map((w) => w.threadId)).not.toContain(killed);
    expect(router.status().workerRestarts).toBe(1);
    for (let i = 0; i < 20; i++) {
      expect((await send(port, { headers: { host: 'app.example.com' } })).status).toBe(200);
    }
  });

  it('close() drains: requests in flight finish, then the router stops accepting', async () => {
    const router = await stack.startRouter();
    await router.ready;
    const port = portOf(router.address);
    backend.delayMs = 500;
    try {
      const inFlight = Promise.all([1, 2, 3].map(() => send(port, { headers: { host: 'app.example.com' } })));
      await until(() => backend.seen.length > 0 && router.status().ready, 'requests in flight');
      await new Promise((r) => setTimeout(r, 100));
      const closing = router.close();
      const answers = await inFlight;
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
      await closing;
      await expect(send(port, { headers: { host: 'app.example.com' } })).rejects.toThrow();
    } finally {
      backend.delayMs = 0;
    }
  });

  it('bounds the connections a serving thread serves (--max-connections): the next one waits unread, is served when one closes, and is counted', async () => {
    const router = await stack.startRouter({ workers: 1, maxConnections: 2 });
    await router.ready;
    const port = portOf(router.address);
    const sockets: Socket[] = [];
    const open = () => {
      const socket = connect(port, '127.0.0.1');
      sockets.push(socket);
      const received = { text: '' };
      socket.on('data', (c: Buffer) => {
        received.text += c.toString('latin1');
      });
      socket.on('error', () => {});
      socket.write('GET / HTTP/1.1\r\nHost: app.example.com\r\n\r\n');
      return received;
    };
    try {
      const a = open();
      const b = open();
      await until(() => /200 OK/.test(a.text) && /200 OK/.test(b.text), 'two keep-alive connections served');
      const c = open();
      await until(
        async () =>
          /connections_limited_total\{[^}]*result="waited"[^}]*\} 1$/m.test((await admin(router, '/metrics')).text),
        'the third connection counted as waiting',
      );
      expect((await admin(router, '/metrics')).text).toMatch(/^switchyard_router_open_connections(\{[^}]*\})? 2$/m);
      expect(c.text).toBe('');
      sockets[0]?.end();
      await until(() => /^HTTP\/1\.1 200 OK/.test(c.text), 'the waiting connection served');
    } finally {
      for (const s of sockets) s.destroy();
      await router.close();
    }
  });
});

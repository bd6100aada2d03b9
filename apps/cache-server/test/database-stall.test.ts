import { addHostname, createService } from '@switchyard/service-db';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import {
  cacheClient,
  eventually,
  metricValue,
  REGION,
  startTestCache,
  untilMatchesDatabase,
  useTestContext,
  WatchRecorder,
} from './helpers.ts';
import { StallProxy } from './stall-proxy.ts';

const ctx = useTestContext();

/** The test database's URL, pointed at `port` on loopback. */
function viaPort(url: string, port: number): string {
  const parsed = new URL(url);
  parsed.hostname = '127.0.0.1';
  parsed.port = String(port);
  return parsed.toString();
}

async function withPool<T>(fn: (pool: pg.Pool) => Promise<T>): Promise<T> {
  const pool = new pg.Pool({ connectionString: ctx.db.url, max: 1 });
  try {
    return await fn(pool);
  } finally {
    await pool.end();
  }
}

let counter = 0;
function addService(pool: pg.Pool): Promise<string> {
  return createService(pool, { name: `stall-${++counter}`, kind: 'web', plan: 'paid', region: REGION }).then(
    (s) => s.id,
  );
}

describe('a database that goes silent without closing its connections', () => {
  it('is reported disconnected within the liveness interval, and followed again once it answers', async () => {
    const target = new URL(ctx.db.url);
    const proxy = await StallProxy.start({ host: target.hostname, port: Number(target.port) });
    ctx.cleanups.push(() => proxy.close());
    // A slow poll: the cut must be noticed by the liveness check, not by the safety-net poll failing.
    const server = await startTestCache(viaPort(ctx.db.url, proxy.port), {
      pollIntervalMs: 60_000,
      livenessIntervalMs: 300,
      databaseTimeoutMs: 3_000,
    });
    ctx.cleanups.push(() => server.close());
    const client = cacheClient(server.grpcAddress);
    const recorder = new WatchRecorder(client, { clientId: 'stall' });
    ctx.cleanups.push(() => {
      recorder.close();
      client.close();
    });
    await recorder.until((r) => r.snapshots === 1, 'the snapshot');
    const connected = () => metricValue(server.adminAddress, 'switchyard_cache_database_connected');
    await eventually(async () => (await connected()) === 1, 'the cache to follow the database');

    proxy.stall();
    await eventually(async () => (await connected()) === 0, 'the cache to notice the silent database');
    expect(await metricValue(server.adminAddress, 'switchyard_cache_synced')).toBe(0);
    // Committed during the cut: the NOTIFY cannot reach the cache, catching up must find it.
    const during = await withPool(async (pool) => {
      const id = await addService(pool);
      await addHostname(pool, id, `during-${counter}.example.com`);
      return id;
    });
    // Still serving from memory meanwhile.
    expect((await fetch(`http://${server.adminAddress}/readyz`)).status).toBe(200);

    proxy.resume();
    await eventually(async () => (await connected()) === 1, 'the cache to reconnect', 30_000);
    const after = await withPool(addService);
    await untilMatchesDatabase(recorder, ctx.db.url, 'the changes committed during and after the cut');
    expect(recorder.table.has(during)).toBe(true);
    expect(recorder.table.has(after)).toBe(true);
    expect(recorder.snapshots).toBe(1);
  });
});

import { addInstance, createService, deleteService, updateService } from '@switchyard/service-db';
import { restartTestServer } from '@switchyard/service-db/testing';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import {
  cacheClient,
  eventually,
  getServices,
  metricValue,
  REGION,
  startTestCache,
  untilMatchesDatabase,
  useTestContext,
  WatchRecorder,
} from './helpers.ts';

const ctx = useTestContext();

async function withPool<T>(fn: (pool: pg.Pool) => Promise<T>): Promise<T> {
  const pool = new pg.Pool({ connectionString: ctx.db.url, max: 2 });
  pool.on('error', () => undefined);
  try {
    return await fn(pool);
  } finally {
    await pool.end();
  }
}

async function start(overrides = {}) {
  // A slow poll: catching up must come from reconnecting, not from the safety-net timer.
  const server = await startTestCache(ctx.db.url, { pollIntervalMs: 60_000, ...overrides });
  ctx.cleanups.push(() => server.close());
  const client = cacheClient(server.grpcAddress);
  const recorder = new WatchRecorder(client, { clientId: 'resilience' });
  ctx.cleanups.push(() => {
    recorder.close();
    client.close();
  });
  await recorder.until((r) => r.snapshots === 1, 'the snapshot');
  return { server, client, recorder };
}

let counter = 0;
async function churn(pool: pg.Pool, n: number, region = REGION): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const service = await createService(pool, { name: `r-${++counter}`, kind: 'web', plan: 'paid', region });
    await addInstance(pool, service.id, { host: '10.1.0.1', port: 1000 + (counter % 60000) });
    if (i % 3 === 1) await updateService(pool, service.id, { plan: 'free' });
    if (i % 5 === 2) await deleteService(pool, service.id);
    else ids.push(service.id);
  }
  return ids;
}

async function connections(applicationName: string): Promise<number> {
  return withPool(async (pool) => {
    const { rows } = await pool.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()`,
      [applicationName],
    );
    return Number(rows[0]?.n);
  });
}

async function terminate(applicationName: string): Promise<number> {
  return withPool(async (pool) => {
    const { rows } = await pool.query<{ n: string }>(
      `SELECT count(*) FILTER (WHERE pg_terminate_backend(pid))::text AS n FROM pg_stat_activity
       WHERE application_name = $1 AND datname = current_database()`,
      [applicationName],
    );
    return Number(rows[0]?.n);
  });
}

describe('following through failures', () => {
  it('loses nothing when its listener connection is terminated while changes are committed', async () => {
    const { server, recorder } = await start();
    await withPool(async (pool) => {
      let killed = 0;
      for (let round = 0; round < 5; round++) {
        await eventually(async () => (await connections(`switchyard-cache-listen:${REGION}`)) === 1, 'the listener');
        const writing = churn(pool, 6);
        killed += await terminate(`switchyard-cache-listen:${REGION}`);
        await writing;
        if (round === 2) killed += await terminate(`switchyard-cache:${REGION}`); // the query connection too
      }
      expect(killed).toBeGreaterThanOrEqual(5);
    });
    await untilMatchesDatabase(recorder, ctx.db.url, 'every change committed around the terminations');
    expect(recorder.snapshots).toBe(1);
    await eventually(
      async () => (await metricValue(server.adminAddress, 'switchyard_cache_database_connected')) === 1,
      'the cache to report it is connected again',
    );
  });

  it('keeps serving while the database restarts, then catches up exactly', async () => {
    const { server, client, recorder } = await start();
    const before = await withPool((pool) => churn(pool, 5));
    await untilMatchesDatabase(recorder, ctx.db.url, 'the changes before the restart');

    await restartTestServer();
    // Commit right away: the cache's listener is likely still reconnecting, so these wake-ups are lost.
    await withPool((pool) => churn(pool, 8));
    const response = await getServices(client, before);
    expect(response.missingIds?.length).toBeLessThan(before.length);
    await untilMatchesDatabase(recorder, ctx.db.url, 'the changes committed after the restart');
    expect(recorder.snapshots).toBe(1);
    expect(await (await fetch(`http://${server.adminAddress}/readyz`)).text()).toBe('ready\n');
  });

  it('reports not synced and keeps answering from memory while the database is unreachable', async () => {
    const { server, client, recorder } = await start({ pollIntervalMs: 200 });
    const ids = await withPool((pool) => churn(pool, 3));
    await untilMatchesDatabase(recorder, ctx.db.url, 'the first changes');
    await terminate(`switchyard-cache-listen:${REGION}`);
    // Terminating is not the database going away: it must come back on its own.
    await eventually(
      async () => (await metricValue(server.adminAddress, 'switchyard_cache_synced')) === 1,
      'resync after the termination',
    );
    const response = await getServices(client, ids);
    expect(response.services?.map((s) => s.id).sort()).toEqual([...ids].sort());
  });
});

import { createTestDatabase, type TestDatabase } from '@switchyard/service-db/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addHostname,
  addInstance,
  createService,
  createStaticBuild,
  deleteService,
  loadServices,
  moveHostname,
  pruneChanges,
  readChanges,
  removeHostname,
  removeInstance,
  setActiveBuild,
  setInstanceReady,
  setRules,
  toServiceRecord,
  updateService,
  withTransaction,
} from '../src/index.ts';
import { currentXid, listenForChanges } from './helpers.ts';

let db: TestDatabase;
let pool: pg.Pool;
let listener: Awaited<ReturnType<typeof listenForChanges>>;
let counter = 0;

beforeAll(async () => {
  db = await createTestDatabase();
  pool = new pg.Pool({ connectionString: db.url, max: 6 });
  listener = await listenForChanges(db.url);
});
afterAll(async () => {
  await listener?.close();
  await pool?.end();
  await db?.drop();
});

function newService(kind: 'web' | 'static' = 'web') {
  counter++;
  return createService(pool, { name: `svc-${counter}`, kind, plan: 'paid', region: 'test' });
}

/** Runs `change`, then checks it produced exactly one wake-up and a changelog entry for each expected service. */
async function expectOneChange(change: () => Promise<unknown>, serviceIds: () => string[]): Promise<void> {
  await listener.settle();
  const before = await readChanges(pool, 1);
  await change();
  expect(await listener.settle()).toBe(1);
  const after = await readChanges(pool, before.version);
  expect(after.serviceIds.sort()).toEqual([...serviceIds()].sort());
  expect(after.version).toBeGreaterThan(before.version);
  expect(after.commitTimeMs).toBeGreaterThan(0);
  // Each service's own latest commit time, in serviceIds' order; the newest of them is commitTimeMs.
  expect(after.commitTimesMs).toHaveLength(after.serviceIds.length);
  for (const at of after.commitTimesMs) expect(at).toBeGreaterThan(0);
  expect(Math.max(...after.commitTimesMs)).toBe(after.commitTimeMs);
  // The same read with the rows (what a cache's follow loop asks for): the current records of those
  // services that still exist, as loadServices builds them.
  const withRows = await readChanges(pool, before.version, { rowsUpTo: 100 });
  expect(withRows.serviceIds.sort()).toEqual([...after.serviceIds].sort());
  expect(withRows.version).toBe(after.version);
  expect(withRows.rows?.map(toServiceRecord)).toEqual(await loadServices(pool, after.serviceIds));
}

describe('every routing change is logged and wakes listeners once per transaction', () => {
  it('service insert, update and delete', async () => {
    let id = '';
    await expectOneChange(
      async () => {
        id = (await newService()).id;
      },
      () => [id],
    );
    await expectOneChange(
      () => updateService(pool, id, { plan: 'free' }),
      () => [id],
    );
    await expectOneChange(
      () => deleteService(pool, id),
      () => [id],
    );
  });

  it('hostname add, move and remove', async () => {
    const a = await newService();
    const b = await newService();
    await expectOneChange(
      () => addHostname(pool, a.id, 'move-me.example.com'),
      () => [a.id],
    );
    await expectOneChange(
      () => moveHostname(pool, 'move-me.example.com', b.id),
      () => [a.id, b.id],
    );
    await expectOneChange(
      () => removeHostname(pool, 'move-me.example.com'),
      () => [b.id],
    );
  });

  it('instance add, ready and remove', async () => {
    const s = await newService();
    await expectOneChange(
      () => addInstance(pool, s.id, { host: '10.0.0.1', port: 8080 }),
      () => [s.id],
    );
    await expectOneChange(
      () => setInstanceReady(pool, s.id, '10.0.0.1', 8080, false),
      () => [s.id],
    );
    await expectOneChange(
      () => removeInstance(pool, s.id, '10.0.0.1', 8080),
      () => [s.id],
    );
  });

  it('static rules and the active build', async () => {
    const s = await newService('static');
    await createStaticBuild(pool, s.id, 'b1', { fileCount: 3, totalBytes: 100 });
    await expectOneChange(
      () => setActiveBuild(pool, s.id, 'b1'),
      () => [s.id],
    );
    await expectOneChange(
      () =>
        setRules(pool, s.id, {
          rules: [{ source: '/old/*', destination: '/new/:splat', status: 301 }],
          headerRules: [{ pattern: '/*', headers: [{ name: 'X-Frame-Options', value: 'DENY' }] }],
        }),
      () => [s.id],
    );
    await expectOneChange(
      () => setActiveBuild(pool, s.id, null),
      () => [s.id],
    );
  });

  it('deleting a service cascades into its hostnames and instances with one wake-up', async () => {
    const s = await newService();
    await addHostname(pool, s.id, 'cascade.example.com');
    await addInstance(pool, s.id, { host: '10.0.0.2', port: 80 });
    await expectOneChange(
      () => deleteService(pool, s.id),
      () => [s.id],
    );
  });

  it('several statements in one transaction give one wake-up; a statement touching no rows gives none', async () => {
    const a = await newService();
    const b = await newService();
    await expectOneChange(
      () =>
        withTransaction(pool, async (client) => {
          await addHostname(client, a.id, 'one.example.com');
          await addHostname(client, b.id, 'two.example.com');
          await addInstance(client, a.id, { host: '10.0.0.3', port: 80 });
          await updateService(client, b.id, { state: 'suspended' });
        }),
      () => [a.id, b.id],
    );
    await listener.settle();
    const before = await readChanges(pool, 1);
    await pool.query("UPDATE services SET plan = 'free' WHERE false");
    await pool.query("DELETE FROM hostnames WHERE hostname = 'nothing.example.com'");
    await setInstanceReady(pool, a.id, '10.0.0.3', 80, true); // already ready: no write
    expect(await listener.settle()).toBe(0);
    expect((await readChanges(pool, before.version)).serviceIds).toEqual([]);
  });

  it('a change after a rolled-back savepoint is still logged (once per service per transaction)', async () => {
    const s = await newService();
    await expectOneChange(
      () =>
        withTransaction(pool, async (client) => {
          await client.query('SAVEPOINT first');
          await addHostname(client, s.id, 'undone.example.com');
          await client.query('ROLLBACK TO SAVEPOINT first');
          await addInstance(client, s.id, { host: '10.0.0.4', port: 81 });
          await addInstance(client, s.id, { host: '10.0.0.4', port: 82 });
        }),
      () => [s.id],
    );
    const { rows } = await pool.query(
      'SELECT xid::text, count(*)::int AS n FROM route_changes WHERE service_id = $1 GROUP BY xid',
      [s.id],
    );
    expect(rows.map((r) => r.n)).toEqual([1, 1]); // its creation, then the transaction above
  });

  it('a rolled-back transaction leaves no change', async () => {
    const s = await newService();
    await listener.settle();
    const before = await readChanges(pool, 1);
    await expect(
      withTransaction(pool, async (client) => {
        await addHostname(client, s.id, 'rolled-back.example.com');
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await listener.settle()).toBe(0);
    expect((await readChanges(pool, before.version)).serviceIds).toEqual([]);
  });
});

describe('the changed rows come with the changelog read', () => {
  it('up to rowsUpTo changed services; beyond that only their ids (a bulk change is fetched in pages)', async () => {
    const version = (await readChanges(pool, 1)).version;
    const services = [await newService(), await newService(), await newService('static')];
    await addHostname(pool, services[0]?.id as string, `rows-${counter}.example.com`);
    const ids = services.map((s) => s.id).sort();

    const few = await readChanges(pool, version, { rowsUpTo: 3 });
    expect(few.serviceIds.sort()).toEqual(ids);
    expect(few.rows?.map((row) => row.id).sort()).toEqual(ids);
    expect(few.rows?.map(toServiceRecord)).toEqual(await loadServices(pool, ids));

    const many = await readChanges(pool, version, { rowsUpTo: 2 });
    expect(many.serviceIds.sort()).toEqual(ids);
    expect(many.rows).toBeUndefined();
    expect((await readChanges(pool, version)).rows).toBeUndefined();

    const none = await readChanges(pool, many.version, { rowsUpTo: 3 });
    expect(none.serviceIds).toEqual([]);
    expect(none.rows).toEqual([]);
  });
});

describe('versions follow commit order', () => {
  it('never skips a transaction that started first and committed last', async () => {
    const early = await newService();
    const late = await newService();
    const first = await pool.connect();
    const second = await pool.connect();
    try {
      await first.query('BEGIN');
      await addHostname(first, early.id, 'early.example.com');
      const firstXid = await currentXid(first);
      await second.query('BEGIN');
      await addHostname(second, late.id, 'late.example.com');

      const start = await readChanges(pool, 1);
      await second.query('COMMIT');
      const afterSecond = await readChanges(pool, start.version);
      expect(afterSecond.serviceIds).toEqual([late.id]);
      expect(afterSecond.version).toBeLessThanOrEqual(firstXid);

      await first.query('COMMIT');
      const afterFirst = await readChanges(pool, afterSecond.version);
      expect(afterFirst.serviceIds).toContain(early.id);
      expect(afterFirst.version).toBeGreaterThan(firstXid);
    } finally {
      await first.query('ROLLBACK').catch(() => undefined);
      await second.query('ROLLBACK').catch(() => undefined);
      first.release();
      second.release();
    }
  });

  it('a long-running open transaction holds the version back but not later changes', async () => {
    const held = await newService();
    const longTx = await pool.connect();
    try {
      await longTx.query('BEGIN');
      await addInstance(longTx, held.id, { host: '10.9.9.9', port: 9000 });
      const longXid = await currentXid(longTx);

      let version = (await readChanges(pool, 1)).version;
      for (let i = 0; i < 3; i++) {
        const s = await newService();
        const batch = await readChanges(pool, version);
        expect(batch.serviceIds).toContain(s.id);
        expect(batch.serviceIds).not.toContain(held.id);
        expect(batch.version).toBeLessThanOrEqual(longXid);
        version = batch.version;
      }
      await longTx.query('COMMIT');
      const released = await readChanges(pool, version);
      expect(released.serviceIds).toContain(held.id);
      expect(released.version).toBeGreaterThan(longXid);
    } finally {
      await longTx.query('ROLLBACK').catch(() => undefined);
      longTx.release();
    }
  });
});

describe('pruning', () => {
  it('prunes at a clean xid boundary and asks readers behind it to resync', async () => {
    const s = await newService();
    const old = await readChanges(pool, 1);
    await updateService(pool, s.id, { plan: 'free' });
    expect((await readChanges(pool, old.version)).serviceIds).toEqual([s.id]);

    // Nothing is older than an hour: nothing deleted, and a reader at its version is still fine.
    const keep = await pruneChanges(pool, { olderThanMs: 3_600_000 });
    expect(keep.deleted).toBe(0);
    expect((await readChanges(pool, old.version)).resyncRequired).toBe(false);

    const current = await readChanges(pool, old.version);
    const pruned = await pruneChanges(pool, { olderThanMs: 0 });
    expect(pruned.deleted).toBeGreaterThan(0);
    expect(pruned.prunedBelow).toBeGreaterThanOrEqual(current.version);
    expect((await pool.query('SELECT count(*)::int AS n FROM route_changes')).rows[0].n).toBe(0);

    expect((await readChanges(pool, old.version)).resyncRequired).toBe(true);
    expect((await readChanges(pool, 0)).resyncRequired).toBe(true);
    const caughtUp = await readChanges(pool, pruned.prunedBelow);
    expect(caughtUp.resyncRequired).toBe(false);

    // After the prune, new changes are read normally from the horizon on.
    await updateService(pool, s.id, { plan: 'paid' });
    const next = await readChanges(pool, caughtUp.version);
    expect(next).toMatchObject({ serviceIds: [s.id], resyncRequired: false });
  });

  it('never prunes past an open transaction', async () => {
    const s = await newService();
    const open = await pool.connect();
    try {
      await open.query('BEGIN');
      await addHostname(open, s.id, 'open-during-prune.example.com');
      const openXid = await currentXid(open);
      const pruned = await pruneChanges(pool, { olderThanMs: 0 });
      expect(pruned.prunedBelow).toBeLessThanOrEqual(openXid);
      await open.query('COMMIT');
      expect((await readChanges(pool, pruned.prunedBelow)).serviceIds).toContain(s.id);
    } finally {
      await open.query('ROLLBACK').catch(() => undefined);
      open.release();
    }
  });

  it('a TRUNCATE moves the horizon so that earlier readers resync', async () => {
    const scratch = await createTestDatabase();
    const scratchPool = new pg.Pool({ connectionString: scratch.url, max: 2 });
    try {
      await createService(scratchPool, { name: 'gone', kind: 'web', plan: 'free', region: 'test' });
      const before = await readChanges(scratchPool, 1);
      await scratchPool.query('TRUNCATE services CASCADE');
      expect((await readChanges(scratchPool, before.version)).resyncRequired).toBe(true);
      const after = await readChanges(scratchPool, 1);
      expect((await readChanges(scratchPool, after.version)).resyncRequired).toBe(false);
    } finally {
      await scratchPool.end();
      await scratch.drop();
    }
  });

  it('reads the tail of the changelog through its index even without statistics', async () => {
    const service = await newService();
    // ~2,000 changelog rows never analysed: planned on estimates alone, the read would scan all of them.
    await pool.query(
      `INSERT INTO route_changes (xid, service_id) SELECT '1'::xid8, $1::uuid FROM generate_series(1, 2000)`,
      [service.id],
    );
    const version = (await readChanges(pool, 1)).version;
    await updateService(pool, service.id, { plan: 'free' });
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const plans: string[] = [];
    client.on('notice', (notice) => plans.push(notice.message ?? ''));
    try {
      // auto_explain shows the plan inside route_changes_since, which EXPLAIN of the caller does not.
      await client.query(`LOAD 'auto_explain'`);
      for (const setting of ['log_min_duration = 0', 'log_nested_statements = on', 'log_analyze = on'])
        await client.query(`SET auto_explain.${setting}`);
      await client.query(`SET auto_explain.log_level = 'notice'`);
      const changes = await readChanges(client, version);
      expect(changes.serviceIds).toEqual([service.id]);
    } finally {
      await client.end();
    }
    const tail = plans.find((plan) => plan.includes('FROM route_changes c WHERE c.xid >= since'));
    expect(tail).toMatch(/Index Cond: \(xid >= '\d+'::xid8\)/);
    expect(tail).not.toContain('Seq Scan');
    expect(tail).toMatch(/ on route_changes c .*rows=1\.00/);
  });
});

import type { Service } from '@switchyard/proto';
import { createTestDatabase, type TestDatabase } from '@switchyard/service-db/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addHostname,
  addInstance,
  ConflictError,
  createService,
  createStaticBuild,
  deleteService,
  loadRegionSnapshot,
  loadServices,
  seed,
  seededService,
  seedUuid,
  setActiveBuild,
  setRules,
  updateService,
} from '../src/index.ts';

let db: TestDatabase;
let pool: pg.Pool;

beforeAll(async () => {
  db = await createTestDatabase();
  pool = new pg.Pool({ connectionString: db.url, max: 4 });
});
afterAll(async () => {
  await pool?.end();
  await db?.drop();
});

/** Every table's rows of one seed, in a stable order, for comparing two databases. */
async function dump(url: string): Promise<unknown[][]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const queries = [
      'SELECT id, name, kind, plan, state, region, scaler_ref, active_build_id FROM services ORDER BY id',
      'SELECT hostname, service_id FROM hostnames ORDER BY hostname',
      'SELECT service_id, host, port, ready FROM instances ORDER BY service_id, host, port',
      'SELECT service_id, id FROM static_builds ORDER BY service_id, id',
    ];
    const out: unknown[][] = [];
    for (const sql of queries) out.push((await client.query(sql)).rows);
    return out;
  } finally {
    await client.end();
  }
}

describe('records', () => {
  it('maps a web and a static service to routing records', async () => {
    const web = await createService(pool, { name: 'api', kind: 'web', plan: 'paid', region: 'r1', scalerRef: 'x' });
    await addHostname(pool, web.id, 'api.example.com');
    await addInstance(pool, web.id, { host: '10.0.0.1', port: 8080, ready: false });
    const site = await createService(pool, { name: 'docs', kind: 'static', plan: 'free', region: 'r1' });
    await addHostname(pool, site.id, '*.docs.example.com');
    await createStaticBuild(pool, site.id, 'b7');
    await setActiveBuild(pool, site.id, 'b7');
    await setRules(pool, site.id, {
      rules: [{ source: '/old', destination: '/new', status: 308, force: true }],
      headerRules: [{ pattern: '/*', headers: [{ name: 'X-A', value: '1' }] }],
    });

    const records = await loadServices(pool, [site.id, web.id, 'not-a-uuid', '00000000-0000-4000-8000-000000000000']);
    const byId = new Map(records.map((r) => [r.id, r]));
    expect(records).toHaveLength(2);
    expect(byId.get(web.id)).toEqual({
      id: web.id,
      name: 'api',
      kind: 1,
      plan: 2,
      state: 1,
      region: 'r1',
      hostnames: ['api.example.com'],
      instances: [{ host: '10.0.0.1', port: 8080, ready: false }],
      staticSite: null,
      scalerRef: 'x',
      version: 0,
      commitTimeMs: 0,
    } satisfies Service);
    expect(byId.get(site.id)).toMatchObject({
      kind: 2,
      plan: 1,
      hostnames: ['*.docs.example.com'],
      instances: [],
      staticSite: {
        activeBuildId: 'b7',
        rules: [{ source: '/old', destination: '/new', status: 308, force: true }],
        headerRules: [{ pattern: '/*', headers: [{ name: 'X-A', value: '1' }] }],
      },
    });
    expect(await loadServices(pool, [])).toEqual([]);
  });
});

describe('seed and region snapshots', () => {
  it('seeds deterministically and never reuses a hostname across seeds', async () => {
    const [one, two] = [await createTestDatabase(), await createTestDatabase()];
    try {
      const progress: number[] = [];
      const a = await seed(one.url, {
        services: 600,
        regions: ['r1', 'r2', 'r3'],
        seed: 7,
        onProgress: (n) => progress.push(n),
      });
      // Three connections writing ranges at once give the same rows as one.
      const b = await seed(two.url, { services: 600, regions: ['r1', 'r2', 'r3'], seed: 7, concurrency: 3 });
      expect(a).toMatchObject({ services: 600 });
      expect(b).toMatchObject({ services: 600, hostnames: a.hostnames, instances: a.instances });
      expect(progress.at(-1)).toBe(600);
      const [dumpA, dumpB] = [await dump(one.url), await dump(two.url)];
      expect(dumpA).toEqual(dumpB);

      const [services, hostnames, instances] = dumpA as [
        { kind: string; plan: string; region: string }[],
        { hostname: string }[],
        unknown[],
      ];
      expect(services.length).toBe(600);
      expect(hostnames.length).toBe(a.hostnames);
      expect(instances.length).toBe(a.instances);
      expect(hostnames.length).toBeGreaterThan(600);
      expect(hostnames.some((h) => h.hostname.startsWith('*.'))).toBe(true);
      expect(new Set(services.map((s) => s.kind))).toEqual(new Set(['web', 'static']));
      expect(new Set(services.map((s) => s.plan))).toEqual(new Set(['free', 'paid']));
      expect(new Set(services.map((s) => s.region))).toEqual(new Set(['r1', 'r2', 'r3']));
    } finally {
      await one.drop();
      await two.drop();
    }
  });

  it('seeds twice into one database with different seeds; the same seed again is refused', async () => {
    await seed(db.url, { services: 600, regions: ['r1', 'r2', 'r3'], seed: 7 });
    await seed(db.url, { services: 600, regions: ['r1', 'r2', 'r3'], seed: 8 });
    await expect(seed(db.url, { services: 10, seed: 7 })).rejects.toBeInstanceOf(ConflictError);
    const { rows } = await pool.query('SELECT count(*)::int AS n FROM services WHERE name LIKE $1', ['svc-%']);
    expect(rows[0].n).toBe(1200);
  });

  it('rolls every range back when one fails', async () => {
    const scratch = await createTestDatabase();
    const scratchPool = new pg.Pool({ connectionString: scratch.url, max: 2 });
    try {
      const owner = await createService(scratchPool, { name: 'squatter', kind: 'web', plan: 'free', region: 'r1' });
      const taken = seededService(5, 550, ['r1'])?.hostnames[0] as string;
      await addHostname(scratchPool, owner.id, taken);
      await expect(
        seed(scratch.url, { services: 600, regions: ['r1'], seed: 5, concurrency: 3 }),
      ).rejects.toMatchObject({
        code: 'CONFLICT',
        field: 'hostname',
      });
      const { rows } = await scratchPool.query('SELECT count(*)::int AS n FROM services');
      expect(rows[0].n).toBe(1);
    } finally {
      await scratchPool.end();
      await scratch.drop();
    }
  });

  it('a region snapshot equals loadServices of that region, page by page', async () => {
    const { rows } = await pool.query<{ id: string }>("SELECT id FROM services WHERE region = 'r2' ORDER BY id");
    expect(rows.length).toBeGreaterThan(300);
    const expected = await loadServices(
      pool,
      rows.map((r) => r.id),
    );

    const pages: number[] = [];
    const got: Service[] = [];
    const snapshot = await loadRegionSnapshot(
      pool,
      'r2',
      async (batch) => {
        pages.push(batch.length);
        got.push(...batch);
      },
      { pageSize: 97 },
    );
    expect(got).toEqual(expected);
    expect(snapshot.count).toBe(expected.length);
    expect(pages.slice(0, -1).every((n) => n === 97)).toBe(true);
    expect(snapshot.version).toBeGreaterThan(0);
    expect(snapshot.commitTimeMs).toBeGreaterThan(0);
    expect(got.every((s) => s.region === 'r2')).toBe(true);
    expect(await loadRegionSnapshot(pool, 'nowhere', () => undefined)).toMatchObject({ count: 0 });
  });

  it('a snapshot is consistent: changes committed while it is being read are not in it', async () => {
    const first = seedUuid(7, 0);
    const [before] = await loadServices(pool, [first]);
    const region = before?.region as string;
    let changed = false;
    const seen: Service[] = [];
    await loadRegionSnapshot(
      pool,
      region,
      async (batch) => {
        seen.push(...batch);
        if (!changed) {
          changed = true;
          await addHostname(pool, first, 'added-during-snapshot.example.com');
          await pool.query("UPDATE services SET plan = 'paid', state = 'suspended' WHERE region = $1", [region]);
        }
      },
      { pageSize: 50 },
    );
    expect(seen.find((s) => s.id === first)?.hostnames).not.toContain('added-during-snapshot.example.com');
    expect(seen.filter((s) => s.state === 2).length).toBeLessThan(seen.length);
  });

  it("stamps each record from the changelog of its own snapshot, and names the region's removed services", async () => {
    const changed = await createService(pool, { name: 'stamped', kind: 'web', plan: 'paid', region: 'stamps' });
    const untouched = await createService(pool, { name: 'older', kind: 'web', plan: 'paid', region: 'stamps' });
    const gone = await createService(pool, { name: 'gone', kind: 'web', plan: 'paid', region: 'stamps' });
    const moved = await createService(pool, { name: 'moved', kind: 'web', plan: 'paid', region: 'stamps' });
    // Everything above is older than the horizon's start: only what follows is "within the horizon".
    const { rows } = await pool.query<{ xid: string }>('SELECT pg_current_xact_id()::text AS xid');
    const horizonStart = Number(rows[0]?.xid);
    await pool.query("UPDATE route_changes SET changed_at = now() - interval '2 hours' WHERE xid < $1::xid8", [
      String(horizonStart),
    ]);
    await updateService(pool, changed.id, { plan: 'free' });
    await deleteService(pool, gone.id);
    await updateService(pool, moved.id, { region: 'elsewhere' });
    const change = await pool.query<{ id: string; xid: string; ms: string }>(
      `SELECT service_id::text AS id, max(xid)::text AS xid, floor(extract(epoch FROM max(changed_at)) * 1000)::text AS ms
       FROM route_changes WHERE service_id = ANY($1::uuid[]) AND xid >= $2::xid8 GROUP BY service_id`,
      [[changed.id, gone.id, moved.id], String(horizonStart)],
    );
    const last = new Map(change.rows.map((r) => [r.id, { xid: Number(r.xid), ms: Number(r.ms) }]));

    const got: Service[] = [];
    const snapshot = await loadRegionSnapshot(pool, 'stamps', (batch) => void got.push(...batch), {
      stampHorizonMs: 3_600_000,
    });
    expect(snapshot.completeSince).toBeGreaterThan(horizonStart - 1);
    expect(snapshot.completeSince).toBeLessThanOrEqual(last.get(changed.id)?.xid as number);
    expect(got.map((s) => s.id).sort()).toEqual([changed.id, untouched.id].sort());
    const stamped = got.find((s) => s.id === changed.id);
    expect(stamped?.version).toBe(Math.min((last.get(changed.id)?.xid as number) + 1, snapshot.version));
    expect(stamped?.commitTimeMs).toBe(last.get(changed.id)?.ms);
    // No change within the horizon: complete since the horizon's start, no time.
    expect(got.find((s) => s.id === untouched.id)).toMatchObject({ version: snapshot.completeSince, commitTimeMs: 0 });
    expect([...snapshot.removed.keys()].sort()).toEqual([gone.id, moved.id].sort());
    expect(snapshot.removed.get(gone.id)?.version).toBe((last.get(gone.id)?.xid as number) + 1);
    // Without stamping: records as toServiceRecord makes them.
    const plain: Service[] = [];
    const unstamped = await loadRegionSnapshot(pool, 'stamps', (batch) => void plain.push(...batch));
    expect(plain.every((s) => s.version === 0 && s.commitTimeMs === 0)).toBe(true);
    expect(unstamped.removed.size).toBe(0);
  });
});

import { type Service, v1 } from '@switchyard/proto';
import { createTestDatabase, type TestDatabase } from '@switchyard/service-db/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addHostname,
  addInstance,
  createService,
  createStaticBuild,
  deleteService,
  loadRegionRecords,
  loadRegionSnapshot,
  readChanges,
  seed,
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

interface Loaded {
  id: string;
  content: string;
  version: number;
  commitTimeMs: number;
}

async function records(region: string, opts: { stampHorizonMs?: number } = {}) {
  const got: Loaded[] = [];
  const snapshot = await loadRegionRecords(
    pool,
    region,
    (id, content, version, commitTimeMs) => void got.push({ id, content, version, commitTimeMs }),
    opts,
  );
  return { got, snapshot };
}

/** What the cache held before: protobufjs's encoding of the record without its stamp. */
function encoded(service: Service): string {
  return Buffer.from(v1.Service.encode({ ...service, version: 0, commitTimeMs: 0 }).finish()).toString('latin1');
}

describe('loadRegionRecords (binary COPY, records written from the row bytes)', () => {
  it("writes every record byte for byte as protobufjs encodes loadRegionSnapshot's, with the same stamps", async () => {
    const region = 'mixed';
    const web = await createService(pool, {
      name: 'api',
      kind: 'web',
      plan: 'paid',
      region,
      scalerRef: 'start --port $PORT ünïcode',
    });
    await updateService(pool, web.id, {
      httpsRedirect: true,
      hsts: { maxAgeSeconds: 31_536_000, includeSubdomains: true, preload: true },
    });
    for (const hostname of ['b.api.example.com', 'a.api.example.com', '*.wild.example.com', 'xn--bcher-kva.example']) {
      await addHostname(pool, web.id, hostname);
    }
    await addInstance(pool, web.id, { host: '127.0.0.2', port: 8080, ready: false });
    await addInstance(pool, web.id, { host: '127.0.0.1', port: 9000, ready: true });
    await addInstance(pool, web.id, { host: '127.0.0.1', port: 65535, ready: true });
    await createService(pool, { name: 'bare', kind: 'web', plan: 'free', region });
    const zeroAge = await createService(pool, { name: 'zero-age', kind: 'web', plan: 'free', region });
    await updateService(pool, zeroAge.id, {
      state: 'suspended',
      hsts: { maxAgeSeconds: 0, includeSubdomains: true },
    });
    const site = await createService(pool, { name: 'docs', kind: 'static', plan: 'free', region });
    await addHostname(pool, site.id, 'docs.example.com');
    await createStaticBuild(pool, site.id, 'build-7');
    await setActiveBuild(pool, site.id, 'build-7');
    await setRules(pool, site.id, {
      rules: [
        { source: '/old/*', destination: '/new/:splat', status: 301 },
        { source: '/api/*', destination: 'https://api.example.com/:splat', status: 200, force: true },
        { source: '/gone', destination: '/404.html', status: 302 },
      ],
      headerRules: [
        { pattern: '/*', headers: [{ name: 'X-Frame-Options', value: 'DENY' }] },
        {
          pattern: '/assets/*',
          headers: [
            { name: 'Cache-Control', value: 'public, max-age=31536000' },
            { name: 'X-Note', value: 'naïve\tcafé' },
          ],
        },
      ],
    });
    // A static site with nothing published: an empty static_site field.
    await createService(pool, { name: 'empty-site', kind: 'static', plan: 'paid', region });
    await seed(db.url, { services: 500, regions: [region], seed: 31 });

    for (const opts of [{}, { stampHorizonMs: 3_600_000 }]) {
      const expected: Service[] = [];
      const old = await loadRegionSnapshot(pool, region, (batch) => void expected.push(...batch), opts);
      const { got, snapshot } = await records(region, opts);
      expect(got.length).toBe(expected.length);
      expect(got.length).toBeGreaterThan(500);
      // commitTimeMs is each statement's own time.
      expect({ ...snapshot, commitTimeMs: 0 }).toEqual({ ...old, commitTimeMs: 0 });
      for (let i = 0; i < got.length; i++) {
        const want = expected[i] as Service;
        expect(got[i]).toEqual({
          id: want.id,
          content: encoded(want),
          version: Number(want.version),
          commitTimeMs: Number(want.commitTimeMs),
        });
      }
      const decoded = v1.Service.decode(Buffer.from(got.find((r) => r.id === site.id)?.content as string, 'latin1'));
      expect(decoded.staticSite?.headerRules?.[1]?.headers?.[1]?.value).toBe('naïve\tcafé');
    }
  });

  it('names the removed services and stamps as loadRegionSnapshot does', async () => {
    const region = 'removals';
    const kept = await createService(pool, { name: 'kept', kind: 'web', plan: 'paid', region });
    const gone = await createService(pool, { name: 'gone', kind: 'web', plan: 'paid', region });
    const moved = await createService(pool, { name: 'moved', kind: 'web', plan: 'paid', region });
    await deleteService(pool, gone.id);
    await updateService(pool, moved.id, { region: 'elsewhere' });
    const opts = { stampHorizonMs: 3_600_000 };
    const old = await loadRegionSnapshot(pool, region, () => undefined, opts);
    const { got, snapshot } = await records(region, opts);
    expect(got.map((r) => r.id)).toEqual([kept.id]);
    expect(snapshot.removed).toEqual(old.removed);
    expect([...snapshot.removed.keys()]).toEqual(expect.arrayContaining([gone.id, moved.id]));
    expect(await records('nowhere')).toMatchObject({ got: [], snapshot: { count: 0 } });
  });

  it('is one snapshot: transactions that commit while the load reads are left out, and follow from its version', async () => {
    const region = 'busy';
    await seed(db.url, { services: 5_000, regions: [region], seed: 32 });
    const { rows } = await pool.query<{ id: string }>('SELECT id::text FROM services WHERE region = $1 ORDER BY id', [
      region,
    ]);
    const first = rows[0]?.id as string;
    const last = rows[rows.length - 1]?.id as string;
    const plan = (await records(region)).got
      .map((r) => v1.Service.decode(Buffer.from(r.content, 'latin1')))
      .find((s) => s.id === last)?.plan;
    // A writer in flight when the load takes its snapshot; it holds a lock the load's COPY waits for, and
    // commits once the COPY is waiting (so, deterministically, after the snapshot and before any row is read).
    const writer = await pool.connect();
    await writer.query('BEGIN');
    await writer.query('LOCK TABLE static_header_rules IN ACCESS EXCLUSIVE MODE');
    await addHostname(writer, first, 'added-while-loading.example.com');
    await writer.query("UPDATE services SET plan = CASE plan WHEN 'free' THEN 'paid' ELSE 'free' END WHERE id = $1", [
      last,
    ]);
    const loading = records(region, { stampHorizonMs: 3_600_000 });
    const observer = await pool.connect();
    try {
      for (;;) {
        const waiting = await observer.query(
          "SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'COPY (%'",
        );
        if (waiting.rows.length > 0) break;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    } finally {
      observer.release();
    }
    await writer.query('COMMIT');
    writer.release();
    // And one more that commits while the rows stream in (or after: either way it is not in the snapshot).
    const late = addHostname(pool, last, 'also-added-while-loading.example.com');
    const { got, snapshot } = await loading;
    await late;

    expect(got.length).toBe(rows.length);
    const byId = new Map(got.map((r) => [r.id, v1.Service.decode(Buffer.from(r.content, 'latin1'))]));
    expect(byId.get(first)?.hostnames).not.toContain('added-while-loading.example.com');
    expect(byId.get(last)?.plan).toBe(plan);
    expect(byId.get(last)?.hostnames).not.toContain('also-added-while-loading.example.com');
    expect(got.every((r) => r.version <= snapshot.version)).toBe(true);
    // Following from the load's version brings exactly those changes.
    const changes = await readChanges(pool, snapshot.version);
    expect(changes.serviceIds).toEqual(expect.arrayContaining([first, last]));
    const again = await records(region);
    const after = new Map(again.got.map((r) => [r.id, v1.Service.decode(Buffer.from(r.content, 'latin1'))]));
    expect(after.get(first)?.hostnames).toContain('added-while-loading.example.com');
    expect(after.get(last)?.hostnames).toContain('also-added-while-loading.example.com');
  });
});

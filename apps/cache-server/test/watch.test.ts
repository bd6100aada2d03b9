import { status } from '@grpc/grpc-js';
import {
  addHostname,
  addInstance,
  createService,
  createStaticBuild,
  deleteService,
  removeHostname,
  removeInstance,
  seed,
  setActiveBuild,
  setInstanceReady,
  setRules,
  updateService,
} from '@switchyard/service-db';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CacheServer } from '../src/index.ts';
import {
  cacheClient,
  canonicalTable,
  databaseTable,
  getServices,
  metricValue,
  REGION,
  untilMatchesDatabase,
  useTestContext,
  WatchRecorder,
} from './helpers.ts';

const ctx = useTestContext();
let pool: pg.Pool;

beforeAll(() => {
  pool = new pg.Pool({ connectionString: ctx.db.url, max: 4 });
});
afterAll(async () => {
  await pool.end();
});

function watch(
  server: CacheServer,
  request: { fromVersion?: number; region?: string } = {},
  table?: WatchRecorder['table'],
) {
  const client = cacheClient(server.grpcAddress);
  const recorder = new WatchRecorder(client, { clientId: 'test', ...request }, table ? { table } : {});
  ctx.cleanups.push(() => {
    recorder.close();
    client.close();
  });
  return recorder;
}

let counter = 0;
async function webService(region = REGION) {
  const n = ++counter;
  const service = await createService(pool, { name: `web-${n}`, kind: 'web', plan: 'paid', region });
  await addHostname(pool, service.id, `web-${n}.example.com`);
  await addInstance(pool, service.id, { host: '10.0.0.1', port: 8000 + n });
  return service;
}

describe('Watch', () => {
  it('sends a snapshot equal to the database for its region only', async () => {
    const web = await webService();
    const other = await webService('us');
    const site = await createService(pool, { name: 'site', kind: 'static', plan: 'free', region: REGION });
    await createStaticBuild(pool, site.id, 'build-1');
    await setActiveBuild(pool, site.id, 'build-1');
    await setRules(pool, site.id, {
      rules: [{ source: '/old/*', destination: '/new/:splat', status: 301 }],
      headerRules: [{ pattern: '/*', headers: [{ name: 'x-frame-options', value: 'DENY' }] }],
    });
    const server = await ctx.cache();
    const recorder = watch(server);
    await recorder.until((r) => r.snapshots === 1, 'the snapshot');
    expect(canonicalTable(recorder.table)).toEqual(await databaseTable(ctx.db.url));
    expect(recorder.table.has(web.id)).toBe(true);
    expect(recorder.table.has(other.id)).toBe(false);
    expect(recorder.table.get(site.id)?.staticSite?.rules?.[0]?.destination).toBe('/new/:splat');
    expect(recorder.version).toBeGreaterThan(0);
    expect(recorder.events[0]).toBe('snapshotStart');

    const response = await getServices(cacheClient(server.grpcAddress), [web.id, other.id]);
    expect(response.services?.map((s) => s.id)).toEqual([web.id]);
    expect(response.missingIds).toEqual([other.id]);
    expect(response.version).toBeGreaterThan(0);
  });

  it('sends each client a snapshot from the shared, encoded-once snapshot, equal to the database', async () => {
    for (let i = 0; i < 5; i++) await webService();
    const server = await ctx.cache();
    const first = watch(server);
    const second = watch(server);
    await first.until((r) => r.snapshots === 1, 'the first snapshot');
    await second.until((r) => r.snapshots === 1, 'the second snapshot');
    expect(canonicalTable(first.table)).toEqual(await databaseTable(ctx.db.url));
    expect(second.table).toEqual(first.table);
    const counted = async (result: string) =>
      (await metricValue(
        server.adminAddress,
        `switchyard_cache_shared_snapshots_total{result="${result}",region="${REGION}"}`,
      )) || 0; // a label value never counted has no series yet
    // Encoded once and shared when the second stream joined while the first was sending; otherwise twice.
    expect((await counted('encoded')) + (await counted('reused'))).toBe(2);

    const changed = await webService();
    await updateService(pool, changed.id, { plan: 'free' });
    await untilMatchesDatabase(first, ctx.db.url, 'the change on the first stream');
    const late = watch(server);
    await untilMatchesDatabase(late, ctx.db.url, 'the late client to match the database');
    expect(late.snapshots).toBe(1);
  });

  it('delivers every kind of change as a delta, without another snapshot', async () => {
    const server = await ctx.cache();
    const recorder = watch(server);
    await recorder.until((r) => r.snapshots === 1, 'the snapshot');
    const web = await webService();
    const steps: [string, () => Promise<unknown>][] = [
      ['create', () => webService()],
      ['update plan', () => updateService(pool, web.id, { plan: 'free' })],
      ['suspend', () => updateService(pool, web.id, { state: 'suspended' })],
      ['add hostname', () => addHostname(pool, web.id, '*.wild.example.com')],
      ['remove hostname', () => removeHostname(pool, '*.wild.example.com')],
      ['add instance', () => addInstance(pool, web.id, { host: '10.0.0.9', port: 9000, ready: false })],
      ['instance ready', () => setInstanceReady(pool, web.id, '10.0.0.9', 9000, true)],
      ['remove instance', () => removeInstance(pool, web.id, '10.0.0.9', 9000)],
      [
        'static site',
        async () => {
          const site = await createService(pool, {
            name: `site-${++counter}`,
            kind: 'static',
            plan: 'free',
            region: REGION,
          });
          await createStaticBuild(pool, site.id, 'b1');
          await setActiveBuild(pool, site.id, 'b1');
          await setRules(pool, site.id, { rules: [{ source: '/a', destination: '/b', status: 302 }], headerRules: [] });
        },
      ],
      ['move to another region', () => updateService(pool, web.id, { region: 'us' })],
      ['move back', () => updateService(pool, web.id, { region: REGION })],
      ['delete', () => deleteService(pool, web.id)],
    ];
    for (const [what, step] of steps) {
      const deltasBefore = recorder.deltas;
      await step();
      await untilMatchesDatabase(recorder, ctx.db.url, `"${what}" to arrive`);
      expect(recorder.deltas, what).toBeGreaterThan(deltasBefore);
    }
    expect(recorder.table.has(web.id)).toBe(false);
    expect(recorder.snapshots).toBe(1);
  });

  it('delivers a bulk change fetched in many batches completely, at its version only at the end', async () => {
    const server = await ctx.cache({ batchSize: 100 });
    const recorder = watch(server);
    await recorder.until((r) => r.snapshots === 1, 'the snapshot');
    const versionsSeen = new Set<number>();
    recorder.stream.on('data', (event) => event.delta && versionsSeen.add(Number(event.delta.version)));
    await seed(ctx.db.url, { services: 2_000, regions: [REGION, 'us'], seed: 99 });
    await untilMatchesDatabase(recorder, ctx.db.url, 'all 1,000 services of the region');
    expect(recorder.snapshots).toBe(1);
    expect(versionsSeen.size).toBeLessThanOrEqual(3); // the previous version for partial batches, then the new one
  });

  it('resumes from a version on the same cache with only what changed', async () => {
    const server = await ctx.cache();
    const keep = await webService();
    const doomed = await webService();
    const first = watch(server);
    await first.until((r) => r.snapshots === 1, 'the snapshot');
    first.close();
    const { version, table } = first;

    await updateService(pool, keep.id, { plan: 'free' });
    await deleteService(pool, doomed.id);
    const created = await webService();

    const resumed = watch(server, { fromVersion: version }, table);
    await untilMatchesDatabase(resumed, ctx.db.url, 'the missed changes');
    expect(resumed.snapshots).toBe(0);
    expect(resumed.events).not.toContain('snapshotStart');
    expect(resumed.table.has(doomed.id)).toBe(false);
    expect(resumed.table.has(created.id)).toBe(true);
    expect(resumed.version).toBeGreaterThan(version);
  });

  it('resumes on a second cache instance started after the changes: no loss, no snapshot', async () => {
    const first = await ctx.cache();
    const keep = await webService();
    const doomed = await webService();
    const leaving = await webService();
    const a = watch(first);
    await a.until((r) => r.snapshots === 1 && r.table.has(leaving.id), 'the snapshot from cache A');
    a.close();

    await addHostname(pool, keep.id, `renamed-${counter}.example.com`);
    await deleteService(pool, doomed.id);
    await updateService(pool, leaving.id, { region: 'us' });
    const created = await webService();

    const second = await ctx.cache();
    const b = watch(second, { fromVersion: a.version }, a.table);
    await untilMatchesDatabase(b, ctx.db.url, 'the changes missed while away, from cache B');
    expect(b.snapshots).toBe(0);
    expect(b.table.has(doomed.id)).toBe(false);
    expect(b.table.has(leaving.id)).toBe(false);
    expect(b.table.has(created.id)).toBe(true);

    // And back: a version reached on B resumes on A, which was running all along.
    b.close();
    const late = await webService();
    const back = watch(first, { fromVersion: b.version }, b.table);
    await untilMatchesDatabase(back, ctx.db.url, 'the changes from cache A again');
    expect(back.snapshots).toBe(0);
    expect(back.table.has(late.id)).toBe(true);
  });

  it('sends a snapshot to a client older than the tombstone horizon', async () => {
    const server = await ctx.cache({ tombstoneHorizonMs: 50 });
    const doomed = await webService();
    const first = watch(server);
    await first.until((r) => r.snapshots === 1 && r.table.has(doomed.id), 'the snapshot');
    first.close();
    await deleteService(pool, doomed.id);
    await new Promise((r) => setTimeout(r, 1_500)); // > horizon and > a poll, so the tombstone is pruned
    const resumed = watch(server, { fromVersion: first.version }, first.table);
    await resumed.until((r) => r.snapshots === 1, 'a snapshot instead of a delta');
    expect(resumed.table.has(doomed.id)).toBe(false);
    expect(canonicalTable(resumed.table)).toEqual(await databaseTable(ctx.db.url));
  });

  it('answers a client older than a new instance horizon with a snapshot, not an incomplete delta', async () => {
    const first = await ctx.cache();
    const doomed = await webService();
    const a = watch(first);
    await a.until((r) => r.snapshots === 1 && r.table.has(doomed.id), 'the snapshot from cache A');
    a.close();
    await deleteService(pool, doomed.id);
    await new Promise((r) => setTimeout(r, 600));
    const recent = await webService();
    // B only reads the changelog's last 300 ms at start-up: the deletion is older than that.
    const second = await ctx.cache({ tombstoneHorizonMs: 300 });
    const b = watch(second, { fromVersion: a.version }, a.table);
    await untilMatchesDatabase(b, ctx.db.url, 'cache B to bring the old client up to date');
    expect(b.snapshots).toBe(1);
    expect(b.table.has(doomed.id)).toBe(false);
    expect(b.table.has(recent.id)).toBe(true);
  });

  it('sends heartbeats with the current version while idle', async () => {
    const server = await ctx.cache({ heartbeatIntervalMs: 100 });
    const recorder = watch(server);
    await recorder.until((r) => r.snapshots === 1, 'the snapshot');
    await recorder.until((r) => r.heartbeats >= 2, 'heartbeats');
    expect(recorder.version).toBeGreaterThan(0);
  });

  it('rejects a WatchRequest for another region with INVALID_ARGUMENT', async () => {
    const server = await ctx.cache();
    const recorder = watch(server, { region: 'us' });
    await expect(recorder.until(() => false, 'an error', 10_000)).rejects.toThrow(/INVALID_ARGUMENT|region "us"/);
    expect(recorder.error?.code).toBe(status.INVALID_ARGUMENT);
    expect(recorder.error?.details).toMatch(/region "us" is not served here: this cache serves region "eu"/);
    // The region served, as metadata too, so that the client can say which --region would work.
    expect(recorder.error?.metadata?.get('switchyard-cache-region')).toEqual(['eu']);
  });

  it('answers a version it cannot reach with UNAVAILABLE after trying to catch up', async () => {
    const server = await ctx.cache({ catchUpTimeoutMs: 300 });
    const recorder = watch(server, { fromVersion: 2 ** 50 });
    await expect(recorder.until(() => false, 'an error', 10_000)).rejects.toThrow();
    expect(recorder.error?.code).toBe(status.UNAVAILABLE);
    expect(recorder.error?.details).toMatch(/behind from_version 1125899906842624/);
  });
});

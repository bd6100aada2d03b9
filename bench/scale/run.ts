// The control plane at N services (issue 14): every figure of its table, for this checkout and,
// with --before DIR (an older checkout with its own node_modules and dist), for that one too, on
// one seeded database in one run. Usage (from the repository root, after `npm run build`):
//   npm run bench -- scale [--services 1000000] [--clients 16] [--before /tmp/base] [--seconds 10]
//     [--cache-only|--router-only] [--router-rounds N] [--cache-profile DIR] [--database-url URL]
//     [--client-threads N] [--grpc-clients]
// --database-url: an already seeded database (same seed: `seed(url, { services: N, regions: ['bench'],
// seed: 14 })`) instead of a fresh embedded one seeded here (~2-6 min at 1 M on this machine).
// --router-only: the cache's load and the router rows only (no snapshots to raw clients, no changelog
// window); --router-rounds N: N cold starts of the router.
import { mkdtemp } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { findFreePort, seed } from '@switchyard/service-db';
import pg from 'pg';
import { REGION, round, startDatabase } from '../cache/harness.ts';
import { ChangeWriter } from '../suite/change-probe.ts';
import { sleep, waitFor } from '../suite/processes.ts';
import { readsWindow } from './changelog.ts';
import { type CacheProc, type RouterProc, startCache, startRouterProcess, type Tree } from './processes.ts';
import { snapshotToClients } from './snapshot-clients.ts';

const { values } = parseArgs({
  options: {
    services: { type: 'string', default: '1000000' },
    clients: { type: 'string', default: '16' },
    before: { type: 'string' },
    seconds: { type: 'string', default: '10' },
    'cache-only': { type: 'boolean', default: false },
    'router-only': { type: 'boolean', default: false },
    'router-rounds': { type: 'string', default: '1' },
    /** Write a CPU profile of every cache process into this directory. */
    'cache-profile': { type: 'string' },
    'database-url': { type: 'string' },
    /** Worker threads the snapshot clients are spread over (snapshot-clients.ts). */
    'client-threads': { type: 'string', default: '2' },
    /** Snapshot clients on grpc-js (the router's stack) instead of bare HTTP/2 streams (snapshot-clients.ts). */
    'grpc-clients': { type: 'boolean', default: false },
  },
});
const N = Number(values.services);
const CLIENTS = Number(values.clients);
const CLIENT_THREADS = Number(values['client-threads']);
const RAW_CLIENTS = !values['grpc-clients'];
const WINDOW_S = Number(values.seconds);
const ROUTER_ROUNDS = Number(values['router-rounds']);
const CHANGE_RATE = 20;
const MiB = 2 ** 20;
const here = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const trees: Tree[] = [
  ...(values.before ? [{ name: 'before', root: resolve(values.before) }] : []),
  { name: 'after', root: here },
];
const log = (line: string) => console.error(`[scale ${new Date().toISOString().slice(11, 19)}] ${line}`);
type Row = Record<string, string | number>;

/** Max main-thread event-loop delay over a state-dir write triggered by one change. */
async function stallDuringWrite(router: RouterProc, writer: ChangeWriter, tag: string): Promise<number> {
  const lagMax = 'switchyard_router_nodejs_eventloop_lag_max_seconds';
  const writes = (await router.state()).stateDirWrites;
  await router.metric(lagMax); // a scrape resets the window
  await writer.commit(`${tag}.stall.example`);
  await waitFor(
    async () => (await router.state()).stateDirWrites > writes,
    'a state-dir write after a change',
    300_000,
  );
  return (await router.metric(lagMax)) * 1000;
}

/** A fresh cache, so that the first snapshot asked for is the N clients' (nothing encoded yet). */
async function freshCacheSnapshots(tree: Tree, databaseUrl: string, logDir: string) {
  log(`${tree.name}: cache started again; snapshot to ${CLIENTS} clients at once, first`);
  const fresh = await startCache(tree, databaseUrl, logDir, values['cache-profile']);
  const row: Row = { cacheColdStart2S: round(fresh.readyMs / 1000, 2) };
  const many = await snapshotToClients(fresh.grpc, CLIENTS, fresh.cpuSeconds, CLIENT_THREADS, RAW_CLIENTS);
  row[`snapshot${CLIENTS}S`] = round(many.seconds, 2);
  row[`snapshot${CLIENTS}CacheCpuS`] = round(many.cacheCpuSeconds, 2);
  row[`snapshot${CLIENTS}ClientsCpuS`] = round(many.clientCpuSeconds, 2);
  if (values['cache-only']) await fresh.stop();
  return { fresh, row };
}

/** The 1/5/15-minute load averages, as one figure for the rows (the machine is shared). */
const loadAverage = () =>
  loadavg()
    .map((v) => v.toFixed(2))
    .join(' ');

async function measure(tree: Tree, databaseUrl: string, writer: ChangeWriter, logDir: string): Promise<Row> {
  const row: Row = { loadAverageAtStart: loadAverage() };
  log(`${tree.name}: cache cold start`);
  const cache = await startCache(tree, databaseUrl, logDir, values['cache-profile']);
  row.cacheColdStartS = round(cache.readyMs / 1000, 2);
  const stats = await cache.stats();
  row.cacheRssMiB = round(stats.rssBytes / MiB);
  row.cacheHeapBytesPerService = Math.round(stats.heapUsedBytes / N);

  if (values['router-only']) {
    Object.assign(row, await routerRows(tree, cache, logDir));
    await cache.stop();
    return row;
  }
  log(`${tree.name}: snapshot to 1 client, then to ${CLIENTS} at once`);
  const one = await snapshotToClients(cache.grpc, 1, cache.cpuSeconds, CLIENT_THREADS, RAW_CLIENTS);
  row.snapshot1S = round(one.seconds, 2);
  row.snapshot1CacheCpuS = round(one.cacheCpuSeconds, 2);
  row.snapshot1ClientCpuS = round(one.clientCpuSeconds, 2);
  row.snapshotMB = round(one.bytesPerClient / 1e6);
  // Right after the first: a cache that keeps a snapshot encoded sends the same bytes again.
  const again = await snapshotToClients(cache.grpc, CLIENTS, cache.cpuSeconds, CLIENT_THREADS, RAW_CLIENTS);
  row[`snapshot${CLIENTS}AfterOneS`] = round(again.seconds, 2);
  row[`snapshot${CLIENTS}AfterOneCacheCpuS`] = round(again.cacheCpuSeconds, 2);
  row[`snapshot${CLIENTS}AfterOneClientsCpuS`] = round(again.clientCpuSeconds, 2);

  if (values['cache-only']) {
    await cache.stop();
    return { ...row, ...(await freshCacheSnapshots(tree, databaseUrl, logDir)).row, loadAverageAtEnd: loadAverage() };
  }
  log(`${tree.name}: changelog rows read at ${CHANGE_RATE} changes/s`);
  const statsClient = new pg.Client({ connectionString: databaseUrl });
  await statsClient.connect();
  try {
    const reads = await readsWindow(
      statsClient,
      writer,
      CHANGE_RATE,
      WINDOW_S,
      `${tree.name}-${Date.now().toString(36)}`,
    );
    row.changelogRowsPerS = reads.rowsPerS;
    row.changelogRouteChangesRowsPerS = reads.byTable.route_changes ?? 0;
  } finally {
    await statsClient.end();
  }

  await cache.stop();
  const { fresh, row: freshRow } = await freshCacheSnapshots(tree, databaseUrl, logDir);
  Object.assign(row, freshRow);
  Object.assign(row, await routerRows(tree, fresh, logDir, writer));
  await fresh.stop();
  return row;
}

/** The router's rows against `cache` (stopped by the caller). */
async function routerRows(tree: Tree, cache: CacheProc, logDir: string, writer?: ChangeWriter): Promise<Row> {
  const cacheAddress = cache.grpc;
  const row: Row = {};
  for (let round_ = 1; round_ <= ROUTER_ROUNDS; round_++) {
    const suffix = round_ === 1 ? '' : `Round${round_}`;
    log(`${tree.name}: router cold start (no state dir)${suffix ? `, round ${round_}` : ''}`);
    const cacheCpu = cache.cpuSeconds();
    const cold = await startRouterProcess(tree, { caches: [cacheAddress], name: `cold${suffix}`, logDir });
    row[`routerColdStartS${suffix}`] = round(cold.readyMs / 1000, 2);
    // CPU spent until ready by the router (all its threads) and by the cache meanwhile: beside the
    // wall time, whether the two were waiting for each other or for the machine's 2 cores.
    row[`routerColdCpuS${suffix}`] = round(cold.readyCpuSeconds, 2);
    row[`cacheCpuDuringColdS${suffix}`] = round(cache.cpuSeconds() - cacheCpu, 2);
    row[`loadAverage${suffix}`] = loadavg()[0]?.toFixed(2) ?? '';
    row[`routerColdRssMiB${suffix}`] = round(cold.rssBytes() / MiB);
    // RSS after the start, until after the ingest threads have gone (10 s after a snapshot).
    let waited = 0;
    for (const at of [2, 5, 12, 20]) {
      await sleep((at - waited) * 1000);
      waited = at;
      row[`routerColdRss${at}sMiB${suffix}`] = round(cold.rssBytes() / MiB);
    }
    await cold.stop();
  }

  log(`${tree.name}: router with a state dir`);
  const stateDir = await mkdtemp(join(tmpdir(), `scale-${tree.name}-state-`));
  const stateArgs = ['--state-dir', stateDir, '--persist-interval', '1s'];
  const persisting = await startRouterProcess(tree, {
    caches: [cacheAddress],
    name: 'state-dir',
    logDir,
    args: stateArgs,
  });
  row.routerColdStartStateDirS = round(persisting.readyMs / 1000, 2);
  await waitFor(async () => (await persisting.state()).stateDirWrites >= 1, 'the first state-dir write', 300_000);
  await sleep(2_000);
  row.routerStateDirRssMiB = round(persisting.rssBytes() / MiB);
  if (writer !== undefined) {
    row.stateDirWriteStallMs = round(
      await stallDuringWrite(persisting, writer, `${tree.name}-${Date.now().toString(36)}`),
    );
  }
  // After the state-dir writer's thread has gone (it stays 30 s after its last write).
  await sleep(32_000);
  row.routerStateDirRss35sMiB = round(persisting.rssBytes() / MiB);
  await persisting.stop();

  log(`${tree.name}: warm start from the state dir, no cache reachable`);
  const deadCache = `127.0.0.1:${await findFreePort()}`;
  const warm = await startRouterProcess(tree, {
    caches: [deadCache],
    name: 'warm',
    logDir,
    args: [...stateArgs, '--warm-start-after', '100ms'],
  });
  row.routerWarmStartS = round(warm.readyMs / 1000, 2);
  row.routerWarmCpuS = round(warm.readyCpuSeconds, 2);
  row.loadAverageWarm = loadavg()[0]?.toFixed(2) ?? '';
  row.routerWarmServices = (await warm.state()).services;
  row.routerWarmRssMiB = round(warm.rssBytes() / MiB);
  await warm.stop();
  return row;
}

const given = values['database-url'];
const database = given === undefined ? await startDatabase() : { databaseUrl: given, stop: async () => undefined };
const logDir = await mkdtemp(join(tmpdir(), 'scale-logs-'));
log(`logs in ${logDir}`);
try {
  if (given === undefined) {
    log(`seeding ${N} services`);
    const seeded = await seed(database.databaseUrl, { services: N, regions: [REGION], seed: 14 });
    log(`seeded ${seeded.services} services, ${seeded.hostnames} hostnames in ${round(seeded.ms / 1000)} s`);
  }
  const client = new pg.Client({ connectionString: database.databaseUrl });
  await client.connect();
  const ids = (await client.query<{ id: string }>('SELECT id::text FROM services LIMIT 10000')).rows.map((r) => r.id);
  await client.end();
  const writer = new ChangeWriter(database.databaseUrl, ids, 2);
  const rows: Record<string, Row> = {};
  try {
    for (const tree of trees) rows[tree.name] = await measure(tree, database.databaseUrl, writer, logDir);
  } finally {
    await writer.close();
  }
  console.log(JSON.stringify({ services: N, clients: CLIENTS, ...rows }, null, 2));
  const names = trees.map((t) => t.name);
  const keys = Object.keys(rows.after ?? {});
  console.log(`\n| figure at ${N} services | ${names.join(' | ')} |\n| --- |${names.map(() => ' --- |').join('')}`);
  for (const key of keys) console.log(`| ${key} | ${names.map((n) => rows[n]?.[key] ?? '').join(' | ')} |`);
} finally {
  await database.stop();
}
process.exit(0);

// Router memory with 100,000 certificates in its store and 1,000 distinct SNI names in use (issue 16).
// Real parts: an embedded PostgreSQL, a cache server process, a `switchyard router` process (dist)
// with --listen-tls and 2 serving threads, TLS handshakes from here over loopback. With --before DIR
// (another checkout, built, with its node_modules) its router is measured too, on the same database
// and cache. Usage (after `npm run build`; wrap it in `flock /tmp/switchyard-bench.lock` on shared machines):
//   npm run bench -- certs [--certificates 100000] [--names 1000] [--rounds 3] [--concurrency 8]
//                          [--heap-snapshot] [--before DIR]
import { randomBytes } from 'node:crypto';
import { openSync, readdirSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { PlatformKey, seed } from '@switchyard/service-db';
import pg from 'pg';
import { REGION, round, spawnCache, startDatabase } from '../cache/harness.ts';
import { sleep, waitFor } from '../suite/processes.ts';
import { handshakes } from './handshakes.ts';
import { formatSummary, summarise } from './heap-summary.ts';
import { certificateName, insertCertificates } from './insert.ts';
import { type CertRouter, type RouterMemory, startCertRouter } from './router-process.ts';

const { values } = parseArgs({
  options: {
    certificates: { type: 'string', default: '100000' },
    names: { type: 'string', default: '1000' },
    rounds: { type: 'string', default: '3' },
    concurrency: { type: 'string', default: '8' },
    services: { type: 'string', default: '1000' },
    'heap-snapshot': { type: 'boolean', default: false },
    before: { type: 'string' },
  },
});
const N = Number(values.certificates);
const NAMES = Math.min(N, Number(values.names));
const MiB = 2 ** 20;
const here = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const trees = [
  ...(values.before ? [{ name: 'before', root: resolve(values.before) }] : []),
  { name: 'after', root: here },
];
const log = (line: string) => console.error(`[certs ${new Date().toISOString().slice(11, 19)}] ${line}`);
const mib = (bytes: number) => round(bytes / MiB);
type Row = Record<string, number | string>;
/** 100,000 certificates take minutes to reach a cache and a router on a busy machine. */
const LONG_WAIT_MS = 300_000;

/** Settles, then reads the router's memory after a GC of its main thread, as table cells named `prefix…`. */
async function memoryCells(router: CertRouter, prefix: string): Promise<Row> {
  await sleep(3_000);
  const m: RouterMemory = await router.memory(true);
  const row: Row = {
    [`${prefix}RssMiB`]: mib(m.rssBytes),
    [`${prefix}MainHeapMiB`]: mib(m.main.heapUsedBytes),
  };
  for (const t of m.threads) row[`${prefix}Thread${t.slot}HeapMiB`] = mib(t.heapUsedBytes);
  return row;
}

/** SIGUSR2 (--heapsnapshot-signal): the main thread writes a snapshot, then answers again. */
async function heapSnapshot(router: CertRouter, dir: string): Promise<string> {
  const before = new Set(readdirSync(dir));
  router.child.kill('SIGUSR2');
  let file: string | undefined;
  await waitFor(
    async () => {
      file = readdirSync(dir).find((f) => f.endsWith('.heapsnapshot') && !before.has(f));
      return file !== undefined;
    },
    'a heap snapshot file',
    LONG_WAIT_MS,
  );
  await router.memory(); // the main thread answers only once the snapshot is written
  return join(dir, file as string);
}

const database = await startDatabase();
const work = await mkdtemp(join(tmpdir(), 'certs-bench-'));
log(`logs and files in ${work}`);
const tokenFile = join(work, 'token');
const keyFile = join(work, 'platform.key');
writeFileSync(tokenFile, randomBytes(24).toString('hex'));
const platformKeyHex = randomBytes(32).toString('hex');
writeFileSync(keyFile, platformKeyHex);
const cacheLog = openSync(join(work, 'cache.log'), 'a');
const cacheConfig = { tokenFile, certKeyFile: keyFile };
const rows: Record<string, Row> = Object.fromEntries(trees.map((t) => [t.name, {}]));
const cacheRow: Row = {};
try {
  const seeded = await seed(database.databaseUrl, { services: Number(values.services), regions: [REGION], seed: 16 });
  log(`seeded ${seeded.services} services`);

  const emptyCache = await spawnCache(database.databaseUrl, cacheConfig, { stderr: cacheLog });
  cacheRow.cacheRssNoCertificatesMiB = mib((await emptyCache.stats()).rssBytes);
  for (const tree of trees) {
    log(`${tree.name}: router with no certificates`);
    const empty = await startCertRouter({
      root: tree.root,
      cache: emptyCache.grpc,
      tokenFile,
      logFile: join(work, `${tree.name}-router-empty.log`),
    });
    await waitFor(async () => (await empty.memory()).certificates !== undefined, 'the certificate store', LONG_WAIT_MS);
    Object.assign(rows[tree.name] as Row, await memoryCells(empty, 'empty'));
    await empty.stop();
  }
  await emptyCache.stop();

  log(`issuing and inserting ${N} certificates`);
  const client = new pg.Client({ connectionString: database.databaseUrl });
  await client.connect();
  const serviceIds = (await client.query<{ id: string }>('SELECT id::text FROM services ORDER BY id')).rows.map(
    (r) => r.id,
  );
  await client.end();
  const inserting = performance.now();
  const { caPem } = await insertCertificates(
    database.databaseUrl,
    PlatformKey.parse(platformKeyHex, 'bench'),
    serviceIds,
    N,
    (done) => {
      if (done % 20_000 === 0 || done === N) log(`  ${done} certificates written`);
    },
  );
  cacheRow.insertS = round((performance.now() - inserting) / 1000);

  log('cache cold start with the certificates');
  const cacheStarted = performance.now();
  const cache = await spawnCache(database.databaseUrl, cacheConfig, { stderr: cacheLog });
  cacheRow.cacheReadyS = round(cache.readyMs / 1000, 2);
  // Ready means routes loaded; the certificates are loaded after them.
  await waitFor(
    async () => {
      const state = (await (await fetch(`http://${cache.admin}/debug/state`)).json()) as {
        certificates: { count: number } | null;
      };
      return state.certificates?.count === N;
    },
    `${N} certificates in the cache`,
    LONG_WAIT_MS,
  );
  cacheRow.cacheCertificatesLoadedS = round((performance.now() - cacheStarted) / 1000, 2);
  const cacheStats = await cache.stats();
  cacheRow.cacheRssMiB = mib(cacheStats.rssBytes);
  cacheRow.cacheHeapMiB = mib(cacheStats.heapUsedBytes);
  cacheRow.cachePeakRssMiB = mib(cacheStats.maxRssBytes);

  const names = Array.from({ length: NAMES }, (_, i) => certificateName(i));
  for (const tree of trees) {
    const row = rows[tree.name] as Row;
    log(`${tree.name}: router cold start following the cache`);
    const router = await startCertRouter({
      root: tree.root,
      cache: cache.grpc,
      tokenFile,
      logFile: join(work, `${tree.name}-router.log`),
      ...(values['heap-snapshot'] ? { nodeArgs: ['--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${work}`] } : {}),
    });
    row.readyS = round((performance.now() - router.startedAt) / 1000, 2);
    await waitFor(
      async () => (await router.memory()).certificates?.count === N,
      `${N} certificates in the router`,
      LONG_WAIT_MS,
    );
    row.certificatesInS = round((performance.now() - router.startedAt) / 1000, 2);
    row.peakRssDuringLoadMiB = mib(router.peakRssBytes());
    Object.assign(row, await memoryCells(router, 'loaded'));

    if (values['heap-snapshot']) {
      log(`${tree.name}: heap snapshot of the main thread`);
      const summary = summarise(await heapSnapshot(router, work));
      console.error(`${tree.name}: ${formatSummary(summary, 15)}`);
      row.snapshotMiB = mib(summary.totalBytes);
    }

    log(`${tree.name}: ${NAMES} distinct SNI names × ${values.rounds} rounds`);
    const shook = await handshakes(router.tlsPort, names, caPem, {
      rounds: Number(values.rounds),
      concurrency: Number(values.concurrency),
    });
    if (shook.failures > 0) log(`${tree.name}: ${shook.failures} handshakes failed: ${shook.errors.join('; ')}`);
    row.handshakes = shook.handshakes;
    row.handshakeFailures = shook.failures;
    row.handshakesPerS = round(shook.handshakes / shook.seconds);
    row.contextsBuilt = await router.tlsEvent('context_built');
    Object.assign(row, await memoryCells(router, 'inUse'));
    // The same names again: what RSS still grows by is not held per name (allocator high-water marks).
    const again = await handshakes(router.tlsPort, names, caPem, {
      rounds: Number(values.rounds),
      concurrency: Number(values.concurrency),
    });
    row.againHandshakesPerS = round(again.handshakes / again.seconds);
    row.againContextsBuilt = (await router.tlsEvent('context_built')) - (row.contextsBuilt as number);
    Object.assign(row, await memoryCells(router, 'again'));
    row.peakRssMiB = mib(router.peakRssBytes());
    await router.stop();
  }
  cacheRow.cacheRssAfterMiB = mib((await cache.stats()).rssBytes);
  await cache.stop();

  console.log(
    JSON.stringify({ certificates: N, names: NAMES, rounds: Number(values.rounds), cacheRow, rows }, null, 2),
  );
  const columns = trees.map((t) => t.name);
  console.log(`\n| router, ${N} certificates, ${NAMES} SNI names | ${columns.join(' | ')} |`);
  console.log(`| --- |${columns.map(() => ' ---: |').join('')}`);
  for (const key of Object.keys(rows.after ?? {}))
    console.log(`| ${key} | ${columns.map((c) => rows[c]?.[key] ?? '').join(' | ')} |`);
  console.log('\n| cache | |\n| --- | ---: |');
  for (const [key, value] of Object.entries(cacheRow)) console.log(`| ${key} | ${value} |`);
} finally {
  await database.stop();
}
process.exit(0);

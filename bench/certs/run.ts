// Router memory with 100,000 certificates in its store and 1,000 distinct SNI names in use (issue 16).
// Real parts: an embedded PostgreSQL, a cache server process, a `switchyard router` process (dist)
// with --listen-tls and 2 serving threads, TLS handshakes from here over loopback. Usage (after
// `npm run build`; wrap it in `flock /tmp/switchyard-bench.lock` on shared machines):
//   npm run bench -- certs [--certificates 100000] [--names 1000] [--rounds 3] [--concurrency 8] [--heap-snapshot]
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
import { sleep } from '../suite/processes.ts';
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
  },
});
const N = Number(values.certificates);
const NAMES = Math.min(N, Number(values.names));
const MiB = 2 ** 20;
const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const log = (line: string) => console.error(`[certs ${new Date().toISOString().slice(11, 19)}] ${line}`);
const mib = (bytes: number) => round(bytes / MiB);

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 300_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/** One row of the memory table: RSS, and each thread's V8 heap after a main-thread GC. */
function memoryRow(m: RouterMemory) {
  return {
    rssMiB: mib(m.rssBytes),
    mainHeapMiB: mib(m.main.heapUsedBytes),
    mainExternalMiB: mib(m.main.externalBytes),
    threadHeapMiB: m.threads.map((t) => mib(t.heapUsedBytes)),
    threadExternalMiB: m.threads.map((t) => mib(t.externalBytes)),
  };
}

/** Settles, then reads the router's memory after a GC of its main thread. */
async function settledMemory(router: CertRouter): Promise<RouterMemory> {
  await sleep(3_000);
  return router.memory(true);
}

/** SIGUSR2 (--heapsnapshot-signal): the main thread writes a snapshot, then answers again. */
async function heapSnapshot(router: CertRouter, dir: string, admin: () => Promise<unknown>): Promise<string> {
  const before = new Set(readdirSync(dir));
  router.child.kill('SIGUSR2');
  let file: string | undefined;
  await waitFor(async () => {
    file = readdirSync(dir).find((f) => f.endsWith('.heapsnapshot') && !before.has(f));
    return file !== undefined;
  }, 'a heap snapshot file');
  await admin(); // the main thread answers only once the snapshot is written
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
const result: Record<string, unknown> = { certificates: N, names: NAMES, rounds: Number(values.rounds) };
try {
  const seeded = await seed(database.databaseUrl, { services: Number(values.services), regions: [REGION], seed: 16 });
  log(`seeded ${seeded.services} services`);

  log('router with no certificates');
  const emptyCache = await spawnCache(database.databaseUrl, cacheConfig, { stderr: cacheLog });
  const empty = await startCertRouter({
    root,
    cache: emptyCache.grpc,
    tokenFile,
    logFile: join(work, 'router-empty.log'),
  });
  await waitFor(async () => (await empty.memory()).certificates !== undefined, 'the certificate store');
  result.noCertificates = memoryRow(await settledMemory(empty));
  result.cacheNoCertificatesRssMiB = mib((await emptyCache.stats()).rssBytes);
  await empty.stop();
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
  result.insertS = round((performance.now() - inserting) / 1000);

  log('cache cold start with the certificates');
  const cache = await spawnCache(database.databaseUrl, cacheConfig, { stderr: cacheLog });
  result.cacheColdStartS = round(cache.readyMs / 1000, 2);
  const cacheStats = await cache.stats();
  result.cacheRssMiB = mib(cacheStats.rssBytes);
  result.cacheHeapMiB = mib(cacheStats.heapUsedBytes);
  result.cachePeakRssMiB = mib(cacheStats.maxRssBytes);

  log('router cold start following it');
  const router = await startCertRouter({
    root,
    cache: cache.grpc,
    tokenFile,
    logFile: join(work, 'router.log'),
    ...(values['heap-snapshot'] ? { nodeArgs: ['--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${work}`] } : {}),
  });
  result.routerReadyS = round((performance.now() - router.startedAt) / 1000, 2);
  await waitFor(async () => (await router.memory()).certificates?.count === N, `${N} certificates in the router`);
  result.certificatesReachRouterS = round((performance.now() - router.startedAt) / 1000, 2);
  result.routerPeakRssDuringLoadMiB = mib(router.peakRssBytes());
  const loaded = await settledMemory(router);
  result.loaded = memoryRow(loaded);

  if (values['heap-snapshot']) {
    log('heap snapshot of the main thread');
    const file = await heapSnapshot(router, work, () => router.memory());
    const summary = summarise(file);
    result.heapSnapshot = { file, totalMiB: mib(summary.totalBytes), top: summary.groups.slice(0, 12) };
    console.error(formatSummary(summary, 15));
  }

  log(`${NAMES} distinct SNI names × ${values.rounds} rounds`);
  const names = Array.from({ length: NAMES }, (_, i) => certificateName(i));
  const shook = await handshakes(router.tlsPort, names, caPem, {
    rounds: Number(values.rounds),
    concurrency: Number(values.concurrency),
  });
  result.handshakes = { ...shook, seconds: round(shook.seconds, 2) };
  result.contextsBuilt = await router.tlsEvent('context_built');
  result.inUse = memoryRow(await settledMemory(router));
  result.routerPeakRssMiB = mib(router.peakRssBytes());
  result.cacheRssAfterMiB = mib((await cache.stats()).rssBytes);
  await router.stop();
  await cache.stop();

  console.log(JSON.stringify(result, null, 2));
  const rows = [
    ['no certificates', result.noCertificates],
    [`${N} certificates loaded`, result.loaded],
    [`${NAMES} SNI names in use`, result.inUse],
  ] as const;
  console.log(
    `\n| router (2 serving threads) | RSS MiB | main heap MiB | thread heaps MiB |\n| --- | ---: | ---: | ---: |`,
  );
  for (const [label, row] of rows) {
    const r = row as ReturnType<typeof memoryRow>;
    console.log(`| ${label} | ${r.rssMiB} | ${r.mainHeapMiB} | ${r.threadHeapMiB.join(' / ')} |`);
  }
  console.log(
    `\ncertificates reach a cold router: ${result.certificatesReachRouterS} s (ready for routes at ${result.routerReadyS} s); ` +
      `router peak RSS ${result.routerPeakRssMiB} MiB; cache RSS ${result.cacheRssMiB} MiB (peak ${result.cachePeakRssMiB}); ` +
      `cache cold start ${result.cacheColdStartS} s; ${shook.handshakes} handshakes, ${shook.failures} failed, ${result.contextsBuilt} contexts built`,
  );
} finally {
  await database.stop();
}
process.exit(0);

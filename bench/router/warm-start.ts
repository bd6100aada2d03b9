// Warm start from the state dir with no cache reachable, without a database: a table image of N
// seeded services is written once, then routers (`switchyard router` from each tree's dist, 2
// serving threads, `--warm-start-after 100ms`) are started on it in turn — before/after
// interleaved, so both see the same load — and timed from spawn to `/readyz` 200.
// Usage (repository root, after `npm run build`):
//   npx node --conditions=source --expose-gc bench/router/warm-start.ts [--services 1000000]
//     [--rounds 5] [--before DIR] [--profile DIR]
// --profile DIR: a CPU profile of every router's main thread (written when it stops).
import { spawn } from 'node:child_process';
import { existsSync, openSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Service } from '@switchyard/proto';
import { imageByteLength } from '@switchyard/route-table';
import { findFreePort } from '@switchyard/service-db';
import { silentLogger } from '@switchyard/telemetry';
import { SnapshotStore } from '../../apps/router/src/snapshot-store.ts';
import { TABLE_FILE_NAME } from '../../apps/router/src/table-file.ts';
import { TableKeeper } from '../../apps/router/src/table-keeper.ts';
import { REGION } from '../cache/harness.ts';
import { cpuSeconds, stopChild, waitForHttp } from '../suite/processes.ts';
import { seededRecord } from './seeded-records.ts';

const { values } = parseArgs({
  options: {
    services: { type: 'string', default: '1000000' },
    rounds: { type: 'string', default: '5' },
    before: { type: 'string' },
    profile: { type: 'string' },
    /** Keep the image in this directory, and reuse one already there (built from the same --services). */
    state: { type: 'string' },
  },
});
const N = Number(values.services);
const ROUNDS = Number(values.rounds);
const here = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const trees = [
  ...(values.before ? [{ name: 'before', root: resolve(values.before) }] : []),
  { name: 'after', root: here },
];
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
const log = (line: string) => console.error(`[warm ${new Date().toISOString().slice(11, 19)}] ${line}`);

const stateDir = values.state ?? (await mkdtemp(join(tmpdir(), 'warm-start-state-')));
// The after tree's router keeps V8's compile cache (bin/switchyard.js): a fresh directory for this
// run, so that its first round starts with an empty cache, as the first start on a new host does.
const compileCache = await mkdtemp(join(tmpdir(), 'warm-start-compile-cache-'));
const logDir = await mkdtemp(join(tmpdir(), 'warm-start-logs-'));
if (!existsSync(join(stateDir, TABLE_FILE_NAME))) {
  log(`building a table of ${N} seeded services`);
  const keeper = new TableKeeper({ logger: silentLogger(), onHandle: () => {}, onChange: () => {} });
  keeper.beginSnapshot(1000, N);
  for (let i = 0; i < N; i += 1000) {
    const batch: Service[] = [];
    for (let j = i; j < Math.min(N, i + 1000); j++) batch.push(seededRecord(j));
    keeper.addBatch(batch);
  }
  keeper.endSnapshot(1000);
  const store = new SnapshotStore(stateDir, REGION);
  const written = await store.write(() => keeper.hold(), imageByteLength(keeper.handle));
  await store.close();
  log(`image written: ${(written.bytes / 1e6).toFixed(1)} MB in ${stateDir}`);
}

/** The environment of a router: the after tree's with this run's compile-cache directory, the before tree's with none. */
function routerEnv(tree: string): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.NODE_COMPILE_CACHE;
  if (tree === 'after') env.NODE_COMPILE_CACHE = compileCache;
  return env;
}

interface Start {
  readyMs: number;
  /** CPU time of the router process (all its threads) from spawn to ready: less sensitive to the machine's load than wall time. */
  cpuMs: number;
  userMs: number;
  systemMs: number;
  imageReadMs: number | undefined;
  logLines: { msg: string; at: number }[];
}

async function warmStart(tree: { name: string; root: string }, round: number): Promise<Start> {
  const [port, adminPort, deadPort] = [await findFreePort(), await findFreePort(), await findFreePort()];
  const logPath = join(logDir, `${tree.name}-${round}.log`);
  const out = openSync(logPath, 'a');
  const profile = values.profile
    ? ['--cpu-prof', '--cpu-prof-dir', values.profile, '--cpu-prof-name', `${tree.name}-${round}.cpuprofile`]
    : [];
  const startedWall = Date.now();
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [
      ...profile,
      join(tree.root, 'apps/cli/bin/switchyard.js'),
      'router',
      '--caches',
      `127.0.0.1:${deadPort}`,
      '--listen',
      `127.0.0.1:${port}`,
      '--admin',
      `127.0.0.1:${adminPort}`,
      '--region',
      REGION,
      '--workers',
      '2',
      '--state-dir',
      stateDir,
      '--warm-start-after',
      '100ms',
    ],
    { stdio: ['ignore', out, out], cwd: tree.root, env: routerEnv(tree.name) },
  );
  await waitForHttp(`http://127.0.0.1:${adminPort}/readyz`, { status: 200, timeoutMs: 120_000 });
  const readyMs = Math.round(performance.now() - started);
  const cpuMs = Math.round(cpuSeconds([child.pid as number]) * 1000);
  const stat = readFileSync(`/proc/${child.pid}/stat`, 'latin1').split(') ')[1]?.split(' ') ?? [];
  const [userMs, systemMs] = [Number(stat[11]) * 10, Number(stat[12]) * 10];
  await stopChild(child);
  const logLines = readFileSync(logPath, 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as { msg: string; time: string; ms?: number });
  const loaded = logLines.find((l) => l.msg === 'state-dir table loaded');
  return {
    readyMs,
    cpuMs,
    userMs,
    systemMs,
    imageReadMs: loaded?.ms,
    logLines: logLines.map((l) => ({ msg: l.msg, at: Date.parse(l.time) - startedWall })),
  };
}

const results: Record<string, Start[]> = Object.fromEntries(trees.map((t) => [t.name, []]));
try {
  for (let round = 1; round <= ROUNDS; round++) {
    for (const tree of round % 2 === 1 ? trees : [...trees].reverse()) {
      const start = await warmStart(tree, round);
      results[tree.name]?.push(start);
      log(
        `${tree.name} round ${round}: ready ${start.readyMs} ms, ${start.cpuMs} CPU ms (user ${start.userMs}, system ${start.systemMs}) (image read ${start.imageReadMs} ms); load ${load()}; ${start.logLines.map((l) => `${l.msg} @${l.at}`).join(', ')}`,
      );
    }
  }
} finally {
  if (values.state === undefined) await rm(stateDir, { recursive: true, force: true });
  await rm(compileCache, { recursive: true, force: true });
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
for (const tree of trees) {
  const runs = results[tree.name] ?? [];
  console.log(
    `${tree.name}: spawn → /readyz ${runs.map((r) => r.readyMs).join(' / ')} ms (median ${median(runs.map((r) => r.readyMs))}); CPU ${runs.map((r) => r.cpuMs).join(' / ')} ms (median ${median(runs.map((r) => r.cpuMs))}); image read ${runs.map((r) => r.imageReadMs).join(' / ')} ms`,
  );
}
console.log(`load average at the end: ${load()}; logs in ${logDir}`);
process.exit(0);

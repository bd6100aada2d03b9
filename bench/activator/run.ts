// Activator benchmarks (docs/activator.md), everything real and on this machine: embedded PostgreSQL,
// a cache server and a router (1 serving thread) in this process, the activator (process scaler) in
// a process of its own, the demo app of the activator's tests as the service.
//  1. Cold start: N times, a request through the router to a scaled-to-zero service; the activator's
//     overhead = (request sent → first response byte) − (the app's own start: its process time origin →
//     listening, as the app itself reports). p50/p99 over N.
//  2. Steady state: k6 at a constant arrival rate through the router to the same app program, once
//     routed straight to an instance (paid) and once through the activator (free, warm); rounds
//     alternate; the extra hop's overhead is the difference of the p50/p99 latencies of each pair.
// Usage (from the repo root; k6 at .tools/bin/k6, see bench/setup):
//   npx node --conditions=source bench/activator/run.ts [--cold-starts 20] [--start-delay 0] [--rate 200] [--duration 10s] [--rounds 3] [--warmup 3s]
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startCacheServer, withDefaults } from '@switchyard/cache-server';
import { startRouter, withRouterDefaults } from '@switchyard/router';
import { addHostname, addInstance, createService } from '@switchyard/service-db';
import { silentLogger } from '@switchyard/telemetry';
import pg from 'pg';
import { freePort } from '../../apps/activator/src/scalers/free-port.ts';
import { REGION, startDatabase } from '../cache/harness.ts';

const { values } = parseArgs({
  options: {
    'cold-starts': { type: 'string', default: '20' },
    'start-delay': { type: 'string', default: '0' },
    rate: { type: 'string', default: '200' },
    duration: { type: 'string', default: '10s' },
    rounds: { type: 'string', default: '3' },
    warmup: { type: 'string', default: '3s' },
  },
});
const DEMO_APP = fileURLToPath(new URL('../../apps/activator/test/fixtures/demo-app.mjs', import.meta.url));
const K6 = fileURLToPath(new URL('../../.tools/bin/k6', import.meta.url));
const RATE_SCRIPT = fileURLToPath(new URL('./rate.js', import.meta.url));
const ACTIVATOR_PROCESS = fileURLToPath(new URL('./activator-process.ts', import.meta.url));
const log = (line: string) => process.stdout.write(`${line}\n`);
const nowMs = () => performance.timeOrigin + performance.now();

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}
const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

/** GET / with `host` on a fresh connection; resolves at the first response byte (headers). */
function firstByte(port: number, host: string): Promise<{ status: number; atMs: number }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/', headers: { host }, agent: false }, (res) => {
      const atMs = nowMs();
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, atMs }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function startsOf(file: string): Promise<{ spawn: number[]; listening: number[] }> {
  const text = await readFile(file, 'utf8').catch(() => '');
  const out = { spawn: [] as number[], listening: [] as number[] };
  for (const line of text.split('\n')) {
    const [kind, , ms] = line.split(' ');
    if (kind === 'spawn' || kind === 'listening') out[kind].push(Number(ms));
  }
  return out;
}

async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** The activator as a child process; resolves once it is synced with the cache. */
async function spawnActivator(config: Record<string, unknown>): Promise<{
  address: string;
  admin: string;
  close(): Promise<void>;
}> {
  const child = spawn(process.execPath, ['--conditions=source', ACTIVATOR_PROCESS, JSON.stringify(config)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const line = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the activator exited with ${code}`)));
  });
  const { address, admin } = JSON.parse(line) as { address: string; admin: string };
  return {
    address,
    admin,
    close: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function k6(
  port: number,
  host: string,
  dir: string,
  duration = values.duration,
): Promise<{ p50: number; p99: number; dropped: number; failed: number }> {
  const summaryFile = join(dir, `k6-${host}-${Date.now()}.json`);
  const child = spawn(K6, ['run', '--quiet', '--no-color', '--address', '127.0.0.1:0', RATE_SCRIPT], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      K6_NO_USAGE_REPORT: 'true',
      TARGET: `http://127.0.0.1:${port}/`,
      HOST: host,
      RATE: values.rate,
      DURATION: duration,
      SUMMARY_FILE: summaryFile,
    },
  });
  await new Promise((resolve) => child.once('exit', resolve));
  const summary = JSON.parse(await readFile(summaryFile, 'utf8')) as {
    metrics: Record<string, { values: Record<string, number> } | undefined>;
  };
  const metric = (name: string, value: string) => summary.metrics[name]?.values[value] ?? 0;
  return {
    p50: metric('http_req_duration', 'p(50)'),
    p99: metric('http_req_duration', 'p(99)'),
    dropped: metric('dropped_iterations', 'count'),
    failed: metric('http_req_failed', 'passes'),
  };
}

const dir = await mkdtemp(join(tmpdir(), 'activator-bench-'));
const database = await startDatabase();
const pool = new pg.Pool({ connectionString: database.databaseUrl, max: 2 });
const children: ChildProcess[] = [];
try {
  const startsFile = join(dir, 'free.starts');
  const free = await createService(pool, {
    name: 'bench-free',
    kind: 'web',
    plan: 'free',
    region: REGION,
    scalerRef: JSON.stringify({
      command: [process.execPath, DEMO_APP],
      env: { NAME: 'bench', STARTS_FILE: startsFile, START_DELAY_MS: values['start-delay'] },
    }),
  });
  await addHostname(pool, free.id, 'free.bench');
  // The same program, started by the benchmark and routed to directly (paid plan).
  const backendPort = await freePort('127.0.0.1');
  const backend = spawn(process.execPath, [DEMO_APP], {
    env: { PORT: String(backendPort), NAME: 'bench', START_DELAY_MS: '0' },
    stdio: 'ignore',
  });
  children.push(backend);
  const paid = await createService(pool, { name: 'bench-paid', kind: 'web', plan: 'paid', region: REGION });
  await addHostname(pool, paid.id, 'paid.bench');
  await addInstance(pool, paid.id, { host: '127.0.0.1', port: backendPort, ready: true });

  const cache = await startCacheServer(
    withDefaults({ databaseUrl: database.databaseUrl, region: REGION, listen: '127.0.0.1:0', admin: '127.0.0.1:0' }),
    { logger: silentLogger() },
  );
  await cache.ready;
  const stack = async (idleTimeoutMs: number) => {
    const activator = await spawnActivator({
      caches: [cache.grpcAddress],
      region: REGION,
      listen: '127.0.0.1:0',
      admin: '127.0.0.1:0',
      idleTimeoutMs,
    });
    const router = await startRouter(
      withRouterDefaults({
        caches: [cache.grpcAddress],
        region: REGION,
        listen: '127.0.0.1:0',
        admin: '127.0.0.1:0',
        workers: 1,
        ingestThreads: 0,
        activator: activator.address,
      }),
      { logger: silentLogger() },
    );
    await router.ready;
    const port = Number(router.address.split(':').pop());
    return { activator, router, port };
  };

  // 1. Cold starts.
  const coldStarts = Number(values['cold-starts']);
  {
    const { activator, router, port } = await stack(200);
    const state = async () => {
      const res = await fetch(`http://${activator.admin}/debug/services`);
      const body = (await res.json()) as { services: { id: string; state: string }[] };
      return body.services.find((s) => s.id === free.id)?.state;
    };
    const totals: number[] = [];
    const owns: number[] = [];
    const overheads: number[] = [];
    const toOrigin: number[] = [];
    const toFirstByte: number[] = [];
    for (let i = 0; i < coldStarts; i++) {
      await until(async () => (await state()) === 'scaled-to-zero', 'scaled-to-zero');
      await new Promise((r) => setTimeout(r, 100));
      const before = await startsOf(startsFile);
      const sentAt = nowMs();
      const answer = await firstByte(port, 'free.bench');
      if (answer.status !== 200) throw new Error(`cold request answered ${answer.status}`);
      const after = await startsOf(startsFile);
      const spawnAt = after.spawn[before.spawn.length];
      const listeningAt = after.listening[before.listening.length];
      if (spawnAt === undefined || listeningAt === undefined) throw new Error('the app did not report its start');
      const total = answer.atMs - sentAt;
      const own = listeningAt - spawnAt;
      totals.push(total);
      owns.push(own);
      overheads.push(total - own);
      toOrigin.push(spawnAt - sentAt);
      toFirstByte.push(answer.atMs - listeningAt);
    }
    for (const list of [totals, owns, overheads, toOrigin, toFirstByte]) list.sort((a, b) => a - b);
    log(
      `# cold start: ${coldStarts} wakes of a scaled-to-zero service (demo app, START_DELAY_MS=${values['start-delay']})`,
    );
    const row = (label: string, list: number[]) =>
      log(`${label.padEnd(60)} ${fmt(percentile(list, 50)).padStart(10)} ${fmt(percentile(list, 99)).padStart(10)}`);
    log(`${''.padEnd(60)} ${'p50'.padStart(10)} ${'p99'.padStart(10)}`);
    row('request → first byte', totals);
    row("the app's own start (its process time origin → listening)", owns);
    row('activator overhead (the difference)', overheads);
    row('  request → app process origin (route, wake, fork/exec, boot)', toOrigin);
    row('  app listening → first byte (readiness probe, proxying)', toFirstByte);
    await router.close();
    await activator.close();
  }

  // 2. Steady state: the extra hop.
  if (!existsSync(K6)) {
    log(`\n# steady state skipped: no k6 at ${K6} (bench/setup installs it)`);
  } else {
    const { activator, router, port } = await stack(15 * 60_000);
    await firstByte(port, 'free.bench'); // wake it once
    await firstByte(port, 'paid.bench');
    // Warm-up (JIT, connection pools), not reported.
    await k6(port, 'paid.bench', dir, values.warmup);
    await k6(port, 'free.bench', dir, values.warmup);
    log(
      `\n# steady state: k6 constant-arrival-rate ${values.rate} req/s for ${values.duration} per run, through the router`,
    );
    log('round   direct p50/p99          via activator p50/p99      overhead p50/p99');
    const extra50: number[] = [];
    const extra99: number[] = [];
    for (let round = 1; round <= Number(values.rounds); round++) {
      const direct = await k6(port, 'paid.bench', dir);
      const via = await k6(port, 'free.bench', dir);
      const invalid = [direct, via]
        .filter((r) => r.dropped > 0 || r.failed > 0)
        .map((r) => `${r.dropped} dropped, ${r.failed} failed`)
        .join('; ');
      extra50.push(via.p50 - direct.p50);
      extra99.push(via.p99 - direct.p99);
      log(
        `${String(round).padEnd(7)} ${`${fmt(direct.p50)} / ${fmt(direct.p99)}`.padEnd(23)} ${`${fmt(via.p50)} / ${fmt(via.p99)}`.padEnd(26)} ${fmt(via.p50 - direct.p50)} / ${fmt(via.p99 - direct.p99)}${invalid ? `  INVALID (${invalid})` : ''}`,
      );
    }
    extra50.sort((a, b) => a - b);
    extra99.sort((a, b) => a - b);
    log(`median over rounds: extra hop p50 ${fmt(percentile(extra50, 50))}, p99 ${fmt(percentile(extra99, 50))}`);
    await router.close();
    await activator.close();
  }
  await cache.close();
} finally {
  for (const child of children) child.kill('SIGKILL');
  await pool.end();
  await database.stop();
  await rm(dir, { recursive: true, force: true });
}

// Router benchmarks: cold start to ready with N seeded services (from a cache, and warm from the
// state dir), then throughput and p50/p99 with wrk: straight to the backend vs through the router
// with 1 and with 2 serving threads. The router runs from dist (`switchyard router`), as in production.
// Usage (from the repo root, after `npx tsc -b apps/cli`):
//   npx node --conditions=source bench/router/run.ts [--services 100000] [--duration 10s] [--connections 50] [--rounds 2]
//     [--ingest-threads 0,1,2] [--skip-load]
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { addHostname, addInstance, createService, seed } from '@switchyard/service-db';
import pg from 'pg';
import { REGION, spawnCache, startDatabase } from '../cache/harness.ts';

const { values } = parseArgs({
  options: {
    services: { type: 'string', default: '100000' },
    duration: { type: 'string', default: '10s' },
    connections: { type: 'string', default: '50' },
    rounds: { type: 'string', default: '2' },
    'skip-load': { type: 'boolean', default: false },
    /** Comma-separated `--ingest-threads` values to compare (0: the main thread). */
    'ingest-threads': { type: 'string', default: '0,1,2' },
  },
});
const SERVICES = Number(values.services);
const run = promisify(execFile);
const CLI = fileURLToPath(new URL('../../apps/cli/bin/switchyard.js', import.meta.url));
const BACKEND = fileURLToPath(new URL('../forward/backend.ts', import.meta.url));
/** The serving path alone (serve/**, one thread, fixed target, no table, no metrics): the baseline. */
const FORWARD_ONLY = fileURLToPath(new URL('../forward/proxy.ts', import.meta.url));
const FORWARD_ONLY_PORT = 9203;
const HOST = 'app.example';
const ROUTER_PORT = 9200;
const ADMIN_PORT = 9201;
const BACKEND_PORT = 9202;
const children: ChildProcess[] = [];
const log = (line: string) => process.stdout.write(`${line}\n`);

async function readyAfter(started: number, timeoutMs = 300_000): Promise<number> {
  for (;;) {
    try {
      const res = await fetch(`http://127.0.0.1:${ADMIN_PORT}/readyz`);
      const text = await res.text();
      if (res.status === 200) return Math.round(performance.now() - started) + (text.includes('degraded') ? 0 : 0);
    } catch {}
    if (performance.now() - started > timeoutMs) throw new Error('router not ready in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function startRouter(args: string[], cpus: string): Promise<{ child: ChildProcess; readyMs: number }> {
  const started = performance.now();
  const child = spawn(
    'taskset',
    [
      '-c',
      cpus,
      process.execPath,
      CLI,
      'router',
      '--listen',
      `127.0.0.1:${ROUTER_PORT}`,
      '--admin',
      `127.0.0.1:${ADMIN_PORT}`,
      '--region',
      REGION,
      ...args,
    ],
    { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, SWITCHYARD_LOG_LEVEL: 'warn' } },
  );
  children.push(child);
  const readyMs = await readyAfter(started);
  return { child, readyMs };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

async function debugState(): Promise<{ services: number; hostnames: number; version: number }> {
  return (await fetch(`http://127.0.0.1:${ADMIN_PORT}/debug/state`)).json() as never;
}

async function wrk(port: number, seconds: string): Promise<string> {
  const { stdout } = await run('taskset', [
    '-c',
    '1',
    'wrk',
    '-t1',
    `-c${values.connections}`,
    `-d${seconds}`,
    '--latency',
    '-H',
    `Host: ${HOST}`,
    `http://127.0.0.1:${port}/`,
  ]);
  const rps = /Requests\/sec:\s+([\d.]+)/.exec(stdout)?.[1];
  const p50 = / 50%\s+(\S+)/.exec(stdout)?.[1];
  const p99 = / 99%\s+(\S+)/.exec(stdout)?.[1];
  const errors = /(Socket errors.*|Non-2xx.*)/.exec(stdout)?.[1] ?? '';
  return `req/s ${rps?.padStart(9)}  p50 ${p50?.padStart(8)}  p99 ${p99?.padStart(8)}  ${errors}`;
}

const database = await startDatabase();
const stateDir = await mkdtemp(join(tmpdir(), 'router-bench-state-'));
try {
  let t = performance.now();
  const seeded = await seed(database.databaseUrl, { services: SERVICES, regions: [REGION] });
  log(`seeded ${seeded.services} services, ${seeded.hostnames} hostnames in ${Math.round(performance.now() - t)} ms`);
  const pool = new pg.Pool({ connectionString: database.databaseUrl, max: 1 });
  const app = await createService(pool, { name: 'bench-app', kind: 'web', plan: 'paid', region: REGION });
  await addHostname(pool, app.id, HOST);
  await addInstance(pool, app.id, { host: '127.0.0.1', port: BACKEND_PORT, ready: true });
  await pool.end();

  t = performance.now();
  const cache = await spawnCache(database.databaseUrl);
  log(`cache ready in ${Math.round(performance.now() - t)} ms`);

  log(`\n# cold start to ready (${SERVICES} services + 1) by --ingest-threads, 2 serving threads, no state dir`);
  for (const ingest of values['ingest-threads'].split(',').map(Number)) {
    const router = await startRouter(
      ['--caches', cache.grpc, '--workers', '2', '--ingest-threads', String(ingest)],
      '0,1',
    );
    const state = await debugState();
    log(`from a cache, --ingest-threads ${ingest}: ${router.readyMs} ms (${state.services} services)`);
    await stop(router.child);
  }

  log(`\n# cold start to ready (${SERVICES} services + 1), router process spawn → /readyz 200`);
  for (const workers of [1, 2]) {
    const router = await startRouter(
      ['--caches', cache.grpc, '--workers', String(workers), '--state-dir', stateDir],
      '0,1',
    );
    const state = await debugState();
    log(
      `from a cache, ${workers} serving thread(s): ${router.readyMs} ms (${state.services} services, ${state.hostnames} hostnames)`,
    );
    // Let the state-dir snapshot land before stopping.
    await new Promise((r) => setTimeout(r, 3_000));
    await stop(router.child);
  }
  const warm = await startRouter(
    ['--caches', '127.0.0.1:1', '--workers', '2', '--state-dir', stateDir, '--warm-start-after', '100ms'],
    '0,1',
  );
  log(
    `warm from the state dir, no cache (warm-start-after 100ms), 2 threads: ${warm.readyMs} ms (${(await debugState()).services} services)`,
  );
  await stop(warm.child);

  if (!values['skip-load']) {
    const backend = spawn('taskset', ['-c', '1', process.execPath, BACKEND, String(BACKEND_PORT)], { stdio: 'ignore' });
    children.push(backend);
    await new Promise((r) => setTimeout(r, 1_000));
    const forwardOnly = spawn(
      'taskset',
      [
        '-c',
        '0',
        process.execPath,
        '--conditions=source',
        FORWARD_ONLY,
        String(FORWARD_ONLY_PORT),
        String(BACKEND_PORT),
      ],
      { stdio: 'ignore' },
    );
    children.push(forwardOnly);
    log(`\n# load: wrk -t1 -c${values.connections} -d${values.duration}, 12-byte responses; wrk and backend on CPU 1`);
    for (const [workers, cpus] of [
      [1, '0'],
      [2, '0,1'],
    ] as const) {
      const router = await startRouter(['--caches', cache.grpc, '--workers', String(workers)], cpus);
      await wrk(BACKEND_PORT, '3s');
      await wrk(ROUTER_PORT, '3s');
      if (workers === 1) await wrk(FORWARD_ONLY_PORT, '3s');
      for (let round = 1; round <= Number(values.rounds); round++) {
        log(`direct                       ${await wrk(BACKEND_PORT, values.duration)}`);
        if (workers === 1) log(`forward path only (CPU 0)    ${await wrk(FORWARD_ONLY_PORT, values.duration)}`);
        log(`router ${workers} thread(s) (CPU ${cpus.padEnd(3)})   ${await wrk(ROUTER_PORT, values.duration)}`);
      }
      await stop(router.child);
    }
  }
  await cache.stop();
} finally {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await database.stop();
  await rm(stateDir, { recursive: true, force: true });
}

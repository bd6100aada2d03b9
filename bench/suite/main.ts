// The full benchmark harness (`npm run bench`, `npm run bench -- --quick`): embedded PostgreSQL with
// a seeded fleet all routed to one fast backend, two caches, then the scenarios of docs/benchmarks.md.
// Each scenario writes <out>/<scenario>.json; then <out>/SUMMARY.md (+ SVG charts) is generated and printed.
//   --quick            short durations, cold start at 100 k only (a few minutes)
//   --only a,b         run only these scenarios (proxy, propagation, failover, db-load, cold-start)
//   --profile          --cpu-prof on the proxy scenario's router (profiles in <out>/profiles/)
//   --services N       fleet size (default 100000)
//   --large N          cold start's large point (default 1000000; not in --quick)
//   --out DIR          results directory (default bench/results)
//   --working-tree     benchmark the working tree as it is (default: a clean export of HEAD, see clean-export.ts)
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, openSync, readFileSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { spawnCache, startDatabase } from '../cache/harness.ts';
import { HAPROXY, NGINX } from './baselines.ts';
import { exportHead } from './clean-export.ts';
import { fleetHostnames, seedFleet, startBackend, writeHostsFile } from './fleet.ts';
import { K6 } from './k6.ts';
import { killAllStarted } from './processes.ts';
import type { RunContext } from './run-context.ts';
import { coldStartScenario } from './scenarios/cold-start.ts';
import { dbLoadScenario } from './scenarios/db-load.ts';
import { failoverScenario } from './scenarios/failover.ts';
import { propagationScenario } from './scenarios/propagation.ts';
import { LOAD_CPU, proxyScenario } from './scenarios/proxy.ts';
import { writeSummary } from './summary.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SCENARIOS = {
  proxy: proxyScenario,
  propagation: propagationScenario,
  failover: failoverScenario,
  'db-load': dbLoadScenario,
  // Last: it grows the database to 1 M services.
  'cold-start': coldStartScenario,
} as const;
type ScenarioName = keyof typeof SCENARIOS;

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    profile: { type: 'boolean', default: false },
    services: { type: 'string', default: '100000' },
    large: { type: 'string', default: '1000000' },
    out: { type: 'string', default: join(ROOT, 'bench/results') },
    'working-tree': { type: 'boolean', default: false },
  },
});
const selected = (values.only?.split(',') ?? Object.keys(SCENARIOS)) as ScenarioName[];
for (const name of selected) {
  if (!(name in SCENARIOS)) {
    console.error(`unknown scenario "${name}"; one of: ${Object.keys(SCENARIOS).join(', ')}`);
    process.exit(2);
  }
}
for (const [tool, path] of [
  ['k6', K6],
  ['nginx', NGINX],
  ['haproxy', HAPROXY],
] as const) {
  if (!existsSync(path)) {
    console.error(`${tool} is not installed (${path}): run bench/setup first`);
    process.exit(2);
  }
}

const outDir = resolve(values.out);
const EXPORTED = 'SWITCHYARD_BENCH_EXPORTED_COMMIT';
if (!values['working-tree'] && process.env[EXPORTED] === undefined) {
  // Run this same harness from a clean, built export of HEAD; results still land in outDir.
  const exported = await exportHead(ROOT, (line) => process.stdout.write(`${line}\n`));
  const child = spawn(
    process.execPath,
    ['--conditions=source', join(exported.dir, 'bench/suite/main.ts'), ...process.argv.slice(2), '--out', outDir],
    { cwd: exported.dir, stdio: 'inherit', env: { ...process.env, [EXPORTED]: exported.commit } },
  );
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  const code = await new Promise<number>((done) => child.once('exit', (c) => done(c ?? 1)));
  process.exit(code);
}
const started = new Date();
const log = (line: string) =>
  process.stdout.write(`[${((Date.now() - started.getTime()) / 1000).toFixed(0).padStart(4)} s] ${line}\n`);
const commit = (() => {
  const exported = process.env[EXPORTED];
  if (exported !== undefined) return `${exported} (clean export of HEAD)`;
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'apps', 'libs'], {
      cwd: ROOT,
      encoding: 'utf8',
    }).trim();
    return dirty ? `${head} + the working tree's uncommitted changes in apps/ or libs/` : `${head} (working tree)`;
  } catch {
    return 'unknown';
  }
})();

// The router runs from dist (`switchyard router`), as in production: bring it up to date first. A
// build broken by work in progress elsewhere leaves the last good dist, which is then what runs.
log('building the router (npx tsc -b apps/router apps/cli)');
let build = 'dist built from this tree';
for (const project of ['apps/router', 'apps/cli']) {
  try {
    execFileSync('npx', ['tsc', '-b', project], { cwd: ROOT, stdio: ['ignore', 'ignore', 'ignore'] });
  } catch {
    build = `build of ${project} failed: ran its existing dist`;
    log(`WARNING: ${build}`);
  }
}
if (!existsSync(join(ROOT, 'apps/cli/dist/main.js'))) {
  console.error('apps/cli/dist is missing and could not be built: run npm run build');
  process.exit(2);
}

await mkdir(outDir, { recursive: true });
// A scenario that fails this time must not leave an older result behind to be summarised as this run's.
for (const name of selected) await rm(join(outDir, `${name}.json`), { force: true });
const workDir = await mkdtemp(join(tmpdir(), 'switchyard-bench-'));
await chmod(workDir, 0o755);
const logDir = join(workDir, 'logs');
await mkdir(logDir);
const profileDir = join(outDir, 'profiles');
if (values.profile) await mkdir(profileDir, { recursive: true });
const logFd = (name: string) => openSync(join(logDir, `${name}.log`), 'a');

const database = await startDatabase();
const onSignal = () => {
  killAllStarted();
  process.exit(130);
};
process.once('SIGINT', onSignal);
process.once('SIGTERM', onSignal);
let failed = false;
try {
  const services = Number(values.services);
  const backend = await startBackend(LOAD_CPU);
  let t = performance.now();
  const seeded = await seedFleet(database.databaseUrl, services, backend.port);
  const hostnames = await fleetHostnames(database.databaseUrl);
  const hostsFile = join(workDir, 'hosts.json');
  const hostsTextFile = join(workDir, 'hosts.txt');
  await writeHostsFile(hostsFile, hostnames, hostsTextFile);
  const ids = new pg.Client({ connectionString: database.databaseUrl });
  await ids.connect();
  const serviceIds = (await ids.query<{ id: string }>('SELECT id::text FROM services ORDER BY id')).rows.map(
    (r) => r.id,
  );
  await ids.end();
  log(
    `fleet: ${seeded.services} services, ${hostnames.length} exact hostnames → backend :${backend.port} (${Math.round(performance.now() - t)} ms)`,
  );
  const startCache = (name: string) => spawnCache(database.databaseUrl, {}, { stderr: logFd(name) });
  t = performance.now();
  const caches = await Promise.all([startCache('cache-a'), startCache('cache-b')]);
  log(`2 caches ready (${Math.round(performance.now() - t)} ms)`);

  const ctx: RunContext = {
    quick: values.quick,
    profile: values.profile,
    profileDir,
    workDir,
    logDir,
    database,
    largeServices: Number(values.large),
    fleet: { services: seeded.services, hostnames, hostsFile, hostsTextFile, serviceIds, backend },
    caches,
    startCache,
    logFd,
    log,
  };
  for (const name of Object.keys(SCENARIOS) as ScenarioName[]) {
    if (!selected.includes(name)) continue;
    log(`# ${name}`);
    const scenarioStart = performance.now();
    try {
      const result = await SCENARIOS[name](ctx);
      const record = {
        scenario: name,
        quick: values.quick,
        startedAt: new Date(Date.now() - (performance.now() - scenarioStart)).toISOString(),
        seconds: Math.round((performance.now() - scenarioStart) / 1000),
        commit,
        build,
        machine: machine(),
        result,
      };
      await writeFile(join(outDir, `${name}.json`), `${JSON.stringify(record, null, 2)}\n`);
    } catch (error) {
      failed = true;
      log(`${name} FAILED: ${(error as Error).stack ?? error}`);
    }
  }
  for (const cache of ctx.caches) await cache.stop();
  await backend.stop();
} finally {
  killAllStarted();
  await database.stop();
  if (failed) log(`logs kept in ${logDir}`);
  else await rm(workDir, { recursive: true, force: true });
}

const summary = await writeSummary(outDir);
process.stdout.write(`\n${await readFile(summary, 'utf8')}`);
log(`done in ${Math.round((Date.now() - started.getTime()) / 1000)} s; results in ${outDir}`);
process.exit(failed ? 1 : 0);

function machine() {
  const model = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? '';
  const loadAverage = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  return { cpus: availableParallelism(), model, loadAverage, node: process.version };
}

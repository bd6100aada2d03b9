/**
 * `npm run rehearse`: a two-region Switchyard fleet on this machine, each "VM" in its own network
 * namespace, each running what its rendered bundle describes; then real traffic between the
 * namespaces through a region move, a cache host's cable cut and a database outage. Prints one
 * PASS/FAIL line per check, exits 1 if any failed. Everything it creates is removed at the end.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type RunningUnit, readManifest, startUnit, stopUnit } from './fleet.ts';
import {
  applySysctl,
  assertSubnetFree,
  createBridge,
  createHost,
  leftoverLinks,
  leftoverNamespaces,
  type NetHost,
  setLink,
  teardownNetwork,
} from './netns.ts';
import type { AgentCommand, AgentReply, LoadResult, Probe } from './protocol.ts';

const REPO = resolve(import.meta.dirname, '../..');
const CLI = join(REPO, 'apps/cli/bin/switchyard.js');
const INVENTORY = join(import.meta.dirname, 'inventory.yaml');
const SUBNET = '10.77.0.0/24';
const LOCK_FILE = '/tmp/switchyard-rehearsal.lock';
const DB_PORT = 5432;
const CLIENT = { name: 'client', address: '10.77.0.100' };
const DB = { name: 'db', address: '10.77.0.2' };
const FLEET = ['oregon-cache-1', 'oregon-cache-2', 'oregon-router-1', 'frankfurt-cache-1', 'frankfurt-router-1'];
const BACKEND_PORT = 8000;
const LOAD_RATE = 40;
const BLUE_ADMIN_PORT = 9090;
const GREEN_ADMIN_PORT = 9093;
let oregonAdminPort = BLUE_ADMIN_PORT;

type Outcome = { name: string; pass: boolean; detail: string };
const outcomes: Outcome[] = [];
function check(name: string, pass: boolean, detail = ''): boolean {
  outcomes.push({ name, pass, detail });
  console.log(`${pass ? 'PASS' : 'FAIL'}  ${name}${detail ? `  (${detail})` : ''}`);
  return pass;
}
function step(text: string): void {
  console.log(`--    ${text}`);
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---- the client agent (operator terminal + load generator in the client namespace) ----
class ClientAgent {
  readonly child: ChildProcess;
  #next = 1;
  #pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  readonly ready: Promise<void>;

  constructor(netns: string, logFile: string) {
    this.child = spawn('ip', ['netns', 'exec', netns, process.execPath, join(import.meta.dirname, 'client-agent.ts')], {
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      detached: true,
    });
    void writeFile(logFile, '');
    this.child.stderr?.on('data', (chunk: Buffer) => void writeFile(logFile, chunk, { flag: 'a' }));
    this.ready = new Promise((resolveReady, rejectReady) => {
      this.child.once('exit', (code) => rejectReady(new Error(`client agent exited (${code})`)));
      this.child.on('message', (reply: AgentReply) => {
        if (reply.id === 0) return resolveReady();
        const pending = this.#pending.get(reply.id);
        this.#pending.delete(reply.id);
        if (reply.ok) pending?.resolve(reply.value);
        else pending?.reject(new Error(reply.error));
      });
    });
  }

  call<T>(request: AgentCommand): Promise<T> {
    const id = this.#next++;
    return new Promise<T>((resolveCall, reject) => {
      this.#pending.set(id, { resolve: resolveCall as (v: unknown) => void, reject });
      this.child.send({ ...request, id });
    });
  }

  get(probe: Probe, timeoutMs = 2_000): Promise<{ status: number; body: string }> {
    return this.call({ op: 'get', probe, timeoutMs });
  }

  /** Status of a probe, or 0 when it could not connect. */
  async status(probe: Probe): Promise<number> {
    return this.get(probe).then(
      (r) => r.status,
      () => 0,
    );
  }

  async cli(...argv: string[]): Promise<string> {
    const result = await this.call<{ code: number; out: string; err: string }>({
      op: 'run',
      argv: [CLI, ...argv],
      env: { SWITCHYARD_DATABASE_URL: databaseUrl },
    });
    if (result.code !== 0) throw new Error(`switchyard ${argv.join(' ')}: exit ${result.code}: ${result.err}`);
    return result.out;
  }

  stop(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGTERM');
  }
}

/** Polls `test` every 25 ms until it is true or `timeoutMs` passed; returns the time it took, or undefined. */
async function waitFor(test: () => Promise<boolean>, timeoutMs: number): Promise<number | undefined> {
  const start = performance.now();
  while (performance.now() - start < timeoutMs) {
    if (await test().catch(() => false)) return Math.round(performance.now() - start);
    await sleep(25);
  }
  return undefined;
}

// ---- state, for cleanup ----
let databaseUrl = '';
let work = '';
const units: RunningUnit[] = [];
let dbProcess: ChildProcess | undefined;
const dbRestarts: (() => void)[] = [];

/** SIGUSR2 to the db host: PostgreSQL stops and starts again (all its connections gone). */
function restartDatabase(): Promise<void> {
  const restarted = new Promise<void>((resolveRestart) => dbRestarts.push(resolveRestart));
  dbProcess?.kill('SIGUSR2');
  return restarted;
}
let agent: ClientAgent | undefined;
const hosts = new Map<string, NetHost>();
let cleaned = false;

async function cleanup(): Promise<void> {
  if (cleaned) return;
  cleaned = true;
  step('cleaning up: routers, caches, client, database, namespaces, bridge');
  const routers = units.filter((u) => u.unit.includes('router'));
  const others = units.filter((u) => !u.unit.includes('router'));
  await Promise.all(routers.map((u) => stopUnit(u, 10_000)));
  await Promise.all(others.map((u) => stopUnit(u, 10_000)));
  agent?.stop();
  if (dbProcess && dbProcess.exitCode === null) {
    dbProcess.kill('SIGTERM');
    await Promise.race([new Promise((r) => dbProcess?.once('exit', r)), sleep(15_000)]);
    try {
      process.kill(-(dbProcess.pid as number), 'SIGKILL');
    } catch {
      // gone
    }
  }
  teardownNetwork();
  const stillRunning = [
    ...units.map((u) => u.child),
    ...(dbProcess ? [dbProcess] : []),
    ...(agent ? [agent.child] : []),
  ]
    .filter((c) => c.pid !== undefined && isAlive(c.pid))
    .map((c) => c.pid);
  const namespaces = leftoverNamespaces();
  const links = leftoverLinks();
  check(
    'everything removed: processes, namespaces, veths, bridge',
    stillRunning.length === 0 && namespaces.length === 0 && links.length === 0,
    stillRunning.length + namespaces.length + links.length === 0
      ? `${units.length + 2} processes, ${hosts.size} namespaces`
      : `left: pids ${stillRunning.join(',')} netns ${namespaces.join(',')} links ${links.join(',')}`,
  );
  if (work && outcomes.every((o) => o.pass)) await rm(work, { recursive: true, force: true });
  else if (work) console.log(`--    logs kept in ${work}/logs`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function tail(file: string): Promise<string> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text.split('\n').slice(-15).join('\n');
}

// ---- the rehearsal ----
async function rehearse(): Promise<void> {
  work = await mkdtemp(join(tmpdir(), 'switchyard-rehearsal-'));
  await chmod(work, 0o755);
  const logs = join(work, 'logs');
  const bundles = join(work, 'bundles');
  await mkdir(logs);

  const render = spawnSync(
    process.execPath,
    [CLI, 'deploy', 'render', '--inventory', INVENTORY, '--out', bundles, '--app', REPO, '--node', process.execPath],
    { encoding: 'utf8' },
  );
  if (!check('deploy render of the rehearsal inventory', render.status === 0, render.stderr.trim())) return;

  const manifests = await Promise.all(FLEET.map((name) => readManifest(bundles, name)));
  teardownNetwork(); // a crashed earlier run
  assertSubnetFree(SUBNET);
  createBridge();
  [DB, CLIENT, ...manifests].forEach((h, i) => {
    hosts.set(h.name, createHost(h.name, h.address, i));
  });
  for (const name of FLEET) {
    // Network sysctls are per namespace: apply the bundle's (the rest are machine-wide: left alone).
    const sysctl = await readFile(join(bundles, name, 'rootfs/etc/sysctl.d/60-switchyard.conf'), 'utf8');
    const perNamespace = join(work, `${name}-sysctl.conf`);
    await writeFile(
      perNamespace,
      sysctl
        .split('\n')
        .filter((l) => /^(net\.ipv4\.|net\.core\.somaxconn)/.test(l))
        .join('\n'),
    );
    applySysctl(hosts.get(name) as NetHost, perNamespace);
  }
  step(`network: bridge + ${hosts.size} namespaces on ${SUBNET}`);

  // PostgreSQL on the db host.
  const db = hosts.get('db') as NetHost;
  dbProcess = spawn(
    'ip',
    [
      'netns',
      'exec',
      db.netns,
      process.execPath,
      join(import.meta.dirname, 'db-host.ts'),
      db.address,
      String(DB_PORT),
      join(work, 'db', 'data'),
      SUBNET,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  databaseUrl = await new Promise<string>((resolveUrl, reject) => {
    let out = '';
    dbProcess?.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('RESTARTED')) for (const waiter of dbRestarts.splice(0)) waiter();
    });
    let err = '';
    const timer = setTimeout(() => reject(new Error(`PostgreSQL not ready after 90 s: ${err}`)), 90_000);
    dbProcess?.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /READY (\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolveUrl(match[1] as string);
      }
    });
    dbProcess?.stderr?.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    dbProcess?.once('exit', (code) => reject(new Error(`db host exited (${code}): ${err}`)));
  });
  step(`PostgreSQL on ${db.netns}: ${databaseUrl}`);

  const client = hosts.get('client') as NetHost;
  agent = new ClientAgent(client.netns, join(logs, 'client-agent.log'));
  await agent.ready;
  await agent.cli('db', 'migrate');
  await agent.call({ op: 'serve', host: client.address, port: BACKEND_PORT, text: 'hello from the rehearsal backend' });

  // Each VM's own files: the cache token (same on every host), the router's state dir.
  const token = randomBytes(24).toString('hex');
  for (const name of FLEET) {
    await mkdir(join(work, 'hosts', name, 'etc/switchyard'), { recursive: true });
    await mkdir(join(work, 'hosts', name, 'var/lib/switchyard/router'), { recursive: true });
    await writeFile(join(work, 'hosts', name, 'etc/switchyard/cache-token'), `${token}\n`, { mode: 0o640 });
  }

  const startHost = async (name: string) => {
    const manifest = await readManifest(bundles, name);
    for (const unit of manifest.units) {
      units.push(
        await startUnit({
          bundleDir: bundles,
          host: hosts.get(name) as NetHost,
          unit,
          hostRoot: join(work, 'hosts', name),
          logDir: logs,
        }),
      );
    }
    return manifest;
  };
  const a = agent;
  const admin = (name: string, port: number, path: string): Probe => ({
    url: `http://${(hosts.get(name) as NetHost).address}:${port}${path}`,
  });
  const ready = async (name: string, port: number) =>
    (await waitFor(async () => (await a.status(admin(name, port, '/readyz'))) === 200, 60_000)) !== undefined;

  const caches = FLEET.filter((n) => n.includes('cache'));
  const routers = FLEET.filter((n) => n.includes('router'));
  await Promise.all(caches.map(startHost));
  const cachesReady = await Promise.all(caches.map((n) => ready(n, 9091)));
  if (!check('cache servers ready on their hosts', cachesReady.every(Boolean), caches.join(', '))) {
    for (const u of units) console.log(`${u.logFile}:\n${await tail(u.logFile)}`);
    return;
  }
  await Promise.all(routers.map(startHost));
  const routersReady = await Promise.all(routers.map((n) => ready(n, BLUE_ADMIN_PORT)));
  if (
    !check('routers ready on their hosts (synced through a cache)', routersReady.every(Boolean), routers.join(', '))
  ) {
    for (const u of units) console.log(`${u.logFile}:\n${await tail(u.logFile)}`);
    return;
  }

  const oregon: Probe = { url: 'http://10.77.0.21/', host: 'web.rehearsal.test' };
  const frankfurt: Probe = { url: 'http://10.77.0.41/', host: 'web.rehearsal.test' };
  const status = (p: Probe) => a.status(p);

  // 1. Region move.
  const id = await a.cli(
    'service',
    'create',
    '--name',
    'rehearsal-web',
    '--kind',
    'web',
    '--plan',
    'paid',
    '--region',
    'oregon',
  );
  await a.cli('hostname', 'add', id, 'web.rehearsal.test');
  await a.cli('instance', 'add', id, `${CLIENT.address}:${BACKEND_PORT}`);
  const served = await waitFor(async () => (await status(oregon)) === 200, 10_000);
  check(
    'oregon service served by the oregon router',
    served !== undefined,
    `${served ?? '>10000'} ms after the commit`,
  );
  check('… and a 404 at the frankfurt router', (await status(frankfurt)) === 404);
  await a.cli('service', 'update', id, '--region', 'frankfurt');
  const flipped = await waitFor(
    async () => (await status(oregon)) === 404 && (await status(frankfurt)) === 200,
    10_000,
  );
  check(
    'moved to frankfurt (service update --region): both routers flip within a second',
    flipped !== undefined && flipped <= 1_000,
    `${flipped ?? '>10000'} ms after the CLI returned`,
  );
  await a.cli('service', 'update', id, '--region', 'oregon');
  await waitFor(async () => (await status(oregon)) === 200, 10_000);

  // 2. Roll the oregon router the way deploy/roll-router.sh does: start the green slot beside blue
  //    on the same port (reusePort), wait for its /readyz, stop blue (SIGTERM: drain) — under load.
  // Three loads: one opening a connection per request (the accept path of the hand-over), and two
  // of keep-alive clients holding one connection each on blue when the roll starts — 20 sending one
  // request a second, 4 sending ten a second. The draining slot answers on their connections with
  // `Connection: close` (idle ones are kept open, not cut), so they reconnect — to green.
  const startLoad = (name: string, probes: Probe[], keepAlive: boolean, rate = LOAD_RATE, connections?: number) =>
    a.call({
      op: 'load-start',
      name,
      probes,
      ratePerSecond: rate,
      expectStatus: 200,
      keepAlive,
      ...(connections === undefined ? {} : { connections }),
    });
  const stopLoad = (name: string) => a.call<LoadResult>({ op: 'load-stop', name });
  await startLoad('roll-fresh', [oregon], false);
  await startLoad('roll-keepalive-1rps', [oregon], true, 20, 20);
  await startLoad('roll-keepalive-10rps', [oregon], true, 40, 4);
  await sleep(1_500);
  const greenUnit = await startUnit({
    bundleDir: bundles,
    host: hosts.get('oregon-router-1') as NetHost,
    unit: 'switchyard-router@green.service',
    hostRoot: join(work, 'hosts', 'oregon-router-1'),
    logDir: logs,
  });
  units.push(greenUnit);
  const greenReady = await ready('oregon-router-1', GREEN_ADMIN_PORT);
  const blueUnit = units.find((u) => u.host === 'oregon-router-1' && u.unit === 'switchyard-router@blue.service');
  const drainStarted = performance.now();
  if (blueUnit) await stopUnit(blueUnit);
  const drainMs = Math.round(performance.now() - drainStarted);
  await sleep(1_000);
  const rollLoad = await stopLoad('roll-fresh');
  const roll1 = await stopLoad('roll-keepalive-1rps');
  const roll10 = await stopLoad('roll-keepalive-10rps');
  const describeLoad = (r: LoadResult) =>
    `${r.ok}/${r.sent} ok${r.failures.length ? `; ${r.failures.join(' | ')}` : ''}`;
  check(
    'rolled the oregon router (green started beside blue, blue drained and stopped): zero failed requests',
    greenReady && rollLoad.failed === 0 && rollLoad.sent > 0,
    `green ready: ${greenReady}; ${describeLoad(rollLoad)}, a connection per request; blue stopped ${drainMs} ms after SIGTERM`,
  );
  check(
    '… and zero failed requests of keep-alive clients (20 connections at 1 req/s, 4 at 10 req/s)',
    roll1.failed === 0 && roll1.sent > 0 && roll10.failed === 0 && roll10.sent > 0,
    `1 req/s: ${describeLoad(roll1)}; 10 req/s: ${describeLoad(roll10)}`,
  );
  oregonAdminPort = GREEN_ADMIN_PORT;

  // 3. Cut the cable of the oregon router's cache.
  const stateOf = async () =>
    JSON.parse((await a.get(admin('oregon-router-1', oregonAdminPort, '/debug/state'))).body) as {
      cache?: string;
      connected: boolean;
    };
  const before = await stateOf();
  const cutName = FLEET.find((n) => before.cache?.startsWith(`${hosts.get(n)?.address}:`));
  if (!check('oregon router names the cache it uses (/debug/state)', cutName !== undefined, String(before.cache)))
    return;
  const cut = hosts.get(cutName as string) as NetHost;
  await startLoad('cache-cut', [oregon], true);
  await sleep(1_000);
  setLink(cut, false);
  step(`link of ${cut.name} (${cut.address}) down; ${LOAD_RATE} req/s on the oregon router`);
  const resumed = await waitFor(async () => {
    const s = await stateOf();
    return s.connected && s.cache !== undefined && !s.cache.startsWith(`${cut.address}:`);
  }, 60_000);
  const after = await stateOf();
  await sleep(1_000);
  const cutLoad = await stopLoad('cache-cut');
  check(
    `zero failed requests while ${cut.name} is cut`,
    cutLoad.failed === 0 && cutLoad.sent > 0,
    `${cutLoad.ok}/${cutLoad.sent} ok${cutLoad.failures.length ? `; ${cutLoad.failures.join(' | ')}` : ''}`,
  );
  check(
    'the router resumed on the other oregon cache',
    resumed !== undefined,
    `${after.cache} after ${resumed ?? '>60000'} ms`,
  );
  await a.cli('hostname', 'add', id, 'after-cut.rehearsal.test');
  const viaOther = await waitFor(
    async () => (await status({ url: oregon.url, host: 'after-cut.rehearsal.test' })) === 200,
    10_000,
  );
  check('changes still arrive through the other cache', viaOther !== undefined, `${viaOther ?? '>10000'} ms`);
  setLink(cut, true);

  // 4. Cut the database host off.
  const fraId = await a.cli(
    'service',
    'create',
    '--name',
    'rehearsal-fra',
    '--kind',
    'web',
    '--plan',
    'paid',
    '--region',
    'frankfurt',
  );
  await a.cli('hostname', 'add', fraId, 'fra.rehearsal.test');
  await a.cli('instance', 'add', fraId, `${CLIENT.address}:${BACKEND_PORT}`);
  const fra: Probe = { url: 'http://10.77.0.41/', host: 'fra.rehearsal.test' };
  await waitFor(async () => (await status(fra)) === 200, 10_000);
  await startLoad('db-cut', [oregon, fra], true);
  setLink(db, false);
  step(
    `link of db (${db.address}) down for 10 s, PostgreSQL restarted meanwhile; ${LOAD_RATE} req/s over both routers`,
  );
  await sleep(2_000);
  // The db VM reboots while cut off: when the link returns, the caches' old connections are dead
  // (reset), so they must notice, reconnect, LISTEN again and catch up on their own.
  await restartDatabase();
  await sleep(8_000);
  const dbLoad = await stopLoad('db-cut');
  // What the caches saw of the outage (not a check: a short cut may only stall their connections).
  const seen: string[] = [];
  for (const name of caches) {
    const metrics = (await a.get(admin(name, 9091, '/metrics'))).body;
    const connected = /^switchyard_cache_database_connected(?:\{[^}]*\})? (\S+)$/m.exec(metrics)?.[1];
    seen.push(`${name}=${connected}`);
  }
  step(`switchyard_cache_database_connected at the end of the cut: ${seen.join(', ')}`);
  check(
    'both regions keep serving while the database is cut off',
    dbLoad.failed === 0 && dbLoad.sent > 0,
    `${dbLoad.ok}/${dbLoad.sent} ok${dbLoad.failures.length ? `; ${dbLoad.failures.join(' | ')}` : ''}`,
  );
  setLink(db, true);
  step('db link up again: the operator applies the changes held back during the outage');
  await a.cli('hostname', 'add', id, 'back.rehearsal.test');
  await a.cli('hostname', 'add', fraId, 'back-fra.rehearsal.test');
  const arrived = await waitFor(
    async () =>
      (await status({ url: oregon.url, host: 'back.rehearsal.test' })) === 200 &&
      (await status({ url: fra.url, host: 'back-fra.rehearsal.test' })) === 200,
    60_000,
  );
  check(
    'changes committed after the database returns arrive in both regions',
    arrived !== undefined,
    `${arrived ?? '>60000'} ms`,
  );
  const recovered = await waitFor(async () => {
    for (const name of caches) {
      const metrics = await a.get(admin(name, 9091, '/metrics'));
      if (!/^switchyard_cache_database_connected(\{[^}]*\})? 1$/m.test(metrics.body)) return false;
    }
    return true;
  }, 30_000);
  check('every cache reports its database connection up again on its own', recovered !== undefined);
  for (const unit of units.filter((u) => u.unit === 'switchyard-cache.service')) {
    const lines = (await readFile(unit.logFile, 'utf8')).split('\n');
    const lost = lines.filter((l) => /connection lost/.test(l)).length;
    const following = lines.filter((l) => /following the database/.test(l)).length;
    step(`${unit.host}: ${lost} database connection(s) lost, ${following - 1} time(s) back to following the database`);
  }
}

if (process.getuid?.() !== 0) {
  console.error('the rehearsal needs root (ip netns, veth, bridge)');
  process.exit(2);
}
// One rehearsal at a time on a machine: a second one would tear down the first one's network
// (it removes what a crashed run left). Re-run this script under flock(1) and wait our turn.
if (process.env.SWITCHYARD_REHEARSAL_LOCKED !== '1') {
  const locked = spawnSync('flock', [LOCK_FILE, process.execPath, ...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, SWITCHYARD_REHEARSAL_LOCKED: '1' },
  });
  process.exit(locked.status ?? 1);
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.log(`-- ${signal}: cleaning up`);
    void cleanup().finally(() => process.exit(1));
  });
}
const started = performance.now();
try {
  await rehearse();
} catch (error) {
  check('rehearsal ran to the end', false, (error as Error).stack ?? String(error));
  for (const u of units) console.log(`${u.logFile}:\n${await tail(u.logFile)}`);
} finally {
  await cleanup();
}
const failed = outcomes.filter((o) => !o.pass);
console.log(
  `\n${failed.length === 0 ? 'REHEARSAL PASSED' : 'REHEARSAL FAILED'}: ${outcomes.length - failed.length}/${outcomes.length} checks in ${Math.round((performance.now() - started) / 1000)} s`,
);
process.exit(failed.length === 0 ? 0 : 1);

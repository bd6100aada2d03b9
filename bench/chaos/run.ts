// `npm run chaos [-- --duration 10m]`: the chaos soak (issue 15, docs/reliability.md). A local stack
// on loopback, every part a real process: embedded PostgreSQL, two cache servers, two routers (one
// serving thread each), two activators, three instances of a paid service, a static site, a
// free-tier service. Steady keep-alive load at half of the measured saturation (bench/chaos/load.ts),
// 2,000 slow clients (bench/chaos/slow-clients.ts), and on a schedule: SIGKILL of the cache router 1
// follows and later of the other, PostgreSQL stopped (60 s, or a tenth of a shorter run) with changes
// committed right before and after, a blue/green roll of router 1, SIGKILL of router 2, SIGKILL of an
// instance mid-response, an instance that never answers, one that resets, SIGKILL of the activator
// holding queued requests. Routing changes are committed every 2 s throughout. At the end: every
// change checked on every router, failures classified (expected: in flight on what was killed, or
// sent to the broken instances), RSS and descriptors of routers and caches. Writes
// bench/results/chaos.json and chaos.md, and the chaos section of bench/results/SUMMARY.md.
// Exit code 1 when a requirement is not met (unexpected failures, lost changes, growth past the bound).
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  addHostname,
  addInstance,
  createService,
  findFreePort,
  migrate,
  removeInstance,
  startEmbeddedPostgres,
} from '@switchyard/service-db';
import pg from 'pg';
import { chaosSection } from '../suite/summary.ts';
import type { Failure, LoadConfig, LoadRecords } from './load.ts';

const REPO = resolve(import.meta.dirname, '../..');
const CLI = join(REPO, 'apps/cli/bin/switchyard.js');
const INSTANCE = join(import.meta.dirname, 'instance.ts');
const PAID_KINDS = new Set(['get', 'post', 'slow', 'ws']);
const FREE_KINDS = new Set(['free-get', 'free-post', 'burst-get', 'burst-post']);
/**
 * RSS may end at most this much above its level under the full load (fraction), measured once the
 * slow clients are connected and before the first fault; descriptors at most this many above
 * their level before the slow clients.
 */
const RSS_BOUND = 0.5;
const FD_BOUND = 64;

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '10m' },
    clients: { type: 'string', default: '256' },
    rate: { type: 'string' },
    'slow-clients': { type: 'string', default: '2000' },
    faults: { type: 'string', default: 'all' },
    out: { type: 'string', default: join(REPO, 'bench/results') },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  process.stdout.write(
    'Usage: npm run chaos [-- --duration 10m] [--clients 256] [--rate REQ_PER_S] [--slow-clients 2000] [--faults all|none] [--out bench/results]\n' +
      '  --rate: total healthy load (default: half of the saturation measured first)\n' +
      '  --faults none: the same load and slow clients without faults (a baseline for latency and memory)\n',
  );
  process.exit(0);
}
function parseDuration(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(text);
  if (!match) throw new Error(`--duration: "${text}" is not a duration (e.g. 60s, 10m)`);
  return Number(match[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[match[2] as 'ms' | 's' | 'm' | 'h'];
}
const DURATION = parseDuration(values.duration);
/**
 * The routers' --upstream-timeout: their default (60 s) for the full run, a sixth of a shorter one
 * but at least 20 s (20 s in the 60 s smoke: a wake on a loaded machine stays well inside it), as
 * the other faults are compressed — requests sent to the instance that never answers end with the
 * router's 504 after it, and the run waits for them at the end.
 */
const UPSTREAM_TIMEOUT_MS = Math.min(60_000, Math.max(20_000, Math.round(DURATION / 6)));
if (DURATION < 30_000) throw new Error('--duration: at least 30s');
const CLIENTS = Number(values.clients);
const SLOW = Number(values['slow-clients']);
// Node raises its soft descriptor limit to the hard one; the slow clients and the routers need thousands.
const hardLimit = /^Max open files\s+\S+\s+(\S+)/m.exec(readFileSync('/proc/self/limits', 'latin1'))?.[1];
const maxFiles = hardLimit === 'unlimited' ? Number.POSITIVE_INFINITY : Number(hardLimit ?? 0);
if (maxFiles < SLOW + 4096)
  throw new Error(
    `the hard limit of open files is ${maxFiles}: ${SLOW} slow clients need at least ${SLOW + 4096} (ulimit -Hn)`,
  );

// The soak runs in a network namespace of its own, with the per-namespace kernel settings the
// deployment sets (deploy/sysctl/60-switchyard.conf): above all net.ipv4.tcp_migrate_req, without
// which connections in a draining router's accept queue are reset when it closes its listener (5
// WebSocket connections of a 10-minute run on this machine's own loopback, where it is 0).
const NETNS_ENV = 'SWITCHYARD_CHAOS_NETNS';
if (process.env[NETNS_ENV] === undefined && process.getuid?.() === 0) {
  const netns = `sychaos-${process.pid}`;
  let status = 1;
  execFileSync('ip', ['netns', 'add', netns]);
  try {
    execFileSync('ip', ['-n', netns, 'link', 'set', 'lo', 'up']);
    const sysctl = readFileSync(join(REPO, 'deploy/sysctl/60-switchyard.conf'), 'utf8')
      .split('\n')
      .filter((line) => /^(net\.ipv4\.|net\.core\.somaxconn)/.test(line));
    for (const line of sysctl)
      execFileSync('ip', ['netns', 'exec', netns, 'sysctl', '-q', '-e', '-w', line.replace(/\s*=\s*/, '=')], {
        stdio: 'ignore',
      });
    const child = spawnSync(
      'ip',
      ['netns', 'exec', netns, process.execPath, ...process.execArgv, ...process.argv.slice(1)],
      { stdio: 'inherit', env: { ...process.env, [NETNS_ENV]: netns } },
    );
    status = child.status ?? 1;
  } finally {
    execFileSync('ip', ['netns', 'delete', netns]);
  }
  process.exit(status);
}
if (process.env[NETNS_ENV] === undefined)
  process.stdout.write(
    "not root: running on this machine's loopback, with its own kernel settings (see docs/reliability.md)\n",
  );

const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, Math.max(0, ms)));
const log = (line: string) => process.stdout.write(`${new Date().toISOString().slice(11, 23)} ${line}\n`);

// ---- processes ----
interface Proc {
  name: string;
  child: ChildProcess;
  exited: Promise<void>;
}
const procs = new Set<Proc>();
let work = '';

function start(name: string, argv: string[], env: Record<string, string> = {}): Proc {
  const logFd = `${work}/logs/${name}.log`;
  const child = spawn(argv[0] as string, argv.slice(1), {
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    env: { ...process.env, ...env },
  });
  const out: Buffer[] = [];
  const append = (chunk: Buffer) => {
    out.push(chunk);
    void writeFile(logFd, chunk, { flag: 'a' });
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  const proc: Proc = {
    name,
    child,
    exited: new Promise((r) => child.once('exit', () => r())),
  };
  procs.add(proc);
  void proc.exited.then(() => procs.delete(proc));
  return proc;
}
function cli(name: string, args: string[]): Proc {
  return start(name, [process.execPath, CLI, ...args]);
}
async function kill(proc: Proc, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  if (proc.child.exitCode !== null || proc.child.signalCode !== null) return;
  proc.child.kill(signal);
  const timer = setTimeout(() => proc.child.kill('SIGKILL'), 30_000);
  await proc.exited;
  clearTimeout(timer);
}

function get(
  port: number,
  path: string,
  host?: string,
  method = 'GET',
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolveGet, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method, agent: false, headers: host ? { host } : {}, timeout: 20_000 },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          body += c;
        });
        res.on('end', () => resolveGet({ status: res.statusCode ?? 0, body, headers: res.headers }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(method === 'POST' ? 'queued body' : undefined);
  });
}
async function until(what: string, test: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = now() + timeoutMs;
  while (!(await test().catch(() => false))) {
    if (now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}
const ready = (adminPort: number) =>
  until(`:${adminPort}/readyz`, async () => (await get(adminPort, '/readyz')).status === 200);

/** VmRSS (bytes) and open descriptors of a process. */
function usage(pid: number): { rss: number; fds: number } {
  try {
    const kb = Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'latin1'))?.[1] ?? 0);
    return { rss: kb * 1024, fds: readdirSync(`/proc/${pid}/fd`).length };
  } catch {
    return { rss: 0, fds: 0 };
  }
}

// ---- the stack ----
interface Slot {
  name: string;
  proc: Proc;
  args: string[];
  port: number;
  admin: number;
}
async function startSlot(name: string, args: string[], port: number, admin: number): Promise<Slot> {
  const slot = { name, proc: cli(name, args), args, port, admin };
  await ready(admin);
  return slot;
}
async function restartSlot(slot: Slot, suffix: string): Promise<void> {
  slot.proc = cli(`${slot.name}-${suffix}`, slot.args);
  await ready(slot.admin);
}

interface Fault {
  what: string;
  at: number;
  /** For the classification of failures. */
  router?: number;
  instance?: string;
  from?: number;
  to?: number;
  detail?: string;
}

/** In flight when a process was killed: started before it was gone (+100 ms), ended after the signal. */
const inFlight = (f: Failure, fault: Fault) => f.start <= (fault.to ?? fault.at) + 100 && f.end >= fault.at - 10;
/**
 * A request to the paid service started while a broken instance was in it: from 250 ms before it
 * was added (a request started just before reaches the router after the change, its connection
 * and head take that long under load) to 1 s after it was removed (the removal spreading).
 */
const whileRoutable = (f: Failure, fault: Fault) =>
  PAID_KINDS.has(f.kind) && f.start >= (fault.from as number) - 250 && f.start <= (fault.to as number) + 1000;

/** Why a failure was expected, or undefined. */
function expected(f: Failure, faults: Fault[]): string | undefined {
  for (const fault of faults) {
    switch (fault.what) {
      case 'router SIGKILL':
        // In flight on the killed router: started before its process was gone (a SIGKILLed process
        // takes a while to die, and the kernel still accepts connections for its listener until
        // then, resetting them when it closes), or sent on a connection before the client saw it close.
        if (f.router === fault.router && inFlight(f, fault)) return 'in flight on the SIGKILLed router';
        break;
      case 'instance SIGKILL':
        if (PAID_KINDS.has(f.kind) && inFlight(f, fault) && (f.instance === undefined || f.instance === fault.instance))
          return 'in flight on the SIGKILLed instance';
        break;
      case 'instance that never answers':
        if (whileRoutable(f, fault) && /status 504|timeout/.test(f.cause))
          return 'sent to the instance that never answers (504 after the upstream timeout)';
        break;
      case 'instance that resets':
        if (whileRoutable(f, fault) && /status 502|reset|hang up|closed early/i.test(f.cause))
          return 'sent to the instance that resets (502; retried elsewhere only when idempotent)';
        break;
      case 'activator SIGKILL':
        if (FREE_KINDS.has(f.kind) && inFlight(f, fault)) return 'queued or in flight on the SIGKILLed activator';
        break;
    }
  }
  return undefined;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}
const ms = (sorted: number[]) =>
  `${percentile(sorted, 50).toFixed(1)} / ${percentile(sorted, 99).toFixed(1)} ms (${sorted.length} requests)`;
const mib = (bytes: number) => `${(bytes / 1048576).toFixed(0)} MiB`;

async function main(): Promise<boolean> {
  work = await mkdtemp(join(tmpdir(), 'switchyard-chaos-'));
  await chmod(work, 0o755);
  await mkdir(join(work, 'logs'));
  log(`work directory ${work} (logs in logs/)`);

  const database = await startEmbeddedPostgres({ dataDir: join(work, 'pg') });
  const stopDatabase = () => database.stop().catch(() => {});
  cleanups.push(stopDatabase);
  await migrate(database.databaseUrl);
  const url = database.databaseUrl;
  /** One short connection per commit: the database comes and goes. */
  const commit = async <T>(fn: (db: pg.Client) => Promise<T>): Promise<T> => {
    const db = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
    db.on('error', () => {});
    await db.connect();
    try {
      return await fn(db);
    } finally {
      await db.end().catch(() => {});
    }
  };

  // Services: a paid web service on three instances, a static site, a free-tier service.
  const instancePorts = await Promise.all([1, 2, 3].map(() => findFreePort()));
  const instances = new Map<string, { port: number; proc: Proc }>();
  const startInstance = async (name: string, port: number, mode = 'ok') => {
    const proc = start(name, [process.execPath, INSTANCE], { PORT: String(port), NAME: name, MODE: mode });
    await new Promise<void>((r, reject) => {
      proc.child.stdout?.once('data', () => r());
      proc.child.once('exit', () => reject(new Error(`${name} exited`)));
    });
    return proc;
  };
  const paid = await commit((db) =>
    createService(db, { name: 'chaos-web', kind: 'web', plan: 'paid', region: 'local' }),
  );
  await commit((db) => addHostname(db, paid.id, 'web.chaos.test'));
  for (const [i, port] of instancePorts.entries()) {
    const name = `instance-${i + 1}`;
    instances.set(name, { port, proc: await startInstance(name, port) });
    await commit((db) => addInstance(db, paid.id, { host: '127.0.0.1', port, ready: true }));
  }
  const free = await commit((db) =>
    createService(db, {
      name: 'chaos-free',
      kind: 'web',
      plan: 'free',
      region: 'local',
      scalerRef: JSON.stringify({ command: [process.execPath, INSTANCE], env: { NAME: 'free' } }),
    }),
  );
  await commit((db) => addHostname(db, free.id, 'free.chaos.test'));
  const site = await commit((db) =>
    createService(db, { name: 'chaos-site', kind: 'static', plan: 'free', region: 'local' }),
  );
  await commit((db) => addHostname(db, site.id, 'site.chaos.test'));
  const store = join(work, 'static');
  const siteDir = join(work, 'site');
  await mkdir(siteDir);
  await writeFile(join(siteDir, 'index.html'), `<h1>chaos</h1>${'<p>static</p>'.repeat(200)}\n`);
  await writeFile(join(siteDir, 'app.js'), `console.log(${JSON.stringify('x'.repeat(8000))});\n`);
  const deploy = start(
    'static-deploy',
    [process.execPath, CLI, 'static', 'deploy', site.id, siteDir, '--activate', '--store', `file://${store}`],
    {
      SWITCHYARD_DATABASE_URL: url,
    },
  );
  await deploy.exited;
  if (deploy.child.exitCode !== 0) throw new Error('static deploy failed (logs/static-deploy.log)');

  // Caches, activators, routers.
  const [cg1, ca1, cg2, ca2] = await Promise.all([1, 2, 3, 4].map(() => findFreePort()));
  const caches: Slot[] = [];
  for (const [i, [grpc, admin]] of [
    [cg1, ca1],
    [cg2, ca2],
  ].entries()) {
    caches.push(
      await startSlot(
        `cache-${i + 1}`,
        ['cache', '--database-url', url, '--listen', `127.0.0.1:${grpc}`, '--admin', `127.0.0.1:${admin}`],
        grpc as number,
        admin as number,
      ),
    );
  }
  const cacheList = caches.map((c) => `127.0.0.1:${c.port}`).join(',');
  const actPorts = await Promise.all([1, 2, 3, 4].map(() => findFreePort()));
  const activatorList = `127.0.0.1:${actPorts[0]},127.0.0.1:${actPorts[2]}`;
  const activators: Slot[] = [];
  for (const i of [0, 1]) {
    const stateDir = join(work, `activator-${i + 1}`);
    await mkdir(stateDir);
    activators.push(
      await startSlot(
        `activator-${i + 1}`,
        [
          'activator',
          '--caches',
          cacheList,
          '--listen',
          `127.0.0.1:${actPorts[i * 2]}`,
          '--admin',
          `127.0.0.1:${actPorts[i * 2 + 1]}`,
          '--peers',
          activatorList,
          '--state-dir',
          stateDir,
          '--process-log-dir',
          join(work, 'logs'),
          '--stop-grace',
          '1s',
        ],
        actPorts[i * 2] as number,
        actPorts[i * 2 + 1] as number,
      ),
    );
  }
  const routerArgs = async (i: number, admin: number, port: number) => {
    const stateDir = join(work, `router-${i + 1}`);
    await mkdir(stateDir, { recursive: true });
    return [
      'router',
      '--caches',
      cacheList,
      '--listen',
      `127.0.0.1:${port}`,
      '--admin',
      `127.0.0.1:${admin}`,
      '--workers',
      '1',
      '--ingest-threads',
      '0',
      '--activator',
      activatorList,
      '--static-store',
      `file://${store}`,
      '--state-dir',
      stateDir,
      '--drain-timeout',
      '5s',
      '--upstream-timeout',
      `${UPSTREAM_TIMEOUT_MS}ms`,
    ];
  };
  const routerPorts = await Promise.all([1, 2].map(() => findFreePort()));
  const routers: Slot[] = [];
  for (const i of [0, 1]) {
    const admin = await findFreePort();
    const port = routerPorts[i] as number;
    routers.push(await startSlot(`router-${i + 1}`, await routerArgs(i, admin, port), port, admin));
  }
  const hosts = { paid: 'web.chaos.test', static: 'site.chaos.test', free: 'free.chaos.test' };
  for (const router of routers)
    for (const host of Object.values(hosts))
      await until(`${host} on ${router.name}`, async () => (await get(router.port, '/', host)).status === 200);
  log(`stack ready: PostgreSQL, 2 caches, 2 activators, 2 routers (:${routerPorts.join(', :')}), 3 instances`);

  // Load: saturation first (back to back, 2 × the clients, 5 s), then half of it.
  const runLoad = (config: Omit<LoadConfig, 'routers' | 'hosts' | 'timeoutMs'>) => {
    const proc = start(`load-${config.ratePerClient === 0 ? 'saturate' : 'steady'}`, [
      process.execPath,
      join(import.meta.dirname, 'load.ts'),
      JSON.stringify({
        ...config,
        routers: routerPorts,
        hosts,
        timeoutMs: Math.max(UPSTREAM_TIMEOUT_MS + 5_000, 30_000),
      } satisfies LoadConfig),
    ]);
    const started = new Promise<void>((r) => proc.child.once('message', () => r()));
    return {
      started,
      async stop(): Promise<LoadRecords> {
        const done = new Promise<void>((r) => proc.child.on('message', (m: { op: string }) => m.op === 'done' && r()));
        proc.child.send({ op: 'stop' });
        await done;
        return JSON.parse(await readFile(config.out, 'utf8')) as LoadRecords;
      },
    };
  };
  let rate = Number(values.rate ?? 0);
  let saturation = Number.NaN;
  if (!values.rate) {
    // Back to back: each client sends its next request as soon as the previous one is answered.
    const probe = runLoad({ clients: CLIENTS, ratePerClient: 0, out: join(work, 'saturate.json') });
    await probe.started;
    await sleep(1_000);
    const s0 = now();
    await sleep(5_000);
    const s1 = now();
    const measured = (await probe.stop()).okStart.filter((s) => s >= s0 && s < s1).length;
    saturation = Math.round(measured / ((s1 - s0) / 1000));
    rate = Math.round(saturation / 2);
  }
  log(
    `saturation ${Number.isNaN(saturation) ? 'not measured' : `${saturation} req/s`}; steady load ${rate} req/s over ${CLIENTS} keep-alive clients`,
  );

  const load = runLoad({ clients: CLIENTS, ratePerClient: rate / CLIENTS, out: join(work, 'steady.json') });
  await load.started;
  const t0 = now();
  const at = (fraction: number) => t0 + fraction * DURATION;
  const faults: Fault[] = [];
  const fault = (f: Fault) => {
    faults.push(f);
    log(`fault: ${f.what}${f.detail ? ` (${f.detail})` : ''}`);
  };

  // Routing changes every 2 s for the whole run (each a new hostname of the paid service).
  const committed: string[] = [];
  let notCommitted = 0;
  let changing = true;
  let changeIndex = 0;
  const change = async (label: string) => {
    const host = `c${++changeIndex}-${label}.chaos.test`;
    try {
      await commit((db) => addHostname(db, paid.id, host));
      committed.push(host);
      return true;
    } catch {
      notCommitted++;
      return false;
    }
  };
  const changer = (async () => {
    while (changing) {
      await change('steady');
      await sleep(2_000);
    }
  })();

  const measure = () => ({
    routers: routers.map((r) => ({
      name: r.name,
      pid: r.proc.child.pid as number,
      ...usage(r.proc.child.pid as number),
    })),
    caches: caches.map((c) => ({
      name: c.name,
      pid: c.proc.child.pid as number,
      ...usage(c.proc.child.pid as number),
    })),
  });
  await sleep(at(0.05) - now());
  const startUsage = measure();
  log(`usage at start: ${JSON.stringify(startUsage)}`);

  // Slow clients from 10 % to 90 % of the run.
  await sleep(at(0.1) - now());
  const slow = start('slow-clients', [
    process.execPath,
    join(import.meta.dirname, 'slow-clients.ts'),
    JSON.stringify({ routers: routerPorts, host: hosts.paid, connections: SLOW }),
  ]);
  const slowFrom = now() + 3_000; // ramped up (they connect over 2 s)
  log(`${SLOW} slow clients connecting`);
  let peakUsage = measure();
  /** Every 10 s: seconds into the run, RSS (MiB) of router 1, router 2, cache 1, cache 2. */
  const series: number[][] = [];
  let ticks = 0;
  const sampler = setInterval(() => {
    const u = measure();
    if (ticks++ % 10 === 0) {
      const row = [
        Math.round((now() - t0) / 1000),
        ...[...u.routers, ...u.caches].map((e) => Math.round(e.rss / 1048576)),
      ];
      series.push(row);
      if (series.length % 3 === 1)
        log(`RSS MiB at ${row[0]} s: routers ${row[1]}, ${row[2]}; caches ${row[3]}, ${row[4]}`);
    }
    for (const key of ['routers', 'caches'] as const)
      for (const [i, entry] of u[key].entries()) {
        const peak = peakUsage[key][i];
        if (peak && (entry.rss > peak.rss || entry.fds > peak.fds))
          peakUsage[key][i] = { ...entry, rss: Math.max(entry.rss, peak.rss), fds: Math.max(entry.fds, peak.fds) };
      }
  }, 1_000);
  peakUsage = measure();

  const quietTo = at(0.2);
  await sleep(quietTo - now());
  const loadedUsage = measure(); // under the full load, before the first fault: the RSS baseline
  log(`usage under the full load: ${JSON.stringify(loadedUsage)}`);
  const burst: Failure[] = [];
  const burstSent = { get: 0, post: 0 };
  const burstOk = { get: 0, post: 0 };
  /** SIGKILL; the fault's window lasts until the process is gone. */
  const sigkill = async (proc: Proc | undefined, killed: Fault, name: string) => {
    fault(killed);
    if (proc) await kill(proc);
    killed.to = now();
    killed.detail = `${name}, gone ${Math.round(killed.to - killed.at)} ms after the signal`;
    log(`  ${killed.detail}`);
  };
  if (values.faults !== 'none') {
    // 1. SIGKILL of the cache router 1 follows; restarted later.
    const followed = async () => {
      const state = JSON.parse((await get(routers[0]?.admin as number, '/debug/state')).body) as { cache?: string };
      return caches.find((c) => state.cache?.endsWith(`:${c.port}`)) ?? (caches[0] as Slot);
    };
    const first = await followed();
    fault({ what: 'cache SIGKILL', at: now(), detail: `${first.name}, followed by router-1` });
    await kill(first.proc);
    await sleep(Math.max(5_000, 0.03 * DURATION));
    await restartSlot(first, 'restarted');

    // 2. PostgreSQL stopped, with changes committed right before and right after.
    await sleep(at(0.27) - now());
    const outage = Math.min(60_000, 0.1 * DURATION);
    const before = await change('before-outage');
    fault({ what: 'PostgreSQL stopped', at: now(), detail: `${outage / 1000} s; change before committed: ${before}` });
    await database.pause();
    await sleep(outage);
    await database.start();
    await until('a commit after the outage', () => change('after-outage'), 30_000);
    log(`PostgreSQL back; change after the outage committed (${committed.at(-1)})`);

    // 3. SIGKILL of the other cache (the one router 1 follows now).
    await sleep(at(0.4) - now());
    const second = await followed();
    fault({ what: 'cache SIGKILL', at: now(), detail: `${second.name}, followed by router-1 now` });
    await kill(second.proc);
    await sleep(Math.max(5_000, 0.03 * DURATION));
    await restartSlot(second, 'restarted');

    // 4. Blue/green roll of router 1: a new process on the same port (reusePort), then SIGTERM (drain).
    await sleep(at(0.47) - now());
    {
      const old = routers[0] as Slot;
      const admin = await findFreePort();
      const green = await startSlot('router-1-green', await routerArgs(0, admin, old.port), old.port, admin);
      fault({ what: 'router roll', at: now(), detail: 'router-1: green ready beside blue, blue SIGTERM (drain 5 s)' });
      const drainStart = now();
      await kill(old.proc, 'SIGTERM');
      log(`router-1 blue exited ${Math.round(now() - drainStart)} ms after SIGTERM`);
      routers[0] = green;
    }

    // 5. SIGKILL of router 2; the clients' balancing sends refused connections to router 1. Restarted.
    await sleep(at(0.54) - now());
    {
      const victim = routers[1] as Slot;
      await sigkill(victim.proc, { what: 'router SIGKILL', at: now(), router: 1 }, 'router-2');
      await sleep(5_000);
      await restartSlot(victim, 'restarted');
    }

    // 6. SIGKILL of an instance mid-response (while /slow answers are streaming); started again.
    await sleep(at(0.61) - now());
    {
      const victim = instances.get('instance-2') as { port: number; proc: Proc };
      await sigkill(victim.proc, { what: 'instance SIGKILL', at: now(), instance: 'instance-2' }, 'instance-2');
      await sleep(3_000);
      victim.proc = await startInstance('instance-2-restarted', victim.port);
    }

    // 7, 8. A broken instance in the paid service for a while: one that accepts and never
    // answers (1 s), then one that resets every connection (3 s).
    const brokenInstance = async (mode: 'hang' | 'reset', forMs: number, what: string) => {
      const port = await findFreePort();
      await startInstance(`instance-${mode}`, port, mode);
      const from = now();
      await commit((db) => addInstance(db, paid.id, { host: '127.0.0.1', port, ready: true }));
      await sleep(forMs);
      await commit((db) => removeInstance(db, paid.id, '127.0.0.1', port));
      fault({ what, at: from, from, to: now(), detail: `in the paid service for ${forMs / 1000} s` });
    };
    await sleep(at(0.66) - now());
    await brokenInstance('hang', 1_000, 'instance that never answers');
    await sleep(at(0.71) - now());
    await brokenInstance('reset', 3_000, 'instance that resets');

    // 9. SIGKILL of the activator holding queued requests for a waking service; restarted.
    await sleep(at(0.76) - now());
    {
      const wake = await commit((db) =>
        createService(db, {
          name: 'chaos-wake',
          kind: 'web',
          plan: 'free',
          region: 'local',
          scalerRef: JSON.stringify({ command: [process.execPath, INSTANCE], env: { NAME: 'wake', DELAY_MS: '2500' } }),
        }),
      );
      await commit((db) => addHostname(db, wake.id, 'wake.chaos.test'));
      for (const router of routers)
        await until('wake.chaos.test known', async () => {
          const r = await get(router.admin, '/debug/route?host=wake.chaos.test');
          return r.status === 200 && r.body.includes(wake.id);
        });
      const requests: Promise<void>[] = [];
      for (let i = 0; i < 30; i++) {
        const method = i % 3 === 2 ? 'POST' : 'GET';
        const key = method === 'GET' ? 'get' : 'post';
        const router = i % 2;
        burstSent[key]++;
        const started = now();
        requests.push(
          get(routers[router]?.port as number, '/', 'wake.chaos.test', method).then(
            (r) => {
              if (r.status === 200) burstOk[key]++;
              else
                burst.push({
                  kind: `burst-${key}` as Failure['kind'],
                  router,
                  start: started,
                  end: now(),
                  cause: `status ${r.status} ${r.body.split('\n')[0]?.slice(0, 80)}`,
                });
            },
            (e: Error) => {
              burst.push({
                kind: `burst-${key}` as Failure['kind'],
                router,
                start: started,
                end: now(),
                cause: e.message,
              });
            },
          ),
        );
      }
      await sleep(800);
      let owner: Slot | undefined;
      for (const a of activators) {
        const body = (await get(a.admin, '/debug/services')).body;
        const entry = (JSON.parse(body) as { services: { id: string; state: string; queued: number }[] }).services.find(
          (s) => s.id === wake.id,
        );
        if (entry && (entry.queued > 0 || entry.state === 'starting')) owner = a;
        if (entry && entry.queued > 0)
          log(`${a.name}: ${entry.queued} requests queued for chaos-wake (${entry.state})`);
      }
      await sigkill(
        owner?.proc,
        { what: 'activator SIGKILL', at: now() },
        `${owner?.name ?? 'none found'} with queued requests`,
      );
      await Promise.all(requests);
      log(
        `burst on the waking service: GET ${burstOk.get}/${burstSent.get} ok, POST ${burstOk.post}/${burstSent.post} ok`,
      );
      await sleep(3_000);
      if (owner) await restartSlot(owner, 'restarted');
    }
  }

  // The end: slow clients off at 90 %, load off at 100 %.
  await sleep(at(0.9) - now());
  const slowStats = await new Promise<unknown>((r) => {
    slow.child.on('message', (m: { op: string; stats?: unknown }) => m.op === 'done' && r(m.stats));
    slow.child.send({ op: 'stop' });
  });
  const slowTo = now();
  await kill(slow);
  await sleep(at(1) - now());
  changing = false;
  await changer;
  log('stopping the load (waiting for requests in flight)');
  const loadEnd = now();
  const records = await load.stop();
  clearInterval(sampler);
  await sleep(3_000);
  const endUsage = measure();

  // Every committed change, on every router.
  const lost: string[] = [];
  for (const router of routers)
    for (const host of committed) {
      const r = await get(router.port, '/', host).catch(() => ({ status: 0 }));
      if (r.status !== 200) lost.push(`${host} on ${router.name} (${r.status})`);
    }

  // Classification.
  const failures = [...records.failures, ...burst];
  const expectedBy = new Map<string, number>();
  const unexpectedBy = new Map<string, number>();
  const unexpected: Failure[] = [];
  for (const f of failures) {
    const why = expected(f, faults);
    if (why) expectedBy.set(why, (expectedBy.get(why) ?? 0) + 1);
    else {
      const cause = `${f.kind}: ${f.cause}`;
      unexpectedBy.set(cause, (unexpectedBy.get(cause) ?? 0) + 1);
      unexpected.push(f);
    }
  }
  const sent = Object.values(records.sent).reduce((a, b) => a + b, 0) + burstSent.get + burstSent.post;
  const ok = Object.values(records.ok).reduce((a, b) => a + b, 0) + burstOk.get + burstOk.post;
  // The healthy load's latency: GET, POST and static files (not the 1 s stream, the WebSockets'
  // whole exchange, nor the free tier's wake-ups).
  const latencies = (from: number, to: number) => {
    const list: number[] = [];
    for (const [i, ms] of records.okMs.entries()) {
      const begun = records.okStart[i] as number;
      const kind = records.okKind[i] as string;
      if (begun >= from && begun < to && (kind === 'get' || kind === 'post' || kind === 'static')) list.push(ms);
    }
    return list.sort((a, b) => a - b);
  };
  const baseline = latencies(at(0.05), at(0.1));
  const quiet = latencies(slowFrom, quietTo);
  const slowWhole = latencies(slowFrom, slowTo);
  const loadSeconds = (loadEnd - t0) / 1000;
  const quietRate = Math.round(
    records.okStart.filter((t) => t >= slowFrom && t < quietTo).length / ((quietTo - slowFrom) / 1000),
  );
  const growth = endUsage.routers.concat(endUsage.caches).map((e, i) => {
    const s = startUsage.routers.concat(startUsage.caches)[i] as { rss: number; fds: number };
    const l = loadedUsage.routers.concat(loadedUsage.caches)[i] as { rss: number };
    return { name: e.name, ok: e.rss <= l.rss * (1 + RSS_BOUND) && e.fds <= s.fds + FD_BOUND };
  });
  const bounded = growth.every((g) => g.ok);
  const pass = unexpected.length === 0 && lost.length === 0 && bounded;

  const lines: string[] = [];
  const row = (...cells: (string | number)[]) => lines.push(`| ${cells.join(' | ')} |`);
  lines.push(
    `Run of \`npm run chaos -- --duration ${values.duration}\` on ${new Date().toISOString().slice(0, 10)}: ${pass ? 'PASSED' : 'FAILED'}.`,
    '',
    `Load: ${CLIENTS} keep-alive clients, ${rate} req/s in total (achieved: ${Math.round(sent / loadSeconds)} req/s over the ${loadSeconds.toFixed(0)} s, faults included; ${quietRate} req/s answered in the quiet window)${Number.isNaN(saturation) ? '' : ` (half of the ${saturation} req/s the same clients reached back to back before the run)`}; mix GET 30 %, POST 1 B–16 KiB 20 %, GET streamed over 1 s 5 %, WebSocket echo 8 %, static files 25 %, free tier through the activators 12 %. ${SLOW} slow clients from 10 % to 90 % of the run.`,
    '',
    '| | requests |',
    '| --- | ---: |',
  );
  row('sent', sent);
  for (const [kind, n] of Object.entries(records.sent)) row(`&nbsp;&nbsp;${kind}`, n);
  row('&nbsp;&nbsp;burst on a waking free service (activator SIGKILL)', burstSent.get + burstSent.post);
  row('succeeded', ok);
  row('failed, expected', failures.length - unexpected.length);
  for (const [why, n] of expectedBy) row(`&nbsp;&nbsp;${why}`, n);
  row('**failed, unexpected**', `**${unexpected.length}**`);
  for (const [why, n] of unexpectedBy) row(`&nbsp;&nbsp;${why.replaceAll('|', '\\|')}`, n);
  row('sent again to the other router after a refused connection (not failures)', records.refusedRetries);
  lines.push(
    '',
    `Changes: ${committed.length} committed during the run (${notCommitted} attempts refused while PostgreSQL was down), **${lost.length} lost** — each checked with a request on every router at the end.`,
    '',
    '| process | RSS start (5 %) | RSS under full load (20 %) | RSS peak | RSS end | fds start | fds peak | fds end |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  );
  for (const key of ['routers', 'caches'] as const)
    for (const [i, s] of startUsage[key].entries()) {
      const p = peakUsage[key][i] as typeof s;
      const e = endUsage[key][i] as typeof s;
      const l = loadedUsage[key][i] as typeof s;
      row(
        `${s.name}${e.pid !== s.pid ? ' (replaced)' : ''}`,
        mib(s.rss),
        mib(l.rss),
        mib(p.rss),
        mib(e.rss),
        s.fds,
        p.fds,
        e.fds,
      );
    }
  lines.push(
    '',
    `Bound: at the end (slow clients gone) RSS ≤ its level under the full load (20 %, slow clients connected, before the first fault) + ${RSS_BOUND * 100} %, and descriptors ≤ start + ${FD_BOUND}; RSS every 10 s is in chaos.json (\`rssSeries\`): ${
      bounded
        ? 'held'
        : `exceeded by ${growth
            .filter((g) => !g.ok)
            .map((g) => g.name)
            .join(', ')}`
    }.`,
    '',
    `Latency of the healthy load (successful GET, POST and static requests), p50 / p99: ${ms(baseline)} before the slow clients (5–10 % of the run); **${ms(quiet)} with the ${SLOW} slow clients connected** (no other fault yet, 10–20 %); ${ms(slowWhole)} over the whole time they were connected, faults included (10–90 %).`,
    '',
    `Slow clients: ${JSON.stringify(slowStats)}.`,
    '',
    'Faults (seconds from the start of the load):',
    '',
  );
  for (const f of faults)
    lines.push(`- ${((f.at - t0) / 1000).toFixed(1)} s: ${f.what}${f.detail ? ` — ${f.detail}` : ''}`);
  if (unexpected.length > 0) {
    lines.push('', 'Unexpected failures (first 20):', '');
    for (const f of unexpected.slice(0, 20))
      lines.push(
        `- ${((f.start - t0) / 1000).toFixed(2)}–${((f.end - t0) / 1000).toFixed(2)} s router-${f.router + 1} ${f.kind}: ${f.cause}${f.instance ? ` (${f.instance})` : ''}`,
      );
  }
  if (lost.length > 0) lines.push('', `Lost changes: ${lost.slice(0, 20).join(', ')}`);
  const report = lines.join('\n');
  process.stdout.write(`\n${report}\n`);

  await mkdir(values.out, { recursive: true });
  await writeFile(
    join(values.out, 'chaos.json'),
    `${JSON.stringify({ duration: values.duration, pass, sent, ok, rate, saturation, expected: Object.fromEntries(expectedBy), unexpected: unexpected, lost, committed: committed.length, startUsage, loadedUsage, peakUsage, endUsage, faults: faults.map((f) => ({ ...f, at: Math.round(f.at - t0) })), slowStats, rssSeries: series, latency: { baselineP99: percentile(baseline, 99), slowQuietP99: percentile(quiet, 99), slowWholeP99: percentile(slowWhole, 99) }, achievedPerSecond: sent / loadSeconds }, null, 2)}\n`,
  );
  await writeFile(join(values.out, 'chaos.md'), `# Chaos soak\n\n${report}\n`);
  const summaryFile = join(values.out, 'SUMMARY.md');
  const summary = await readFile(summaryFile, 'utf8').catch(() => '');
  const section = chaosSection(`# Chaos soak\n\n${report}\n`);
  const updated = /<!-- chaos -->[\s\S]*<!-- \/chaos -->/.test(summary)
    ? summary.replace(/<!-- chaos -->[\s\S]*<!-- \/chaos -->/, () => section)
    : `${summary.trimEnd()}\n\n${section}\n`;
  await writeFile(summaryFile, updated);
  log(`written: ${join(values.out, 'chaos.md')}, chaos.json, the chaos section of SUMMARY.md`);
  return pass;
}

const cleanups: (() => Promise<unknown>)[] = [];
async function cleanup(): Promise<void> {
  const routerFirst = [...procs].sort(
    (a, b) => Number(b.name.startsWith('router')) - Number(a.name.startsWith('router')),
  );
  for (const proc of routerFirst) await kill(proc, 'SIGTERM');
  for (const fn of cleanups) await fn();
}

/** Instance processes (ours or the activators') still running: none should be once the stack stopped. */
function leftoverInstances(): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'latin1').split('\0').includes(INSTANCE)) pids.push(Number(entry));
    } catch {
      // gone
    }
  }
  return pids;
}
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => {
    void cleanup().finally(() => process.exit(1));
  });
let passed = false;
try {
  passed = await main();
} catch (error) {
  log(`chaos soak aborted: ${(error as Error).stack ?? error}`);
}
await cleanup();
await sleep(2_000);
const left = leftoverInstances();
if (left.length > 0) {
  log(`FAIL: instance processes left running after the stack stopped: ${left.join(', ')} (killed now)`);
  for (const pid of left) process.kill(pid, 'SIGKILL');
  passed = false;
} else log("no instance process left running (the activators stopped theirs, the SIGKILLed one's too)");
if (passed) await rm(work, { recursive: true, force: true });
else log(`logs kept in ${work}/logs`);
process.exit(passed ? 0 : 1);

import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { type IncomingHttpHeaders, request } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { TLSSocket } from 'node:tls';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type DevState, readLiveDevState } from '../src/dev/state-file.ts';

/** Generous: other test suites and benchmarks may share this machine's two cores. */
const LONG_TEST_MS = 180_000;

const bin = fileURLToPath(new URL('../bin/switchyard.js', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const exec = promisify(execFile);

/** The environment without any SWITCHYARD_* variable: dev and the CLI must find everything themselves. */
const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('SWITCHYARD_')));

function bindable(port: number): Promise<Server | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(undefined));
    server.listen({ host: '127.0.0.1', port, exclusive: true }, () => resolve(server));
  });
}

/** A base port with `count` free ports from it, held until `release()` so two picks never overlap. */
const held: Server[] = [];
async function freeRange(count: number): Promise<number> {
  for (;;) {
    const base = 20_000 + Math.floor(Math.random() * 30_000);
    const servers: Server[] = [];
    for (let i = 0; i < count; i++) {
      const server = await bindable(base + i);
      if (!server) break;
      servers.push(server);
    }
    if (servers.length === count) {
      held.push(...servers);
      return base;
    }
    for (const server of servers) server.close();
  }
}
async function release(): Promise<void> {
  await Promise.all(held.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
}

/** GET over HTTPS to `host`, trusting only the dev CA (what `curl --cacert` does). */
function httpsGet(port: number, host: string, ca: string): Promise<{ status: number; proto: string }> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      { host: '127.0.0.1', port, servername: host, headers: { host: `${host}:${port}` }, ca, agent: false },
      (res) => {
        res.resume();
        const proto = (res.socket as TLSSocket).getProtocol() ?? '';
        res.on('end', () => resolve({ status: res.statusCode ?? 0, proto }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** GET through the router with a Host header (what curl sends for http://HOST:PORT/). */
function get(
  port: number,
  host: string,
  path = '/',
): Promise<{ status: number; instance: string; body: string; headers: IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, headers: { host: `${host}:${port}` }, agent: false },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          body += chunk;
        });
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            instance: String(res.headers['x-demo-instance'] ?? ''),
            body,
            headers: res.headers,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

describe('switchyard dev', () => {
  let dir: string;
  let dev: ChildProcess;
  let output = '';
  let exited: Promise<number | null>;
  const ports = { listen: 0, tls: 0, adminBase: 0, cacheBase: 0, postgres: 0, demoBase: 0, activator: 0 };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'switchyard-dev-'));
    await chmod(dir, 0o755);
    ports.listen = await freeRange(1);
    ports.tls = await freeRange(1);
    ports.adminBase = await freeRange(4);
    ports.cacheBase = await freeRange(2);
    ports.postgres = await freeRange(1);
    ports.demoBase = await freeRange(2);
    ports.activator = await freeRange(1);
    await release();
  });

  // A test that failed half-way leaves its dev running: stop it (and its children) before the next one.
  afterEach(async () => {
    if (dev && dev.exitCode === null && dev.signalCode === null) {
      const running = readLiveDevState(dataDir());
      if (running) process.kill(running.pid, 'SIGTERM');
      else dev.kill('SIGTERM');
      await exited;
    }
  });

  afterAll(async () => {
    if (dev?.exitCode === null && dev.signalCode === null) {
      dev.kill('SIGKILL');
      await exited;
    }
    await rm(dir, { recursive: true, force: true });
  });

  const dataDir = () => join(dir, '.switchyard');

  /**
   * Starts the stack in the temp dir on the picked ports and waits for its banner: `npm start -- …` as a
   * user would (prestart builds with Nx, cached; npm leads a process group of its own, like a terminal's
   * foreground job), `switchyard dev …` directly, or under a shell that does not exec it (as npm
   * started it before its start script said `exec`).
   */
  async function startDev(how: 'npm start' | 'bin' | 'under sh' = 'bin'): Promise<void> {
    output = '';
    const flags = [
      '--data-dir',
      dataDir(),
      '--listen',
      `127.0.0.1:${ports.listen}`,
      '--listen-tls',
      `127.0.0.1:${ports.tls}`,
      '--admin-base-port',
      String(ports.adminBase),
      '--cache-base-port',
      String(ports.cacheBase),
      '--postgres-port',
      String(ports.postgres),
      '--demo-base-port',
      String(ports.demoBase),
      '--activator-port',
      String(ports.activator),
      '--workers',
      '1',
    ];
    dev =
      how === 'npm start'
        ? spawn('npm', ['--prefix', repoRoot, 'start', '--', ...flags], {
            cwd: dir,
            env: { ...cleanEnv, NX_DAEMON: 'false' },
            stdio: ['ignore', 'pipe', 'pipe'],
            detached: true,
          })
        : how === 'under sh'
          ? spawn('/bin/sh', ['-c', '"$0" "$@"; exit $?', process.execPath, bin, 'dev', ...flags], {
              cwd: dir,
              env: cleanEnv,
              stdio: ['ignore', 'pipe', 'pipe'],
            })
          : spawn(process.execPath, [bin, 'dev', ...flags], {
              cwd: dir,
              env: cleanEnv,
              stdio: ['ignore', 'pipe', 'pipe'],
            });
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
    };
    dev.stdout?.on('data', collect);
    dev.stderr?.on('data', collect);
    exited = new Promise((resolve) => dev.once('exit', (code) => resolve(code)));
    await waitFor(
      'the banner',
      async () => (output.includes('Switchyard is running') ? true : undefined),
      150_000,
    ).catch((error: Error) => {
      throw new Error(`${error.message}; dev printed:\n${output}`);
    });
  }

  /** Every process of the running stack: dev, its children and the postmaster. */
  function stackPids(): { state: DevState; pids: number[] } {
    const state = JSON.parse(readFileSync(join(dataDir(), 'dev.json'), 'utf8')) as DevState;
    const postmaster = Number(readFileSync(join(dataDir(), 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
    return {
      state,
      pids: [
        state.pid,
        state.router.pid,
        state.postgres.pid,
        postmaster,
        ...state.caches.map((c) => c.pid),
        ...(state.activator ? [state.activator.pid] : []),
      ],
    };
  }

  async function processesMentioning(text: string): Promise<string[]> {
    const { stdout } = await exec('ps', ['-eo', 'pid,args']);
    return stdout.split('\n').filter((line) => line.includes(text));
  }

  /** The first request to sleepy: the activator starts it (about a second) and holds the request meanwhile. */
  async function wakeSleepy(): Promise<number> {
    const cold = await get(ports.listen, 'sleepy.localhost');
    expect(cold.status, cold.body).toBe(200);
    expect(cold.body).toMatch(/Hello from sleepy \(pid \d+\): woke up in \d/);
    const pid = Number(/pid (\d+)/.exec(cold.body)?.[1]);
    expect(isAlive(pid)).toBe(true);
    // Its command line names the data directory: the "no process mentions it" checks cover it too.
    expect((await processesMentioning(dir)).some((line) => line.includes('sleepy-app.js'))).toBe(true);
    return pid;
  }

  /** The static site, its rules and its 404 page, from the filesystem object store. */
  async function checkDocsSite(): Promise<void> {
    const home = await get(ports.listen, 'docs.localhost');
    expect(home.status).toBe(200);
    expect(home.body).toContain('<h1>Switchyard docs</h1>');
    expect(home.headers['x-demo-site']).toBe('docs');
    const redirect = await get(ports.listen, 'docs.localhost', '/old-guide');
    expect(redirect.status).toBe(301);
    expect(redirect.headers.location).toMatch(/\/guide\/$/);
    expect((await get(ports.listen, 'docs.localhost', '/guide/')).body).toContain('<h1>The guide</h1>');
    const rewritten = await get(ports.listen, 'docs.localhost', '/app/settings');
    expect(rewritten.status).toBe(200);
    expect(rewritten.body).toContain('<h1>Switchyard docs</h1>');
    expect((await get(ports.listen, 'docs.localhost', '/assets/style.css')).headers['cache-control']).toBe(
      'public, max-age=3600',
    );
    const missing = await get(ports.listen, 'docs.localhost', '/nope');
    expect(missing.status).toBe(404);
    expect(missing.body).toContain("the site's own <code>404.html</code>");
  }

  it('refuses a port already in use, naming the port and its flag, before starting anything', async () => {
    const taken = await freeRange(1);
    try {
      const failed = await exec(
        process.execPath,
        [bin, 'dev', '--data-dir', join(dir, 'busy'), '--listen', `127.0.0.1:${taken}`],
        {
          cwd: dir,
          env: cleanEnv,
        },
      ).catch((error: { code: number; stderr: string }) => error);
      expect('code' in failed && failed.code).toBe(1);
      expect('stderr' in failed && failed.stderr).toContain(
        `port ${taken} on 127.0.0.1 (router HTTP) is already in use`,
      );
      expect('stderr' in failed && failed.stderr).toContain('--listen');
      expect(existsSync(join(dir, 'busy'))).toBe(false);
    } finally {
      await release();
    }
  });

  it(
    'runs the stack: demo through the router, a CLI change served, a cache stopped, then a clean stop',
    async () => {
      await startDev('npm start');
      expect(output).toContain(`curl http://hello.localhost:${ports.listen}/`);
      expect(output).toContain(`curl http://api.hello.localhost:${ports.listen}/`);
      expect(output).toContain(`http://127.0.0.1:${ports.adminBase}/metrics`);
      expect(output).toContain(`curl http://sleepy.localhost:${ports.listen}/`);
      expect(output).toContain(`curl -i http://docs.localhost:${ports.listen}/old-guide`);
      expect(output).not.toContain('Note:');
      // HTTPS with the local development CA, as the banner's curl line does it.
      const ca = join(dataDir(), 'tls', 'ca.crt');
      expect(output).toContain(`curl --cacert ${ca} https://hello.localhost:${ports.tls}/`);
      expect(await httpsGet(ports.tls, 'hello.localhost', readFileSync(ca, 'utf8'))).toEqual({
        status: 200,
        proto: 'TLSv1.3',
      });

      const { state, pids } = stackPids();
      // npm start → sh → switchyard dev: dev.json names dev itself.
      expect(state.pid).not.toBe(dev.pid);
      for (const pid of pids) expect(isAlive(pid)).toBe(true);

      // Both demo instances answer in turn; the wildcard reaches the same service.
      const instances = new Set<string>();
      for (let i = 0; i < 6; i++) {
        const res = await get(ports.listen, 'hello.localhost');
        expect(res.status).toBe(200);
        instances.add(res.instance);
      }
      expect([...instances].sort()).toEqual(['hello-1', 'hello-2']);
      const wildcard = await get(ports.listen, 'api.hello.localhost', '/v1');
      expect(wildcard.status).toBe(200);
      expect(wildcard.body).toContain('you asked for api.hello.localhost');
      expect((await get(ports.listen, 'added.localhost')).status).toBe(404);

      // The free service: not running until its first request, which wakes it through the activator.
      expect(await processesMentioning('sleepy-app.js')).toEqual([]);
      const sleepyPid = await wakeSleepy();
      const warm = await get(ports.listen, 'sleepy.localhost', '/again');
      expect(warm.status).toBe(200);
      expect(warm.body).toContain(`Hello from sleepy (pid ${sleepyPid})`);

      // The static site, its rules and its 404 page, from the filesystem object store.
      await checkDocsSite();

      // The CLI finds dev's database through .switchyard/dev.json (no flag, no variable); the router follows.
      const added = await exec(
        process.execPath,
        [bin, 'hostname', 'add', state.demoServiceId as string, 'added.localhost'],
        {
          cwd: dir,
          env: cleanEnv,
        },
      );
      expect(added.stdout).toContain('added added.localhost');
      const served = await waitFor(
        'the new hostname to be served',
        async () => {
          const res = await get(ports.listen, 'added.localhost');
          return res.status === 200 ? res : undefined;
        },
        10_000,
      );
      expect(served.instance).toMatch(/^hello-[12]$/);

      // route explain and status find the router, the caches and the database through dev.json too.
      const explained = await exec(
        process.execPath,
        [bin, 'route', 'explain', `http://api.hello.localhost:${ports.listen}/v1`],
        {
          cwd: dir,
          env: cleanEnv,
        },
      );
      expect(explained.stdout).toMatch(/match:\s+wildcard \*\.hello\.localhost/);
      expect(explained.stdout).toContain(`"hello" ${state.demoServiceId}  web, paid, active`);
      expect(explained.stdout).toMatch(/decision:\s+instance -> 127\.0\.0\.1:\d+/);
      const redirect = await exec(process.execPath, [bin, 'route', 'explain', 'docs.localhost/old-guide'], {
        cwd: dir,
        env: cleanEnv,
      });
      expect(redirect.stdout).toMatch(/decision:\s+static -> 301 \/guide\/$/m);
      const healthy = await exec(process.execPath, [bin, 'status'], { cwd: dir, env: cleanEnv });
      for (const name of ['router', 'cache-a', 'cache-b', 'activator'])
        expect(healthy.stdout).toMatch(new RegExp(`^${name}\\s.*\\bready\\b`, 'm'));
      expect(healthy.stdout).toMatch(/^database\s+-\s+up/m);

      // Stop one cache by hand: dev reports it and routing goes on.
      const cacheA = state.caches[0]?.pid as number;
      process.kill(cacheA, 'SIGTERM');
      await waitFor('cache-a to exit', async () => (isAlive(cacheA) ? undefined : true), 20_000);
      await waitFor('dev to report cache-a', async () =>
        output.includes(`cache-a (pid ${cacheA}) exited`) ? true : undefined,
      );
      for (const host of ['hello.localhost', 'api.hello.localhost', 'added.localhost']) {
        expect((await get(ports.listen, host)).status).toBe(200);
      }
      // status shows the stopped cache as down (exit code 1) and, once it has failed over, the router following cache-b.
      type Report = { components: { name: string; up: boolean; lag?: string }[] };
      const report = await waitFor('status to show the failover', async () => {
        const failed = await exec(process.execPath, [bin, 'status', '--json'], { cwd: dir, env: cleanEnv }).catch(
          (error: { code: number; stdout: string }) => error,
        );
        expect('code' in failed && failed.code).toBe(1);
        const parsed = JSON.parse(failed.stdout) as Report;
        const routerLag = parsed.components.find((c) => c.name === 'router')?.lag ?? '';
        return routerLag.includes(`follows cache-b ${state.caches[1]?.listen}`) ? parsed : undefined;
      });
      expect(report.components.find((c) => c.name === 'cache-a')?.up).toBe(false);
      expect(report.components.find((c) => c.name === 'cache-b')?.up).toBe(true);

      // Ctrl-C (SIGINT to npm's whole process group, as a terminal sends it) stops everything, in order,
      // and leaves no process and no dev.json behind.
      // npm itself ends on the SIGINT (as in a terminal); dev finishes its ordered stop and says so.
      process.kill(-(dev.pid as number), 'SIGINT');
      await exited;
      await waitFor('dev to stop', async () => (isAlive(state.pid) ? undefined : true));
      await waitFor('dev to say it stopped', async () =>
        output.includes('switchyard dev: stopped') ? true : undefined,
      );
      expect(output).not.toContain('error while stopping');
      for (const pid of [...pids, sleepyPid, dev.pid as number]) {
        expect(isAlive(pid), `pid ${pid} still alive`).toBe(false);
      }
      expect(await processesMentioning(dir)).toEqual([]);
      expect(existsSync(join(dataDir(), 'dev.json'))).toBe(false);
    },
    LONG_TEST_MS,
  );

  /** After a stop: dev said it stopped in order, and nothing of the stack (nor dev.json) is left. */
  async function expectAllStopped(state: DevState, pids: number[]): Promise<void> {
    await waitFor('dev to stop', async () => (isAlive(state.pid) ? undefined : true));
    await waitFor('dev to say it stopped', async () => (output.includes('switchyard dev: stopped') ? true : undefined));
    expect(output).not.toContain('error while stopping');
    for (const pid of pids) expect(isAlive(pid), `pid ${pid} still alive`).toBe(false);
    expect(await processesMentioning(dir)).toEqual([]);
    expect(existsSync(join(dataDir(), 'dev.json'))).toBe(false);
  }

  it.each(['SIGTERM', 'SIGINT'] as const)(
    'stops the whole stack, in order, when npm start alone gets %s (a script, CI, a process manager)',
    async (signal) => {
      await startDev('npm start');
      const { state, pids } = stackPids();
      process.kill(dev.pid as number, signal); // npm's own process only, not its group
      await exited;
      await expectAllStopped(state, [...pids, dev.pid as number]);
    },
    LONG_TEST_MS,
  );

  it(
    'stops the whole stack, in order, when its parent dies (a shell between npm and dev killed with SIGKILL)',
    async () => {
      await startDev('under sh');
      const { state, pids } = stackPids();
      expect(state.pid).not.toBe(dev.pid);
      dev.kill('SIGKILL'); // the shell only: dev is left running under another parent
      await exited;
      await expectAllStopped(state, pids);
      expect(output).toContain(`switchyard dev: its parent process (pid ${dev.pid}) is gone; stopping`);
    },
    LONG_TEST_MS,
  );

  it(
    'restarts on the existing database, and leaves nothing behind when killed with SIGKILL',
    async () => {
      await startDev();
      expect(output).not.toContain('exited');
      const { state, pids } = stackPids();
      // Same demo service as before (not recreated), still served, and the CLI's change was kept.
      expect(output).toContain(state.demoServiceId as string);
      expect((await get(ports.listen, 'hello.localhost')).status).toBe(200);
      expect((await get(ports.listen, 'added.localhost')).status).toBe(200);
      // sleepy's start command was brought up to date, and the static site is still published.
      const sleepyPid = await wakeSleepy();
      await checkDocsSite();

      // A new build of the site through the CLI: it finds the database and the object store in dev.json.
      const site = join(dir, 'site-v2');
      await mkdir(site);
      await writeFile(join(site, 'index.html'), '<h1>Docs, second build</h1>\n');
      const deployed = await exec(
        process.execPath,
        [bin, 'static', 'deploy', state.demoServices?.docs as string, site, '--activate'],
        { cwd: dir, env: cleanEnv },
      );
      expect(deployed.stderr).toBe('');
      await waitFor(
        'the new build to be served',
        async () => ((await get(ports.listen, 'docs.localhost')).body.includes('second build') ? true : undefined),
        10_000,
      );

      dev.kill('SIGKILL');
      await exited;
      // Each child sees its IPC channel close and stops itself (PostgreSQL included).
      for (const pid of pids) {
        await waitFor(`pid ${pid} to exit`, async () => (isAlive(pid) ? undefined : true), 30_000);
      }
      await waitFor(`sleepy (pid ${sleepyPid}) to exit`, async () => (isAlive(sleepyPid) ? undefined : true), 30_000);
      await waitFor('no process left', async () => ((await processesMentioning(dir)).length === 0 ? true : undefined));
      // The stale dev.json is ignored: the CLI no longer finds a database.
      const orphaned = await exec(process.execPath, [bin, 'service', 'list'], { cwd: dir, env: cleanEnv }).catch(
        (error: { code: number; stderr: string }) => error,
      );
      expect('code' in orphaned && orphaned.code).toBe(2);
      expect('stderr' in orphaned && orphaned.stderr).toContain('no database');
    },
    LONG_TEST_MS,
  );
});

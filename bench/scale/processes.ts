// The scale scenario's processes, started from a given source tree (this checkout, or an older one
// for "before" figures): a cache server (bench/cache/cache-process.ts of that tree, from its
// sources) and routers (`switchyard router` from that tree's dist), each in its own process.
import { type ChildProcess, spawn } from 'node:child_process';
import { openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { findFreePort } from '@switchyard/service-db';
import { REGION } from '../cache/harness.ts';
import { cpuSeconds, stopChild, waitForHttp } from '../suite/processes.ts';

export interface Tree {
  /** "before" or "after" */
  name: string;
  /** Repository root. */
  root: string;
}

export interface CacheProc {
  pid: number;
  grpc: string;
  admin: string;
  readyMs: number;
  stats(): Promise<{ rssBytes: number; heapUsedBytes: number; maxRssBytes: number }>;
  cpuSeconds(): number;
  stop(): Promise<void>;
}

/**
 * A cache process of `tree`. `profileDir`: write a CPU profile of it there (`--cpu-prof`, on exit),
 * named `<tree>-cache-….cpuprofile`.
 */
export async function startCache(
  tree: Tree,
  databaseUrl: string,
  logDir: string,
  profileDir?: string,
): Promise<CacheProc> {
  const config = { databaseUrl, region: REGION, listen: '127.0.0.1:0', admin: '127.0.0.1:0' };
  const log = openSync(join(logDir, `${tree.name}-cache.log`), 'a');
  const profile =
    profileDir === undefined
      ? []
      : ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=${tree.name}-cache-${Date.now()}.cpuprofile`];
  const child = spawn(
    process.execPath,
    [
      '--conditions=source',
      '--expose-gc',
      ...profile,
      join(tree.root, 'bench/cache/cache-process.ts'),
      JSON.stringify(config),
    ],
    { stdio: ['pipe', 'pipe', log], cwd: tree.root },
  );
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const pending: ((line: string) => void)[] = [];
  lines.on('line', (line) => pending.shift()?.(line));
  const nextLine = () =>
    new Promise<string>((resolve, reject) => {
      pending.push(resolve);
      child.once('exit', (code) => reject(new Error(`${tree.name} cache exited with ${code} (log in ${logDir})`)));
    });
  const ready = JSON.parse(await nextLine()) as { grpc: string; admin: string; readyMs: number };
  return {
    ...ready,
    pid: child.pid as number,
    async stats() {
      const line = nextLine();
      child.stdin?.write('stats\n');
      return JSON.parse(await line);
    },
    cpuSeconds: () => cpuSeconds([child.pid as number]),
    stop: () => stopChild(child),
  };
}

export interface RouterProc {
  child: ChildProcess;
  pid: number;
  admin: string;
  readyMs: number;
  /** CPU time of the router process (all threads) from spawn to ready, seconds. */
  readyCpuSeconds: number;
  rssBytes(): number;
  metric(name: string): Promise<number>;
  state(): Promise<{ stateDirWrites: number; version: number; services: number; synced: boolean }>;
  stop(): Promise<void>;
}

export async function startRouterProcess(
  tree: Tree,
  opts: { caches: string[]; name: string; logDir: string; args?: string[] },
): Promise<RouterProc> {
  const port = await findFreePort();
  const adminPort = await findFreePort();
  const log = openSync(join(opts.logDir, `${tree.name}-${opts.name}.log`), 'a');
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [
      // SCALE_ROUTER_PROFILE_DIR: a CPU profile of each router's main thread, written when it stops.
      ...(process.env.SCALE_ROUTER_PROFILE_DIR
        ? ['--cpu-prof', '--cpu-prof-dir', process.env.SCALE_ROUTER_PROFILE_DIR]
        : []),
      join(tree.root, 'apps/cli/bin/switchyard.js'),
      'router',
      '--caches',
      opts.caches.join(','),
      '--listen',
      `127.0.0.1:${port}`,
      '--admin',
      `127.0.0.1:${adminPort}`,
      '--region',
      REGION,
      '--workers',
      '2',
      ...(opts.args ?? []),
    ],
    { stdio: ['ignore', log, log], cwd: tree.root },
  );
  const admin = `http://127.0.0.1:${adminPort}`;
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`${tree.name} router ${opts.name} exited with ${code}`))),
  );
  exited.catch(() => undefined);
  await Promise.race([waitForHttp(`${admin}/readyz`, { status: 200, timeoutMs: 300_000 }), exited]);
  const readyMs = Math.round(performance.now() - started);
  const readyCpuSeconds = cpuSeconds([child.pid as number]);
  const pid = child.pid as number;
  return {
    child,
    pid,
    admin,
    readyMs,
    readyCpuSeconds,
    rssBytes: () => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'latin1'))?.[1] ?? 0) * 1024,
    async metric(name: string) {
      const text = await (await fetch(`${admin}/metrics`)).text();
      const line = text.split('\n').find((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`));
      return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : Number.NaN;
    },
    async state() {
      return (await (await fetch(`${admin}/debug/state`)).json()) as {
        stateDirWrites: number;
        version: number;
        services: number;
        synced: boolean;
      };
    },
    stop: () => stopChild(child),
  };
}

// Child processes of a benchmark run: pinned spawns, readiness waits, and what /proc says about
// them (CPU time, peak RSS, the process tree).
import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const CLOCK_TICKS_PER_SECOND = 100; // USER_HZ: 100 on every Linux this runs on (getconf CLK_TCK)

export interface Pinned {
  child: ChildProcess;
  pid: number;
  /** This process and every descendant still alive (nginx's workers, …). */
  pids(): number[];
  stop(signal?: NodeJS.Signals): Promise<void>;
}

const started = new Set<ChildProcess>();

/** Spawns `argv` pinned to `cpus` (taskset execs it: the pid is the program's own). */
export function spawnPinned(
  cpus: string | undefined,
  argv: string[],
  options: {
    stdout?: 'ignore' | 'pipe' | number;
    stderr?: 'ignore' | 'pipe' | 'inherit' | number;
    env?: NodeJS.ProcessEnv;
  } = {},
): Pinned {
  const full = cpus === undefined ? argv : ['taskset', '-c', cpus, ...argv];
  const child = spawn(full[0] as string, full.slice(1), {
    stdio: ['ignore', options.stdout ?? 'ignore', options.stderr ?? 'ignore'],
    env: options.env ?? process.env,
  });
  started.add(child);
  child.once('exit', () => started.delete(child));
  const pid = child.pid as number;
  return {
    child,
    pid,
    pids: () => processTree(pid),
    stop: (signal = 'SIGTERM') => stopChild(child, signal),
  };
}

export async function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM', graceMs = 15_000) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** Last resort on the way out: nothing this run started outlives it. */
export function killAllStarted(): void {
  for (const child of started) {
    if (child.exitCode !== null || child.pid === undefined) continue;
    // Descendants first (nginx's workers outlive a SIGKILLed master otherwise).
    for (const pid of processTree(child.pid).reverse()) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {}
    }
  }
}

function statFields(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    // Fields after the command name, which is in parentheses and may contain spaces.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** `pid` and all its live descendants, from the ppid field of /proc/<pid>/stat. */
export function processTree(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const ppid = Number(statFields(Number(entry))?.[1]);
    if (!Number.isFinite(ppid)) continue;
    const list = children.get(ppid) ?? [];
    list.push(Number(entry));
    children.set(ppid, list);
  }
  const out: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const next = queue.shift() as number;
    if (statFields(next) === undefined) continue;
    out.push(next);
    queue.push(...(children.get(next) ?? []));
  }
  return out;
}

/** utime + stime of these processes (all their threads), in seconds. */
export function cpuSeconds(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    const fields = statFields(pid);
    // Fields 14 and 15 of /proc/<pid>/stat (1-based); here 0-based after the command name.
    if (fields) ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks / CLOCK_TICKS_PER_SECOND;
}

/** Sum of VmHWM (peak resident set) of these processes, in bytes. */
export function peakRssBytes(pids: number[]): number {
  let total = 0;
  for (const pid of pids) {
    try {
      const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'latin1'))?.[1];
      total += Number(kb ?? 0) * 1024;
    } catch {}
  }
  return total;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `url` until it answers `status` (any answer when undefined). */
/** Polls `check` every 100 ms (a rejection counts as false) until it holds; throws naming `what` after `timeoutMs`. */
export async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

export async function waitForHttp(
  url: string,
  opts: { timeoutMs?: number; status?: number; headers?: Record<string, string> } = {},
) {
  const deadline = performance.now() + (opts.timeoutMs ?? 120_000);
  let last = '';
  for (;;) {
    try {
      const res = await fetch(url, { headers: opts.headers });
      await res.arrayBuffer();
      if (opts.status === undefined || res.status === opts.status) return;
      last = `status ${res.status}`;
    } catch (error) {
      last = (error as Error).message;
    }
    if (performance.now() > deadline) throw new Error(`${url} not answering in time (${last})`);
    await sleep(10);
  }
}

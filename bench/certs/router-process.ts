// A real `switchyard router` (this checkout's dist) with a TLS listener and the caches' token, and
// what the benchmark reads from it: /debug/memory, /metrics, /proc.
import { type ChildProcess, spawn } from 'node:child_process';
import { openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findFreePort } from '@switchyard/service-db';
import { REGION } from '../cache/harness.ts';
import { stopChild, waitForHttp } from '../suite/processes.ts';

export interface ThreadMemory {
  slot: number;
  threadId: number;
  heapUsedBytes: number;
  heapTotalBytes: number;
  externalBytes: number;
}

export interface RouterMemory {
  rssBytes: number;
  collected: boolean;
  main: { heapUsedBytes: number; heapTotalBytes: number; externalBytes: number };
  threads: ThreadMemory[];
  certificates?: { count: number; version: number };
}

export interface CertRouter {
  child: ChildProcess;
  pid: number;
  tlsPort: number;
  startedAt: number;
  memory(gc?: boolean): Promise<RouterMemory>;
  /** A counter of `switchyard_router_tls_events_total` by event. */
  tlsEvent(event: string): Promise<number>;
  /** VmHWM: the peak RSS since the process started. */
  peakRssBytes(): number;
  stop(): Promise<void>;
}

export async function startCertRouter(opts: {
  root: string;
  cache: string;
  tokenFile: string;
  logFile: string;
  /** Node flags before the script (e.g. --heapsnapshot-signal). */
  nodeArgs?: string[];
}): Promise<CertRouter> {
  const [port, tlsPort, adminPort] = [await findFreePort(), await findFreePort(), await findFreePort()];
  const log = openSync(opts.logFile, 'a');
  const startedAt = performance.now();
  const child = spawn(
    process.execPath,
    [
      '--expose-gc',
      ...(opts.nodeArgs ?? []),
      join(opts.root, 'apps/cli/bin/switchyard.js'),
      'router',
      '--caches',
      opts.cache,
      '--region',
      REGION,
      '--listen',
      `127.0.0.1:${port}`,
      '--listen-tls',
      `127.0.0.1:${tlsPort}`,
      '--admin',
      `127.0.0.1:${adminPort}`,
      '--cache-token-file',
      opts.tokenFile,
      '--workers',
      '2',
    ],
    { stdio: ['ignore', log, log], cwd: opts.root },
  );
  const admin = `http://127.0.0.1:${adminPort}`;
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`router exited with ${code} (log: ${opts.logFile})`))),
  );
  exited.catch(() => undefined);
  await Promise.race([waitForHttp(`${admin}/readyz`, { status: 200, timeoutMs: 120_000 }), exited]);
  const pid = child.pid as number;
  return {
    child,
    pid,
    tlsPort,
    startedAt,
    async memory(gc = false) {
      return (await (await fetch(`${admin}/debug/memory${gc ? '?gc=1' : ''}`)).json()) as RouterMemory;
    },
    async tlsEvent(event: string) {
      const text = await (await fetch(`${admin}/metrics`)).text();
      const line = text.split('\n').find((l) => l.startsWith(`switchyard_router_tls_events_total{event="${event}"`));
      return line === undefined ? 0 : Number(line.slice(line.lastIndexOf(' ') + 1));
    },
    peakRssBytes: () =>
      Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'latin1'))?.[1] ?? 0) * 1024,
    stop: () => stopChild(child),
  };
}

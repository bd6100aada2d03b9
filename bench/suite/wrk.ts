// wrk as a second, much cheaper load generator for the closed-loop saturation runs only: on 2 cores
// k6 (open model, rich metrics) tops out below what nginx or HAProxy can pass on one core, so k6's
// "saturation" is k6's. wrk with the same random-Host draw gets much closer to each proxy's own limit.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { spawnPinned } from './processes.ts';

const SCRIPT = fileURLToPath(new URL('./wrk-random-host.lua', import.meta.url));

export interface WrkResult {
  durationS: number;
  requests: number;
  rate: number;
  /** Socket errors plus non-2xx/3xx responses. */
  failed: number;
  /** What the failures were, e.g. "read 12, non-2xx 3" ('' for none). */
  failures: string;
  p50Ms: number;
  p99Ms: number;
}

export function wrkInstalled(): boolean {
  try {
    execFileSync('wrk', ['--version'], { stdio: 'ignore' });
    return true;
  } catch (error) {
    // wrk --version exits 1 after printing its version.
    return (error as { status?: number }).status === 1;
  }
}

const toMs = (value: string, unit: string) =>
  Number(value) * ({ us: 0.001, ms: 1, s: 1000, m: 60_000 }[unit] ?? Number.NaN);

/** Parses wrk's text output (`--latency`). */
export function parseWrk(out: string, durationS: number): WrkResult {
  const latency = (p: string) => {
    const m = new RegExp(`^\\s*${p}%\\s+([\\d.]+)(us|ms|s|m)\\s*$`, 'm').exec(out);
    return m ? toMs(m[1] as string, m[2] as string) : Number.NaN;
  };
  const requests = Number(/(\d+) requests in/.exec(out)?.[1] ?? Number.NaN);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const socketErrors = socket ? socket.slice(1).reduce((a, b) => a + Number(b), 0) : 0;
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0);
  const kinds = ['connect', 'read', 'write', 'timeout'].map((kind, i) => [kind, Number(socket?.[i + 1] ?? 0)] as const);
  const failures = [...kinds, ['non-2xx', non2xx] as const]
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => `${kind} ${n}`)
    .join(', ');
  return {
    durationS,
    requests,
    rate: Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? Number.NaN),
    failed: socketErrors + non2xx,
    failures,
    p50Ms: latency('50'),
    p99Ms: latency('99'),
  };
}

export async function runWrk(opts: {
  target: string;
  hostsTextFile: string;
  durationS: number;
  connections: number;
  cpus?: string;
}) {
  const proc = spawnPinned(
    opts.cpus,
    [
      'wrk',
      '-t1',
      `-c${opts.connections}`,
      `-d${opts.durationS}s`,
      '--latency',
      '-s',
      SCRIPT,
      opts.target,
      '--',
      opts.hostsTextFile,
    ],
    { stdout: 'pipe', stderr: 'pipe' },
  );
  let out = '';
  proc.child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  proc.child.stderr?.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  const code = await new Promise<number | null>((resolve) => proc.child.once('exit', resolve));
  if (code !== 0) throw new Error(`wrk exited with ${code}:\n${out}`);
  return parseWrk(out, opts.durationS);
}

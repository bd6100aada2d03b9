// Runs bench/k6/proxy.js and reads its summary. A fixed-rate run that dropped iterations did not
// offer the rate it claims: it is marked invalid and its latencies are not results.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnPinned } from './processes.ts';

export const K6 = fileURLToPath(new URL('../../.tools/bin/k6', import.meta.url));
const SCRIPT = fileURLToPath(new URL('../k6/proxy.js', import.meta.url));

export type K6Load = { mode: 'rate'; rate: number } | { mode: 'saturate'; vus: number };

export interface K6Result {
  mode: 'rate' | 'saturate';
  /** Offered rate (req/s) of a fixed-rate run. */
  offeredRate?: number;
  durationS: number;
  requests: number;
  /** Achieved req/s. */
  rate: number;
  failed: number;
  droppedIterations: number;
  /** False when iterations were dropped (rate runs) or k6 failed: not a result. */
  valid: boolean;
  invalidReason?: string;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
}

interface Summary {
  metrics: Record<string, { values: Record<string, number> } | undefined>;
}

export async function runK6(opts: {
  target: string;
  hostsFile: string;
  load: K6Load;
  durationS: number;
  cpus?: string;
}): Promise<K6Result> {
  const dir = await mkdtemp(join(tmpdir(), 'switchyard-k6-'));
  const summaryFile = join(dir, 'summary.json');
  try {
    const env = {
      ...process.env,
      K6_NO_USAGE_REPORT: 'true',
      TARGET: opts.target,
      HOSTS_FILE: opts.hostsFile,
      SUMMARY_FILE: summaryFile,
      DURATION: `${opts.durationS}s`,
      MODE: opts.load.mode,
      ...(opts.load.mode === 'rate' ? { RATE: String(opts.load.rate) } : { VUS: String(opts.load.vus) }),
    };
    const proc = spawnPinned(opts.cpus, [K6, 'run', '--quiet', '--no-color', SCRIPT], {
      env,
      stdout: 'ignore',
      stderr: 'pipe',
    });
    let stderr = '';
    proc.child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    const code = await new Promise<number | null>((resolve) => proc.child.once('exit', resolve));
    let summary: Summary;
    try {
      summary = JSON.parse(await readFile(summaryFile, 'utf8')) as Summary;
    } catch {
      throw new Error(`k6 exited with ${code} and wrote no summary:\n${stderr}`);
    }
    return fromSummary(summary, opts.load, opts.durationS, code);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export function fromSummary(summary: Summary, load: K6Load, durationS: number, exitCode: number | null): K6Result {
  const metric = (name: string, value: string) => summary.metrics[name]?.values[value] ?? 0;
  const requests = metric('http_reqs', 'count');
  const dropped = metric('dropped_iterations', 'count');
  let invalidReason: string | undefined;
  if (exitCode !== 0) invalidReason = `k6 exited with ${exitCode}`;
  else if (requests === 0) invalidReason = 'no requests';
  else if (load.mode === 'rate' && dropped > 0) invalidReason = `${dropped} dropped iterations`;
  return {
    mode: load.mode,
    ...(load.mode === 'rate' ? { offeredRate: load.rate } : {}),
    durationS,
    requests,
    rate: metric('http_reqs', 'rate'),
    failed: metric('http_req_failed', 'passes'),
    droppedIterations: dropped,
    valid: invalidReason === undefined,
    ...(invalidReason === undefined ? {} : { invalidReason }),
    p50Ms: metric('http_req_duration', 'p(50)'),
    p90Ms: metric('http_req_duration', 'p(90)'),
    p99Ms: metric('http_req_duration', 'p(99)'),
    maxMs: metric('http_req_duration', 'max'),
  };
}

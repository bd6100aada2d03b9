import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Measured, ProxyResult } from './scenarios/proxy.ts';
import { goals, median, writeSummary } from './summary.ts';

function measured(rate: number, cpuS: number, utilisation: number, extra: Partial<Measured> = {}): Measured {
  const requests = rate * 10;
  return {
    mode: 'saturate',
    durationS: 10,
    requests,
    rate,
    failed: 0,
    droppedIterations: 0,
    valid: true,
    p50Ms: 1,
    p90Ms: 2,
    p99Ms: 3,
    maxMs: 9,
    cpuS,
    cpuSPer10kRequests: (cpuS / requests) * 10_000,
    cpuUtilisation: utilisation,
    ...extra,
  };
}

function proxy(router: Measured, nginx: Measured, routerHalfP99 = 3.5): ProxyResult {
  const rates = (p99: number) =>
    [1_000, 2_000, 3_000].map((rate) => measured(rate, 1, 0.5, { mode: 'rate', offeredRate: rate, p99Ms: p99 }));
  return {
    services: 100_000,
    hostnames: 166_000,
    durationS: 10,
    nginxSaturationRate: nginx.rate,
    offeredRates: [1_000, 2_000, 3_000],
    targets: [
      { name: 'direct', description: 'direct', saturation: measured(20_000, 5, 0.5), rates: rates(3), peakRssBytes: 1 },
      { name: 'router', description: 'router', saturation: router, rates: rates(routerHalfP99), peakRssBytes: 1 },
      { name: 'nginx', description: 'nginx', saturation: nginx, rates: rates(3.1), peakRssBytes: 1 },
    ],
  };
}

describe('goals', () => {
  it('compares saturation rates when both proxies used their core', () => {
    const [throughput, cpu, added] = goals({ proxy: proxy(measured(8_000, 10, 1), measured(10_000, 10, 1)) });
    expect(throughput).toMatchObject({ met: true, margin: '7% above' });
    expect(throughput?.measured).toMatch(/^0\.80×/);
    expect(cpu).toMatchObject({ met: true });
    expect(cpu?.measured).toMatch(/^1\.25×/);
    expect(added).toMatchObject({ met: true });
  });

  it('compares per CPU core when the load generator was the bottleneck', () => {
    // Same req/s (k6-bound), but the router needed 4× the CPU: one core of it serves a quarter.
    const [throughput, cpu] = goals({ proxy: proxy(measured(5_000, 8, 0.8), measured(5_000, 2, 0.2)) });
    expect(throughput?.met).toBe(false);
    expect(throughput?.measured).toMatch(/^0\.25× \(per CPU core/);
    expect(cpu).toMatchObject({ met: false, margin: '100% over' });
  });

  it('prefers the wrk saturation runs when both proxies have them', () => {
    const result = proxy(measured(2_000, 4, 0.5), measured(2_000, 1, 0.12));
    const wrk = (rate: number, cpuS: number) => ({ ...measured(rate, cpuS, 0.95), p50Ms: 5 });
    Object.assign(result.targets[1] ?? {}, { wrkSaturation: wrk(6_000, 7.6) });
    Object.assign(result.targets[2] ?? {}, { wrkSaturation: wrk(12_000, 7.6) });
    const [throughput, cpu] = goals({ proxy: result });
    expect(throughput?.measured).toBe('0.50× (6,000 vs 12,000 req/s with wrk)');
    expect(cpu?.measured).toMatch(/^2\.00× .*wrk saturation runs/);
  });

  it('misses added p99 by the amount over 1 ms', () => {
    const added = goals({ proxy: proxy(measured(8_000, 10, 1), measured(10_000, 10, 1), 5) })[2];
    expect(added).toMatchObject({ met: false });
    expect(added?.margin).toBe('1.00 ms over');
  });

  it('added p99: falls back to a lower rate when k6 could not offer half of saturation even to the backend', () => {
    const result = proxy(measured(8_000, 10, 1), measured(10_000, 10, 1), 3.5);
    for (const t of result.targets) {
      const half = t.rates[1];
      if (half) Object.assign(half, { valid: false, invalidReason: '40 dropped iterations' });
    }
    const added = goals({ proxy: result })[2];
    expect(added?.met).toBe(true);
    expect(added?.measured).toMatch(/at 1,000 req\/s — half of saturation, 2,000 req\/s, k6 could not offer/);
  });

  it('added p99: an invalid router run is a miss when the backend alone sustained the rate', () => {
    const result = proxy(measured(8_000, 10, 1), measured(10_000, 10, 1));
    Object.assign(result.targets[1]?.rates[1] ?? {}, { valid: false, invalidReason: '900 dropped iterations' });
    expect(goals({ proxy: result })[2]).toMatchObject({ met: false, margin: 'the router could not sustain the rate' });
  });

  it('says what was not measured', () => {
    const all = goals({});
    expect(all.every((g) => g.met === undefined)).toBe(true);
  });

  it('database connections: met only when constant', () => {
    const run = (routers: number, connections: number) => ({
      routers,
      caches: 2,
      connections,
      transactionsPerS: 1,
      rowsReadPerS: 1,
      changesPerS: 20,
      windowS: 10,
    });
    expect(goals({ dbLoad: [run(1, 4), run(16, 4)] }).at(-1)?.met).toBe(true);
    expect(goals({ dbLoad: [run(1, 4), run(16, 18)] }).at(-1)).toMatchObject({ met: false, margin: 'varies 4–18' });
  });
});

describe('median', () => {
  it('is the middle value, or the mean of the two middle ones', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([12_166, 10_569])).toBe(11_367.5);
    expect(median([])).toBeNaN();
  });
});

describe('writeSummary', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('writes SUMMARY.md and the latency charts from the scenario files', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'summary-test-'));
    dirs.push(dir);
    const record = {
      scenario: 'proxy',
      quick: true,
      startedAt: '2026-11-23T16:15:00.000Z',
      seconds: 120,
      commit: 'abc1234',
      machine: { cpus: 2, model: 'test', loadAverage: '0.5 0.4 0.3', node: 'v24' },
      result: proxy(measured(8_000, 10, 1), measured(10_000, 10, 1)),
    };
    await writeFile(join(dir, 'proxy.json'), JSON.stringify(record));
    const file = await writeSummary(dir);
    const text = await readFile(file, 'utf8');
    expect(text).toContain('| proxy | **quick** | 2026-11-23 16:15:00 | 120 s | abc1234 |');
    expect(text).toContain('| router throughput ≥ 0.75× nginx at saturation | 0.80×');
    expect(text).toContain('![p99 latency vs offered rate](latency-p99.svg)');
    expect(text).toContain('| propagation p99 ≤ 100 ms | – | not measured |');
    expect(await readFile(join(dir, 'latency-p99.svg'), 'utf8')).toMatch(/^<svg /);
  });
});

import { Worker } from 'node:worker_threads';
import { Outcome } from '@switchyard/http1';
import { describe, expect, it } from 'vitest';
import { Decision } from './decisions.ts';
import { allocateSharedMetrics, SharedCounters, SharedMetricsReader } from './shared-metrics.ts';

describe('shared metrics', () => {
  it('folds every slot into totals by decision, status class, outcome and latency bucket', () => {
    const buffer = allocateSharedMetrics(2);
    const a = new SharedCounters(buffer, 0);
    const b = new SharedCounters(buffer, 1);
    a.request(Decision.instance, 200, 0.3);
    b.request(Decision.instance, 204, 3);
    b.request(Decision.noRoute, 404, 20_000);
    a.count(Outcome.connectFailed);
    const reader = new SharedMetricsReader(buffer);
    let totals = reader.fold();
    expect(totals.requests[Decision.instance]?.[1]).toBe(2);
    expect(totals.requests[Decision.noRoute]?.[3]).toBe(1);
    expect(totals.outcomes[Outcome.connectFailed]).toBe(1);
    expect(totals.buckets[0]).toBe(1);
    expect(totals.buckets.at(-1)).toBe(1);
    expect(totals.sumMs).toBeCloseTo(20_003.3, 1);
    a.request(Decision.instance, 500, 1);
    totals = reader.fold();
    expect(totals.requests[Decision.instance]?.[4]).toBe(1);
    expect(totals.requests[Decision.instance]?.[1]).toBe(2);
  });

  it('counts what other threads write', async () => {
    const buffer = allocateSharedMetrics(1);
    const source = `
      const { workerData } = require('node:worker_threads');
      const words = new Uint32Array(workerData);
      for (let i = 0; i < 100000; i++) Atomics.add(words, 0, 1);`;
    await Promise.all(
      [0, 1].map(
        () =>
          new Promise((resolve, reject) => {
            const worker = new Worker(source, { eval: true, workerData: buffer });
            worker.on('exit', resolve);
            worker.on('error', reject);
          }),
      ),
    );
    // Word 0 is requests{instance,1xx}.
    expect(new SharedMetricsReader(buffer).fold().requests[Decision.instance]?.[0]).toBe(200_000);
  });
});

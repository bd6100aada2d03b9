import { describe, expect, it } from 'vitest';
import { bucketDelta, bucketQuantileMs, parseBuckets } from './propagation-histogram.ts';

const metrics = (counts: number[]) =>
  [
    '# HELP switchyard_router_propagation_seconds Database commit to applied',
    '# TYPE switchyard_router_propagation_seconds histogram',
    `switchyard_router_propagation_seconds_bucket{le="0.01"} ${counts[0]}`,
    `switchyard_router_propagation_seconds_bucket{le="0.05"} ${counts[1]}`,
    `switchyard_router_propagation_seconds_bucket{le="0.1"} ${counts[2]}`,
    `switchyard_router_propagation_seconds_bucket{le="+Inf"} ${counts[3]}`,
    `switchyard_router_propagation_seconds_sum 1.5`,
    `switchyard_router_propagation_seconds_count ${counts[3]}`,
  ].join('\n');

describe('propagation histogram readout', () => {
  it("gives a run's quantiles from the difference of two scrapes, summed over routers", () => {
    const a = { before: parseBuckets(metrics([5, 5, 5, 5])), after: parseBuckets(metrics([55, 103, 105, 105])) };
    const b = { before: parseBuckets(metrics([0, 0, 0, 0])), after: parseBuckets(metrics([50, 95, 99, 100])) };
    const run = bucketDelta([a, b]);
    expect(run.get(Number.POSITIVE_INFINITY)).toBe(200);
    expect(bucketQuantileMs(run, 0.5)).toBe(10);
    expect(bucketQuantileMs(run, 0.99)).toBe(100);
    expect(bucketQuantileMs(run, 1)).toBe(Number.POSITIVE_INFINITY);
    expect(bucketQuantileMs(new Map(), 0.5)).toBeNaN();
  });
});

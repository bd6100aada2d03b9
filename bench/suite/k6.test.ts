import { describe, expect, it } from 'vitest';
import { fromSummary } from './k6.ts';

/** The part of k6's handleSummary data that the runner reads. */
function summary(values: { reqs: number; dropped?: number; failed?: number }) {
  return {
    metrics: {
      http_reqs: { values: { count: values.reqs, rate: values.reqs / 10 } },
      http_req_failed: { values: { rate: (values.failed ?? 0) / values.reqs, passes: values.failed ?? 0, fails: 0 } },
      http_req_duration: { values: { 'p(50)': 1.5, 'p(90)': 2.5, 'p(99)': 4.5, max: 9 } },
      ...(values.dropped === undefined ? {} : { dropped_iterations: { values: { count: values.dropped, rate: 0 } } }),
    },
  };
}

describe('fromSummary', () => {
  it('reads rate, latency percentiles and failures of a valid fixed-rate run', () => {
    const result = fromSummary(summary({ reqs: 10_000, failed: 3 }), { mode: 'rate', rate: 1_000 }, 10, 0);
    expect(result).toMatchObject({
      valid: true,
      offeredRate: 1_000,
      requests: 10_000,
      rate: 1_000,
      failed: 3,
      p50Ms: 1.5,
      p99Ms: 4.5,
      maxMs: 9,
    });
  });

  it('marks a fixed-rate run with dropped iterations invalid', () => {
    const result = fromSummary(summary({ reqs: 9_000, dropped: 12 }), { mode: 'rate', rate: 1_000 }, 10, 0);
    expect(result.valid).toBe(false);
    expect(result.invalidReason).toBe('12 dropped iterations');
  });

  it('does not apply the dropped-iterations rule to a closed-loop saturation run', () => {
    expect(fromSummary(summary({ reqs: 9_000 }), { mode: 'saturate', vus: 50 }, 10, 0).valid).toBe(true);
  });

  it('marks a run invalid when k6 failed', () => {
    const result = fromSummary(summary({ reqs: 10 }), { mode: 'saturate', vus: 50 }, 10, 99);
    expect(result).toMatchObject({ valid: false, invalidReason: 'k6 exited with 99' });
  });
});

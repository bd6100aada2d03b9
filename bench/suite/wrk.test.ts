import { describe, expect, it } from 'vitest';
import { parseWrk } from './wrk.ts';

// wrk 4.1.0's output with --latency (a real run's, trimmed of nothing).
const OUTPUT = `Running 8s test @ http://127.0.0.1:40001/
  1 threads and 50 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     6.21ms    1.95ms  41.20ms   88.12%
    Req/Sec     8.12k   512.33     9.01k    71.25%
  Latency Distribution
     50%    5.90ms
     75%    6.72ms
     90%    7.81ms
     99%   12.04ms
  64653 requests in 8.00s, 6.23MB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 4
Requests/sec:   8081.42
Transfer/sec:    797.41KB
`;

describe('parseWrk', () => {
  it('reads requests, rate, latency percentiles and failures', () => {
    expect(parseWrk(OUTPUT, 8)).toEqual({
      durationS: 8,
      requests: 64_653,
      rate: 8081.42,
      failed: 7,
      failures: 'read 2, timeout 1, non-2xx 4',
      p50Ms: 5.9,
      p99Ms: 12.04,
    });
  });

  it('converts microseconds and seconds', () => {
    const out = parseWrk(OUTPUT.replace('5.90ms', '812.00us').replace('12.04ms', '1.50s'), 8);
    expect(out.p50Ms).toBeCloseTo(0.812);
    expect(out.p99Ms).toBe(1500);
  });

  it('counts no failures when wrk reports none', () => {
    const clean = OUTPUT.replace(/ {2}Socket errors.*\n/, '').replace(/ {2}Non-2xx.*\n/, '');
    expect(parseWrk(clean, 8).failed).toBe(0);
    expect(parseWrk(clean, 8).failures).toBe('');
  });
});

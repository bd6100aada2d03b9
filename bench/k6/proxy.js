// HTTP load through one proxy (or the backend direct): GET / with a Host header drawn uniformly at
// random from HOSTS_FILE (a JSON array). Driven by bench/suite/k6.ts; every setting comes from __ENV.
//   MODE=rate       constant-arrival-rate at RATE req/s for DURATION (open model: latency at a
//                   fixed offered rate; dropped_iterations > 0 makes the run invalid)
//   MODE=saturate   constant-vus with VUS virtual users for DURATION (closed loop: the most it
//                   can push through, i.e. throughput at saturation)
// The summary (all metrics, p50/p90/p99) is written as JSON to SUMMARY_FILE.
import { SharedArray } from 'k6/data';
import http from 'k6/http';

const hosts = new SharedArray('hosts', () => JSON.parse(open(__ENV.HOSTS_FILE)));
const target = __ENV.TARGET;
const duration = __ENV.DURATION || '10s';
const rate = Number(__ENV.RATE || 1000);
const vus = Number(__ENV.VUS || 50);

// VUs an open-model run needs ≈ rate × latency; allocate generously up front so that allocating
// during the run does not perturb it (100 VUs absorb a 100 ms stall at 1,000 req/s), and cap so
// that a target that stays slow shows as dropped iterations.
const preAllocatedVUs = Math.max(100, Math.ceil(rate / 20));

export const options = {
  discardResponseBodies: true,
  summaryTrendStats: ['avg', 'min', 'med', 'max', 'p(50)', 'p(90)', 'p(99)'],
  scenarios: {
    load:
      __ENV.MODE === 'saturate'
        ? { executor: 'constant-vus', vus, duration }
        : {
            executor: 'constant-arrival-rate',
            rate,
            timeUnit: '1s',
            duration,
            preAllocatedVUs,
            maxVUs: preAllocatedVUs * 4,
          },
  },
};

export default function () {
  const host = hosts[Math.floor(Math.random() * hosts.length)];
  http.get(target, { headers: { Host: host } });
}

export function handleSummary(data) {
  return { [__ENV.SUMMARY_FILE]: JSON.stringify(data) };
}

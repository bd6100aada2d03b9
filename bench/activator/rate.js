// k6: GET / with one Host header at a constant arrival rate (open model), for bench/activator/run.ts.
// __ENV: TARGET (URL), HOST, RATE (req/s), DURATION, SUMMARY_FILE. A run with dropped_iterations > 0 is invalid.
import http from 'k6/http';

const rate = Number(__ENV.RATE || 200);
// Enough VUs for a one-second stall of the target before iterations are dropped (then the run is invalid).
const preAllocatedVUs = Math.max(20, Math.ceil(rate / 10));

export const options = {
  discardResponseBodies: true,
  summaryTrendStats: ['med', 'p(50)', 'p(90)', 'p(99)', 'max'],
  scenarios: {
    load: {
      executor: 'constant-arrival-rate',
      rate,
      timeUnit: '1s',
      duration: __ENV.DURATION || '10s',
      preAllocatedVUs,
      maxVUs: Math.max(preAllocatedVUs, rate),
    },
  },
};

export default function () {
  http.get(__ENV.TARGET, { headers: { Host: __ENV.HOST } });
}

export function handleSummary(data) {
  return { [__ENV.SUMMARY_FILE]: JSON.stringify(data) };
}

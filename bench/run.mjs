// `npm run bench`: the full harness (k6 vs nginx and HAProxy, propagation, cold start, failover,
// database load → bench/results/SUMMARY.md; docs/benchmarks.md). `npm run bench -- --quick`: its
// short version. `npm run bench -- <suite> [args…]`: one of the per-component suites below.
// Each suite is documented in docs/; the numbers quoted there come from these commands.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const suites = {
  'route-table': {
    what: 'route table micro-benchmarks: lookups at 2 M hostnames, bytes/hostname, build, delta (docs/route-table.md)',
    command: ['npm', 'run', 'bench', '-w', '@switchyard/route-table', '--'],
  },
  cache: {
    what: 'cache server: propagation p50/p99, 1 M-service snapshot streaming, DB connections vs clients (docs/cache-server.md)',
    command: ['npm', 'run', 'bench', '-w', '@switchyard/cache-server', '--'],
  },
  forward: {
    what: 'forwarding path vs the backend direct, wrk pinned with taskset (docs/forwarding.md; needs wrk)',
    command: ['bash', 'bench/forward/run.sh'],
  },
  engine: {
    what: 'the HTTP/1.1 engine vs nginx, HAProxy and node:http + undici, one core each: GET, POST 1 KiB/64 KiB, static 4 KiB, p99 at half load (docs/forwarding.md; needs bench/setup)',
    command: [process.execPath, '--conditions=source', 'bench/engine/run.ts'],
  },
  h2: {
    what: 'HTTP/2 to clients: the H2Server front vs nginx (ssl http2), h2load, CPU per request (docs/forwarding.md#http2; needs bench/setup)',
    command: ['bash', 'bench/h2/run.sh'],
  },
  'http1-differential': {
    what: "the engine's parsers vs llhttp on generated hostile input (--cases 100000 --seed N; docs/forwarding.md)",
    command: [process.execPath, '--conditions=source', 'bench/http1/differential.ts'],
  },
  router: {
    what: 'router end to end: throughput through 1/2 workers vs direct, cold start (docs/router.md; needs wrk)',
    command: [process.execPath, '--conditions=source', 'bench/router/run.ts'],
  },
  scale: {
    what: 'control plane at 1 M services (issue 14): cache load/snapshots/memory, router cold/warm start, RSS, state-dir stall, changelog reads; --before DIR for side-by-side (docs/benchmarks.md)',
    command: [process.execPath, '--conditions=source', '--max-old-space-size=8192', 'bench/scale/run.ts'],
  },
  certs: {
    what: 'router memory with 100,000 certificates and 1,000 SNI names in use; cache RSS, load time (--heap-snapshot; docs/tls.md)',
    command: [process.execPath, '--conditions=source', 'bench/certs/run.ts'],
  },
  static: {
    what: 'static files through the router vs nginx (bench/static/run.ts; needs bench/static/setup.sh)',
    command: [process.execPath, '--conditions=source', 'bench/static/run.ts'],
  },
  'idle-conns': {
    what: 'RSS per idle keep-alive connection of a router serving thread (--connections 10000; docs/forwarding.md)',
    command: [process.execPath, '--conditions=source', 'bench/idle-conns/run.ts'],
  },
  activator: {
    what: 'activator cold-start overhead and the extra hop at a fixed rate (bench/activator/run.ts; needs bench/setup)',
    command: [process.execPath, '--conditions=source', 'bench/activator/run.ts'],
  },
};
// A suite whose script is not in this checkout is not offered.
for (const [key, suite] of Object.entries(suites)) {
  const script = suite.command.find((part) => part.startsWith('bench/'));
  if (script && !existsSync(script)) delete suites[key];
}

const harness = [process.execPath, '--conditions=source', 'bench/suite/main.ts'];
const [name, ...args] = process.argv.slice(2);
if (name === undefined || (name.startsWith('--') && name !== '--help')) {
  // No suite named: the full harness, with its flags (--quick, --only, --profile, --services, --out).
  const result = spawnSync(harness[0], [...harness.slice(1), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(result.status ?? 1);
}
const suite = suites[name];
if (!suite) {
  const lines = Object.entries(suites).map(([key, s]) => `  ${key.padEnd(12)} ${s.what}`);
  const out = name === '--help' ? process.stdout : process.stderr;
  if (name !== '--help') out.write(`unknown suite "${name}"\n\n`);
  out.write(
    'Usage: npm run bench [-- --quick] [-- --only proxy,propagation,failover,db-load,cold-start] [-- --profile]\n' +
      '         the full harness (needs bench/setup): results and SUMMARY.md in bench/results/ (docs/benchmarks.md)\n' +
      `       npm run bench -- <suite> [args…]\n\nSuites:\n${lines.join('\n')}\n`,
  );
  process.exit(name === '--help' ? 0 : 2);
}
const [command, ...base] = suite.command;
const result = spawnSync(command, [...base, ...args], { stdio: 'inherit' });
process.exit(result.status ?? 1);

// `npm run bench -- <suite> [args…]`: one entry point for the benchmark suites under bench/.
// Each suite is documented in docs/; the numbers quoted there come from these commands.
import { spawnSync } from 'node:child_process';

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
  router: {
    what: 'router end to end: throughput through 1/2 workers vs direct, cold start (docs/router.md; needs wrk)',
    command: [process.execPath, '--conditions=source', 'bench/router/run.ts'],
  },
};

const [name, ...args] = process.argv.slice(2);
const suite = name === undefined ? undefined : suites[name];
if (!suite) {
  const lines = Object.entries(suites).map(([key, s]) => `  ${key.padEnd(12)} ${s.what}`);
  const out = name === undefined || name === '--help' ? process.stdout : process.stderr;
  if (name !== undefined && name !== '--help') out.write(`unknown suite "${name}"\n\n`);
  out.write(`Usage: npm run bench -- <suite> [args…]\n\nSuites:\n${lines.join('\n')}\n`);
  process.exit(name === undefined || name === '--help' ? 0 : 2);
}
const [command, ...base] = suite.command;
const result = spawnSync(command, [...base, ...args], { stdio: 'inherit' });
process.exit(result.status ?? 1);

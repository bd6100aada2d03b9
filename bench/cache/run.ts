// Cache-server benchmarks (not tests): `npm run bench -w @switchyard/cache-server -- [which] [--services N]`.
// which: propagation | snapshot | connections | all (default).
import { parseArgs } from 'node:util';
import { connections } from './connections.ts';
import { propagation } from './propagation.ts';
import { snapshot } from './snapshot.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    services: { type: 'string', default: '1000000' },
    seconds: { type: 'string', default: '10' },
  },
});
const which = positionals[0] ?? 'all';
const report: Record<string, unknown> = {};
if (which === 'all' || which === 'connections') {
  report.connections = await connections({ clients: [1, 10, 50] });
}
if (which === 'all' || which === 'propagation') {
  report.propagation = await propagation({ rates: [100, 1_000], seconds: Number(values.seconds), services: 10_000 });
}
if (which === 'all' || which === 'snapshot') {
  report.snapshot = await snapshot({ services: Number(values.services) });
}
console.log(JSON.stringify(report, null, 2));
process.exit(0);

// Differential run of the HTTP/1 engine's parsers against llhttp (node:http, strict mode):
//   npx node --conditions=source bench/http1/differential.ts --cases 100000 --seed 7
// `--cases N` request cases and N response cases (default 100,000 each), `--seed S` (default a
// fixed 1), `--concurrency C` connections in flight (default 32), `--verbose` for examples of what
// only we refuse and llhttp's errors on what both refuse. Prints the counts: accepted by
// both, rejected by both, rejected only by us (by HeadError), violations — which must be 0; the
// exit status is 1 when there is any. A violation is reproduced by its seed and index
// (libs/http1/test/differential/generate.ts). Loopback only.
import { parseArgs } from 'node:util';
import { formatSummary, runDifferential } from '../../libs/http1/test/differential/run.ts';

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '1' },
    concurrency: { type: 'string', default: '32' },
    verbose: { type: 'boolean', default: false },
  },
});
const cases = Number(values.cases);
const seed = Number(values.seed);
const concurrency = Number(values.concurrency);
if (!Number.isSafeInteger(cases) || cases < 1 || !Number.isSafeInteger(seed) || !(concurrency >= 1)) {
  process.stderr.write('usage: differential.ts [--cases N] [--seed S] [--concurrency C]\n');
  process.exit(2);
}

const started = performance.now();
const summary = await runDifferential({
  seed,
  requests: cases,
  responses: cases,
  concurrency,
  progress: (done, total) => process.stderr.write(`\r${done}/${total}`),
});
process.stderr.write('\n');
process.stdout.write(`${formatSummary(summary, values.verbose)}\n`);
process.stdout.write(`${((performance.now() - started) / 1000).toFixed(1)} s\n`);
process.exit(summary.requests.violations + summary.responses.violations === 0 ? 0 : 1);

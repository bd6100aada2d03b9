// CI smoke of the k6 script (`.ci/run`): 10 s of bench/k6/proxy.js at a low constant arrival rate
// against the benchmark backend, through the same runner and summary parsing as `npm run bench`.
// No performance assertion: it fails only if k6 cannot run the script, writes no usable summary,
// or requests fail — so that the scripts cannot rot unnoticed. (Dropped iterations on a busy CI
// machine are reported, not failed: they would make a measurement invalid, not the script wrong.)
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBackend, writeHostsFile } from './fleet.ts';
import { runK6 } from './k6.ts';
import { killAllStarted } from './processes.ts';

const dir = await mkdtemp(join(tmpdir(), 'switchyard-k6-smoke-'));
let code = 1;
try {
  const backend = await startBackend(undefined);
  const hostsFile = join(dir, 'hosts.json');
  await writeHostsFile(hostsFile, ['a.smoke.localhost', 'b.smoke.localhost']);
  const result = await runK6({ target: backend.url, hostsFile, load: { mode: 'rate', rate: 200 }, durationS: 10 });
  console.log(JSON.stringify(result));
  if (result.requests === 0 || (!result.valid && result.droppedIterations === 0)) {
    console.error(`k6 smoke: the script did not run (${result.invalidReason})`);
  } else if (result.failed > 0) console.error(`k6 smoke: ${result.failed} failed requests`);
  else {
    const note = result.valid ? '' : ` (${result.invalidReason}: as a measurement this would be invalid)`;
    console.log(`k6 smoke: ${result.requests} requests, p99 ${result.p99Ms.toFixed(2)} ms${note}; not a measurement`);
    code = 0;
  }
  await backend.stop();
} finally {
  killAllStarted();
  await rm(dir, { recursive: true, force: true });
}
process.exit(code);

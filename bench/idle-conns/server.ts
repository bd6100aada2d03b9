// The measured process of `npm run bench -- idle-conns`: one router serving thread (the real
// worker.ts, started by the router's Supervisor) on an empty route table, with nothing else — no
// sync client, no admin server — so that the process's RSS moves only with the serving thread's
// connections. Driven over IPC by run.ts: { op: 'rss' } → { rss, open } (open: connections the
// thread serves, from the shared metrics).
import { readFileSync } from 'node:fs';
import { Supervisor, TableKeeper } from '@switchyard/router';
import { createLogger } from '@switchyard/telemetry';
import { allocateSharedMetrics, SharedMetricsReader } from '../../apps/router/src/shared-metrics.ts';

const maxConnections = Number(process.argv[2] ?? 20_000);
const logger = createLogger('idle-conns', { level: 'warn' });
const keeper = new TableKeeper({ logger, onHandle: () => {}, onChange: () => {} });
const metrics = allocateSharedMetrics(1);
const reader = new SharedMetricsReader(metrics);
const supervisor = new Supervisor({
  workers: 1,
  host: '127.0.0.1',
  port: 0,
  handle: keeper.handle,
  metrics,
  activator: undefined,
  instanceCooldownMs: 10_000,
  maxConnections,
  logger,
});
await supervisor.start();

/** VmRSS of this process (all threads), bytes. */
function rss(): number {
  const line = readFileSync('/proc/self/status', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return Number(/(\d+)/.exec(line ?? '')?.[1] ?? 0) * 1024;
}

process.on('message', (message: { op: string }) => {
  if (message.op === 'rss') {
    process.send?.({ rss: rss(), open: reader.fold().openConnections });
  } else if (message.op === 'stop') {
    void supervisor.drain(100).then(() => process.exit(0));
  }
});
process.send?.({ port: supervisor.port });

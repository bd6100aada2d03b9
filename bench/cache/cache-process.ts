// A cache server in a process of its own, so that its memory can be measured alone.
// argv[2]: JSON CacheServerConfig fields. Prints one JSON line with its addresses once ready;
// answers "stats" on stdin with its peak and current RSS; exits on SIGTERM or stdin end.
import { createInterface } from 'node:readline';
import { startCacheServer, tuneCacheProcessGc, withDefaults } from '@switchyard/cache-server';
import { createLogger } from '@switchyard/telemetry';

const overrides = JSON.parse(process.argv[2] ?? '{}');
tuneCacheProcessGc(); // as `switchyard cache` does
const startedAt = performance.now();
const server = await startCacheServer(withDefaults(overrides), {
  logger: createLogger('cache-server', { destination: process.stderr, level: 'info' }),
});
await server.ready;
const out = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`);
out({ grpc: server.grpcAddress, admin: server.adminAddress, readyMs: Math.round(performance.now() - startedAt) });

const stop = async () => {
  await server.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  if (line.trim() === 'stats') {
    (globalThis as { gc?: () => void }).gc?.();
    const memory = process.memoryUsage();
    out({ maxRssBytes: process.resourceUsage().maxRSS * 1024, rssBytes: memory.rss, heapUsedBytes: memory.heapUsed });
  }
});
lines.on('close', stop);

/**
 * Object-store micro-benchmark: what one store call costs, per backend, on this machine.
 *   cd libs/object-store && npx node --conditions=source bench/store.ts [--seconds 5] [--concurrency 16]
 * Filesystem (a temp dir) and S3 (versitygw on loopback, started here). For each: head and getBytes
 * of a 4 KiB object, a streamed get of a 1 MiB object, and a 4 KiB put; calls/s with `concurrency`
 * calls in flight, and p50/p99 latency. Not a test: figures for docs/static-sites.md.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type ObjectStore, openObjectStore, siteKey } from '../src/index.ts';
import { startS3Server } from '../src/testing/index.ts';

const { values } = parseArgs({
  options: { seconds: { type: 'string', default: '5' }, concurrency: { type: 'string', default: '16' } },
});
const seconds = Number(values.seconds);
const concurrency = Number(values.concurrency);

async function measure(name: string, op: (i: number) => Promise<unknown>): Promise<void> {
  const latencies: number[] = [];
  const end = performance.now() + seconds * 1000;
  let i = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const start = performance.now();
        await op(i++);
        latencies.push(performance.now() - start);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const pct = (p: number) =>
    (latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0).toFixed(2);
  console.log(
    `  ${name.padEnd(22)} ${String(Math.round(latencies.length / seconds)).padStart(7)} calls/s   p50 ${pct(0.5)} ms   p99 ${pct(0.99)} ms`,
  );
}

async function drain(body: NodeJS.ReadableStream): Promise<void> {
  for await (const _ of body) {
    // discard
  }
}

async function bench(label: string, store: ObjectStore): Promise<void> {
  console.log(`${label} (concurrency ${concurrency}, ${seconds} s each)`);
  const small = siteKey('bench', 'b1', 'small.html');
  const large = siteKey('bench', 'b1', 'large.bin');
  await store.put(small, Buffer.alloc(4096, 120));
  await store.put(large, Buffer.alloc(1024 * 1024, 121));
  await measure('head 4 KiB', () => store.head(small));
  await measure('getBytes 4 KiB', () => store.getBytes(small));
  await measure('get 1 MiB (streamed)', async () => drain((await store.get(large))?.body as NodeJS.ReadableStream));
  await measure('put 4 KiB', (i) => store.put(siteKey('bench', 'b2', `f${i % 1000}.html`), Buffer.alloc(4096, 122)));
  await store.close();
}

const root = await mkdtemp(join(tmpdir(), 'store-bench-'));
try {
  await bench('filesystem', openObjectStore(root));
} finally {
  await rm(root, { recursive: true, force: true });
}
const server = await startS3Server();
try {
  await bench('S3 (versitygw, loopback)', openObjectStore(server.url, server.options));
} finally {
  await server.stop();
}

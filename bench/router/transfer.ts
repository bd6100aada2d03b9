// What handing a snapshot to the ingest pool costs the main thread: structured clone of decoded
// services vs the encoded ServiceBatch bytes (what the router sends), and the decode it avoids.
// Usage: npx node --conditions=source bench/router/transfer.ts [N]

import { serialize } from 'node:v8';
import { MessageChannel } from 'node:worker_threads';
import { type Service, v1 } from '@switchyard/proto';

const N = Number(process.argv[2] ?? 100_000);
const BATCH = 1000;
const services: Service[] = Array.from({ length: N }, (_, n) => ({
  id: `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`,
  kind: 1,
  plan: 2,
  state: 1,
  version: n + 1,
  hostnames: [`svc-${n}.example.com`, `www.svc-${n}.example.com`],
  instances: [{ host: `10.0.${(n >> 8) & 255}.${n & 255}`, port: 8080, ready: true }],
}));
const encoded: Uint8Array[] = [];
for (let i = 0; i < N; i += BATCH) {
  encoded.push(v1.WatchEvent.encode({ serviceBatch: { services: services.slice(i, i + BATCH) } }).finish());
}
const bytes = encoded.reduce((n, b) => n + b.byteLength, 0);

function time(label: string, fn: () => void): void {
  const started = performance.now();
  fn();
  process.stdout.write(`${label}: ${Math.round(performance.now() - started)} ms\n`);
}

let decoded: Service[] = [];
time(`decode ${encoded.length} batches (${(bytes / 1e6).toFixed(1)} MB) on this thread`, () => {
  decoded = encoded.flatMap((b) => v1.WatchEvent.decode(b).serviceBatch?.services ?? []);
});
time(`structured clone (v8.serialize) of ${decoded.length} decoded services`, () => serialize(decoded));
time('structured clone of the encoded batches', () => serialize(encoded));
const { port1, port2 } = new MessageChannel();
time('postMessage of the decoded services (sender side)', () => port1.postMessage(decoded));
time('postMessage of the encoded batches (sender side)', () => port1.postMessage(encoded));
port1.close();
port2.close();

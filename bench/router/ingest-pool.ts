// Snapshot ingest in the router's ingest pool, without processes or sockets: N seeded services
// encoded as the cache sends them (ServiceBatch events of ~256 KiB), fed to the pool as the sync
// client does, and the time from the first batch to the built table. Also the single-thread
// costs of decoding alone and of decode + index, for a profile's context.
// Usage: npx node --conditions=source bench/router/ingest-pool.ts [services=100000] [threads=2]
import { type Service, v1 } from '@switchyard/proto';
import { RouteTableWriter } from '@switchyard/route-table';
import { decodeServiceBatch, sizingFor, upsertServices } from '../../apps/router/src/ingest.ts';
import { IngestPool } from '../../apps/router/src/ingest-pool.ts';
import { seededRecord } from './seeded-records.ts';

const N = Number(process.argv[2] ?? 100_000);
const THREADS = Number(process.argv[3] ?? 2);
const BATCH_BYTES = 256 * 1024;

function encodedBatches(): Uint8Array[] {
  const out: Uint8Array[] = [];
  let batch: Service[] = [];
  let bytes = 0;
  for (let i = 0; i < N; i++) {
    const service = seededRecord(i);
    batch.push(service);
    bytes += v1.Service.encode(service).finish().length + 4;
    if (bytes >= BATCH_BYTES || i === N - 1) {
      out.push(v1.WatchEvent.encode({ serviceBatch: { services: batch } }).finish());
      batch = [];
      bytes = 0;
    }
  }
  return out;
}

const ms = (t: number) => Math.round(performance.now() - t);
const batches = encodedBatches();
const mb = batches.reduce((n, b) => n + b.byteLength, 0) / 1e6;
console.log(`${N} services, ${batches.length} batches, ${mb.toFixed(1)} MB`);

const SKIP_SINGLE = process.env.SKIP_SINGLE === '1';
let t = performance.now();
let decoded = 0;
if (!SKIP_SINGLE) for (const bytes of batches) decoded += decodeServiceBatch(bytes).length;
if (!SKIP_SINGLE) console.log(`decode only, this thread: ${ms(t)} ms (${decoded} services)`);

t = performance.now();
let writer: RouteTableWriter | undefined;
for (const bytes of SKIP_SINGLE ? [] : batches) {
  const services = decodeServiceBatch(bytes);
  writer ??= RouteTableWriter.create(sizingFor(services, N));
  upsertServices(writer, services);
}
if (!SKIP_SINGLE) console.log(`decode + index, this thread: ${ms(t)} ms (${writer?.stats().hostnames} hostnames)`);
writer = undefined;

const pool = new IngestPool(THREADS);
for (let round = 0; round < 3; round++) {
  t = performance.now();
  const cpu = process.cpuUsage();
  const job = pool.start(N);
  for (const bytes of batches) job.add(bytes);
  const fed = ms(t);
  const result = await job.end();
  const adopted = RouteTableWriter.adopt(result.handle);
  const used = process.cpuUsage(cpu);
  console.log(
    `pool (${THREADS} threads), round ${round + 1}: ${ms(t)} ms to the table (fed in ${fed} ms), ` +
      `CPU (all threads) ${Math.round(used.user / 1000)} ms user + ${Math.round(used.system / 1000)} ms system, ` +
      `${adopted.stats().services} services, ${adopted.stats().hostnames} hostnames`,
  );
}
const rss = () => `${Math.round(process.memoryUsage().rss / 2 ** 20)} MiB`;
console.log(`RSS with the pool's threads idle: ${rss()}`);
await pool.close();
await new Promise((r) => setTimeout(r, 500));
console.log(`RSS once they have gone: ${rss()}`);

// Main-thread ingest cost at N services, without processes or sockets: building the table from
// decoded records (what a snapshot from a cache costs after gRPC decoding), writing the state-dir
// table (from a worker; the main thread's longest event-loop stall meanwhile), and reading it back
// into SharedArrayBuffers.
// Usage: npx node --conditions=source --expose-gc bench/router/ingest.ts [services=100000]
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Service } from '@switchyard/proto';
import { imageByteLength } from '@switchyard/route-table';
import { silentLogger } from '@switchyard/telemetry';
import { SnapshotStore } from '../../apps/router/src/snapshot-store.ts';
import { TableKeeper } from '../../apps/router/src/table-keeper.ts';
import { seededRecord } from './seeded-records.ts';

const N = Number(process.argv[2] ?? 100_000);
const services: Service[] = Array.from({ length: N }, (_, i) => seededRecord(i));
const ms = (t: number) => Math.round(performance.now() - t);
const keeper = new TableKeeper({ logger: silentLogger(), onHandle: () => {}, onChange: () => {} });

let t = performance.now();
keeper.beginSnapshot(1000, N);
for (let i = 0; i < N; i += 1000) keeper.addBatch(services.slice(i, i + 1000));
keeper.endSnapshot(1000);
console.log(
  `snapshot ingest (table build from decoded records): ${ms(t)} ms for ${N} services (${keeper.rejected} rejected, generation ${keeper.state().generation})`,
);

// A router keeps no decoded records: drop them, so that the bench's own heap does not stall its event loop.
services.length = 0;
(globalThis as { gc?: () => void }).gc?.();

const dir = await mkdtemp(join(tmpdir(), 'router-ingest-'));
try {
  const store = new SnapshotStore(dir, 'bench');
  const stalls = monitorEventLoopDelay({ resolution: 10 });
  stalls.enable();
  t = performance.now();
  const written = await store.write(() => keeper.hold(), imageByteLength(keeper.handle));
  stalls.disable();
  console.log(
    `state-dir write: ${ms(t)} ms, ${(written.bytes / 1e6).toFixed(1)} MB (table held ${Math.round(written.heldMs)} ms, worker copy ${Math.round(written.copyMs)} ms, checksum+write+fsync ${Math.round(written.writeMs)} ms); main-thread event loop delay max ${(stalls.max / 1e6).toFixed(1)} ms`,
  );
  t = performance.now();
  const loaded = await store.read();
  const readMs = ms(t);
  t = performance.now();
  if (loaded) keeper.loadImage(loaded.handle, loaded.version, loaded.commitTimeMs);
  console.log(
    `state-dir read (into SharedArrayBuffers, checksum verified): ${readMs} ms; adopt: ${ms(t)} ms; ${keeper.state().services} services`,
  );
  await store.close();
} finally {
  await rm(dir, { recursive: true, force: true });
}
const memory = process.memoryUsage();
console.log(`heap used ${(memory.heapUsed / 1e6).toFixed(0)} MB, rss ${(memory.rss / 1e6).toFixed(0)} MB`);

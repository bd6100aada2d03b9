// A worker that indexes its share of a snapshot's batches into a table shared with other
// builders, as one thread of the router's ingest pool does. Runs as TypeScript directly.
import { parentPort, workerData } from 'node:worker_threads';
import { type BatchOutcome, type ServiceRecord, SharedBuilder, type TableHandle } from '../src/index.ts';

const port = parentPort;
if (!port) throw new Error('shared-build-worker must run as a worker thread');
const { handle, batches, start } = workerData as {
  handle: TableHandle;
  batches: ServiceRecord[][];
  /** Waits until every builder is ready, so that they really run at once. */
  start: SharedArrayBuffer;
};
const builder = new SharedBuilder(handle);
const gate = new Int32Array(start);
Atomics.add(gate, 1, 1);
Atomics.wait(gate, 0, 0);
const outcomes: BatchOutcome[] = batches.map((batch) => builder.addBatch(batch));
port.postMessage({ counters: builder.counters, outcomes });

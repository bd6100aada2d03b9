// The ingest pool's task (a piscina worker module): one of the threads that index a snapshot in
// parallel. It decodes the encoded ServiceBatch events the main thread deals it (round-robin, as
// they arrive) and indexes them into the snapshot's fresh table, shared with the other threads
// (`SharedBuilder`: each batch claims its arena bytes and slots with compare-and-swap). At
// SnapshotEnd it returns its counters and what the table could not take in parallel; the main
// thread sums the counters, adopts the table and applies the rest in stream order.
import type { MessagePort } from 'node:worker_threads';
import { type BuildCounters, SharedBuilder, type TableHandle } from '@switchyard/route-table';
import { decodeServiceBatch, encodeServiceBatch, type Rejection, toTableRecord } from './ingest.ts';
import { ThreadProfile } from './thread-profile.ts';

/** One ServiceBatch event, and its position among the snapshot's batches. */
export interface IngestBatch {
  readonly seq: number;
  readonly bytes: Uint8Array;
}

export interface IngestTask {
  /**
   * Carries this thread's IngestBatches in stream order, then `null` at SnapshotEnd. Closed by the
   * main thread without `null`: the snapshot was abandoned.
   */
  readonly port: MessagePort;
  /** The fresh table every thread of this snapshot fills. */
  readonly handle: TableHandle;
}

export interface IngestResult {
  readonly counters: BuildCounters;
  readonly rejected: Rejection[];
  /**
   * Services to apply after the build, in `seq` order: batches the table had no room for, and
   * records that met a duplicate id or hostname (encoded ServiceBatch events).
   */
  readonly later: IngestBatch[];
}

/** Starts a thread ahead of a snapshot (its modules loaded); does nothing else. */
export interface WarmUpTask {
  readonly warmUp: true;
}

export default function ingestSnapshot(task: IngestTask | WarmUpTask): Promise<IngestResult | undefined> {
  if ('warmUp' in task) return Promise.resolve(undefined);
  const { port, handle } = task;
  const builder = new SharedBuilder(handle);
  const rejected: Rejection[] = [];
  const later: IngestBatch[] = [];
  // Benchmarks: SWITCHYARD_THREAD_PROFILE_DIR profiles this thread for the snapshot.
  const profile = ThreadProfile.fromEnvironment();
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (error: Error | undefined) => {
      if (settled) return;
      settled = true;
      port.close();
      const done = () => (error ? reject(error) : resolve({ counters: builder.counters, rejected, later }));
      if (profile === undefined) done();
      else void profile.stop().then(done);
    };
    port.on('message', (batch: IngestBatch | null) => {
      if (settled) return;
      if (batch === null) {
        finish(undefined);
        return;
      }
      try {
        const services = decodeServiceBatch(batch.bytes);
        const outcome = builder.addBatch(services.map(toTableRecord));
        if (!outcome.fitted) {
          later.push(batch);
          return;
        }
        for (const { index, reason } of outcome.rejected) {
          rejected.push({ serviceId: services[index]?.id ?? '', reason });
        }
        if (outcome.deferred.length > 0) {
          const deferred = outcome.deferred.map((i) => services[i] as (typeof services)[number]);
          later.push({ seq: batch.seq, bytes: encodeServiceBatch(deferred) });
        }
      } catch (error) {
        finish(error as Error);
      }
    });
    port.on('close', () => finish(new Error('snapshot abandoned')));
  });
}

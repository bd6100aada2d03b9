// The ingest pool's task (a piscina worker module): decodes a snapshot's encoded ServiceBatch
// events as they arrive on a MessagePort and indexes them into a fresh route table, off the main
// thread and while the rest of the snapshot is still streaming in. The table's
// SharedArrayBuffers go back in the result without being copied; the main thread adopts them.
import type { MessagePort } from 'node:worker_threads';
import { RouteTableWriter, type TableHandle } from '@switchyard/route-table';
import { decodeServiceBatch, type Rejection, sizingFor, upsertServices } from './ingest.ts';

export interface IngestTask {
  /**
   * Carries encoded WatchEvents (each with one ServiceBatch) in stream order, then `null` at
   * SnapshotEnd. Closed by the main thread without `null`: the snapshot was abandoned.
   */
  readonly port: MessagePort;
  /** Services announced by SnapshotStart (sizing). */
  readonly total: number;
}

export interface IngestResult {
  readonly handle: TableHandle;
  readonly rejected: Rejection[];
}

export default function ingestSnapshot(task: IngestTask): Promise<IngestResult> {
  const { port, total } = task;
  let writer: RouteTableWriter | undefined;
  const rejected: Rejection[] = [];
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (error: Error | undefined) => {
      if (settled) return;
      settled = true;
      port.close();
      if (error) reject(error);
      else resolve({ handle: (writer ?? RouteTableWriter.create()).handle, rejected });
    };
    port.on('message', (bytes: Uint8Array | null) => {
      if (settled) return;
      if (bytes === null) {
        finish(undefined);
        return;
      }
      try {
        const services = decodeServiceBatch(bytes);
        writer ??= RouteTableWriter.create(sizingFor(services, total));
        for (const rejection of upsertServices(writer, services)) rejected.push(rejection);
      } catch (error) {
        finish(error as Error);
      }
    });
    port.on('close', () => finish(new Error('snapshot abandoned')));
  });
}

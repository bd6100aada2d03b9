// The ingest pool's task (a piscina worker module): decodes a snapshot's encoded ServiceBatch
// events and indexes them into a fresh route table, off the main thread. The table's
// SharedArrayBuffers go back in the result without being copied; the main thread adopts them.
import { RouteTableWriter, type TableHandle } from '@switchyard/route-table';
import { decodeServiceBatch, type Rejection, sizingFor, upsertServices } from './ingest.ts';

export interface IngestTask {
  /** Encoded WatchEvents, each carrying one ServiceBatch, in stream order. */
  readonly batches: readonly Uint8Array[];
  /** Services announced by SnapshotStart (sizing). */
  readonly total: number;
}

export interface IngestResult {
  readonly handle: TableHandle;
  readonly rejected: Rejection[];
}

export default function ingestSnapshot(task: IngestTask): IngestResult {
  let writer: RouteTableWriter | undefined;
  const rejected: Rejection[] = [];
  for (const bytes of task.batches) {
    const services = decodeServiceBatch(bytes);
    writer ??= RouteTableWriter.create(sizingFor(services, task.total));
    for (const rejection of upsertServices(writer, services)) rejected.push(rejection);
  }
  writer ??= RouteTableWriter.create();
  return { handle: writer.handle, rejected };
}

// A worker that builds a table from the records it is given and posts the table's handle back,
// as the router's ingest pool does. Runs as TypeScript directly (Node's type stripping).
import { parentPort, workerData } from 'node:worker_threads';
import { RouteTableWriter, type ServiceRecord } from '../src/index.ts';

const port = parentPort;
if (!port) throw new Error('build-worker must run as a worker thread');
const { records, removedIds } = workerData as { records: ServiceRecord[]; removedIds: string[] };
const writer = RouteTableWriter.fromSnapshot(records);
writer.apply({ removedIds });
port.postMessage({ handle: writer.handle, stats: writer.stats() });

// The state-dir image reader's thread: reads `DIR/routes.table` into fresh SharedArrayBuffers and
// checks it (table-file.ts), then posts the table (the buffers are shared, not copied) or why it
// cannot be used, and exits. It runs beside the main thread's own start-up (module loading, the
// serving threads), which a read on the main thread could not: see preload.ts.
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { SnapshotFileError } from './errors.ts';
import type { ImageReaderReply } from './preload.ts';
import { readTableFile, TABLE_FILE_NAME } from './table-file.ts';

const { dir } = workerData as { dir: string };
let reply: ImageReaderReply;
try {
  reply = { table: (await readTableFile(join(dir, TABLE_FILE_NAME), undefined)) ?? null };
} catch (error) {
  reply = { error: (error as Error).message, fileError: error instanceof SnapshotFileError };
}
parentPort?.postMessage(reply);

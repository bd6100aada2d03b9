// N Watch clients asking a cache for a full snapshot at once, without decoding it: each counts
// bytes and stops at SnapshotEnd (recognised by the WatchEvent's first byte), so the figure is the
// cache's sending, not the benchmark's decoding. The clients are spread over worker threads (2 by
// default): in one thread, 16 grpc-js clients took 5.4-6.3 CPU s for 16 x 179 MB, more than the
// cache's send, so one client thread was what the figure measured.
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { credentials, Metadata, makeGenericClientConstructor } from '@grpc/grpc-js';
import { v1 } from '@switchyard/proto';
import { REGION } from '../cache/harness.ts';

/** The router's receive window for its Watch stream (apps/router/src/sync-client.ts). */
const SNAPSHOT_FLOW_CONTROL_WINDOW = 8 * 1024 * 1024;

/** WatchEvent.snapshot_end: field 3, length-delimited. */
const SNAPSHOT_END_TAG = (3 << 3) | 2;

const RawCache = makeGenericClientConstructor(
  {
    watch: {
      path: '/switchyard.routing.v1.RouteCache/Watch',
      requestStream: false,
      responseStream: true,
      requestSerialize: (request: object) => Buffer.from(v1.WatchRequest.encode(request).finish()),
      requestDeserialize: (bytes: Buffer) => bytes,
      responseSerialize: (bytes: Buffer) => bytes,
      responseDeserialize: (bytes: Buffer) => bytes,
    },
  },
  'RouteCache',
);

export interface SnapshotRun {
  clients: number;
  /** First request → the last client's SnapshotEnd. */
  seconds: number;
  bytesPerClient: number;
  /** The cache's CPU time (user + system) over the run. */
  cacheCpuSeconds: number;
  /** The clients' CPU time (this process, user + system) over the run: they share the machine with the cache. */
  clientCpuSeconds: number;
}

/** Client `first` … `first + count - 1` in this thread; resolves with the bytes each received. */
async function runClients(address: string, first: number, count: number): Promise<number[]> {
  const bytes: number[] = [];
  await Promise.all(
    Array.from({ length: count }, (_, k) => {
      const i = first + k;
      const client = new RawCache(address, credentials.createInsecure(), {
        'grpc.max_receive_message_length': 8 * 1024 * 1024,
        // As the router's sync client: a 64 KiB HTTP/2 window held a 179 MB snapshot to a window update per 32 KiB.
        'grpc-node.flow_control_window': SNAPSHOT_FLOW_CONTROL_WINDOW,
      }) as unknown as {
        watch(request: object, metadata: Metadata): NodeJS.ReadableStream & { cancel(): void };
        close(): void;
      };
      return new Promise<void>((resolve, reject) => {
        let received = 0;
        const stream = client.watch({ region: REGION, clientId: `scale-${i}`, fromVersion: 0 }, new Metadata());
        stream.on('data', (event: Buffer) => {
          received += event.length;
          if (event[0] === SNAPSHOT_END_TAG) {
            bytes.push(received);
            stream.cancel();
            client.close();
            resolve();
          }
        });
        stream.on('error', (error: { code?: number }) => {
          if (error.code !== 1) reject(error); // 1 = CANCELLED, ours
        });
      });
    }),
  );
  return bytes;
}

interface ClientsJob {
  snapshotClients: true;
  address: string;
  first: number;
  count: number;
}

if (!isMainThread && (workerData as ClientsJob | undefined)?.snapshotClients) {
  const job = workerData as ClientsJob;
  const port = parentPort;
  port?.once('message', async () => {
    port.postMessage(await runClients(job.address, job.first, job.count));
  });
  port?.postMessage('ready');
}

/** `clients` clients over `threads` worker threads, started together once every thread is ready. */
export async function snapshotToClients(
  address: string,
  clients: number,
  cacheCpu: () => number,
  threads = 2,
): Promise<SnapshotRun> {
  const n = Math.max(1, Math.min(threads, clients));
  const workers = Array.from({ length: n }, (_, t) => {
    const first = Math.floor((t * clients) / n);
    const count = Math.floor(((t + 1) * clients) / n) - first;
    return new Worker(new URL(import.meta.url), {
      workerData: { snapshotClients: true, address, first, count } satisfies ClientsJob,
    });
  });
  await Promise.all(workers.map((w) => new Promise((resolve) => w.once('message', resolve))));
  const cpuBefore = cacheCpu();
  const clientCpuBefore = process.cpuUsage(); // every thread of this process
  const started = performance.now();
  const results = await Promise.all(
    workers.map(
      (w) =>
        new Promise<number[]>((resolve, reject) => {
          w.once('message', resolve);
          w.once('error', reject);
          w.postMessage('go');
        }),
    ),
  );
  const seconds = (performance.now() - started) / 1000;
  const cacheCpuSeconds = cacheCpu() - cpuBefore;
  const clientCpuSeconds = (({ user, system }) => (user + system) / 1e6)(process.cpuUsage(clientCpuBefore));
  await Promise.all(workers.map((w) => w.terminate()));
  const bytes = results.flat();
  return {
    clients,
    seconds,
    bytesPerClient: Math.round(bytes.reduce((a, b) => a + b, 0) / bytes.length),
    cacheCpuSeconds,
    clientCpuSeconds,
  };
}

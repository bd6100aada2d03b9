// N Watch clients asking a cache for a full snapshot at once, without decoding it: each counts
// bytes and stops at SnapshotEnd (recognised by the WatchEvent's first byte), so the figure is the
// cache's sending, not the benchmark's decoding. The clients are spread over worker threads (2 by
// default): in one thread, 16 grpc-js clients took 5.4-6.3 CPU s for 16 x 179 MB, more than the
// cache's send, so one client thread was what the figure measured. By default each client is a bare
// HTTP/2 stream that follows the gRPC message prefixes without assembling a message: 16 x 179 MB took
// 2.5-2.8 CPU s of client threads against 4.8-4.9 CPU s with grpc-js clients (2026-12-03, same cache,
// 2 threads), CPU that the cache's send shares the 2 cores with (`--grpc-clients` in run.ts: grpc-js).
import { connect, constants } from 'node:http2';
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
function runClients(address: string, first: number, count: number, raw: boolean): Promise<number[]> {
  const watch = raw ? rawWatch : grpcWatch;
  return Promise.all(Array.from({ length: count }, (_, k) => watch(address, `scale-${first + k}`)));
}

/** One snapshot through a grpc-js client (the router's stack); resolves with the bytes received. */
function grpcWatch(address: string, clientId: string): Promise<number> {
  const client = new RawCache(address, credentials.createInsecure(), {
    'grpc.max_receive_message_length': 8 * 1024 * 1024,
    // As the router's sync client: a 64 KiB HTTP/2 window held a 179 MB snapshot to a window update per 32 KiB.
    'grpc-node.flow_control_window': SNAPSHOT_FLOW_CONTROL_WINDOW,
  }) as unknown as {
    watch(request: object, metadata: Metadata): NodeJS.ReadableStream & { cancel(): void };
    close(): void;
  };
  return new Promise<number>((resolve, reject) => {
    let received = 0;
    const stream = client.watch({ region: REGION, clientId, fromVersion: 0 }, new Metadata());
    stream.on('data', (event: Buffer) => {
      received += event.length;
      if (event[0] === SNAPSHOT_END_TAG) {
        stream.cancel();
        client.close();
        resolve(received);
      }
    });
    stream.on('error', (error: { code?: number }) => {
      if (error.code !== 1) reject(error); // 1 = CANCELLED, ours
    });
  });
}

/**
 * One snapshot over a bare HTTP/2 stream: the gRPC messages' 5-byte prefixes are followed through the
 * DATA chunks as they come, and no message is ever assembled — the least a client can spend.
 */
function rawWatch(address: string, clientId: string): Promise<number> {
  const session = connect(`http://${address}`, { settings: { initialWindowSize: SNAPSHOT_FLOW_CONTROL_WINDOW } });
  session.on('connect', () => session.setLocalWindowSize(SNAPSHOT_FLOW_CONTROL_WINDOW));
  const request = v1.WatchRequest.encode({ region: REGION, clientId, fromVersion: 0 }).finish();
  const frame = Buffer.alloc(5 + request.length);
  frame.writeUInt32BE(request.length, 1);
  frame.set(request, 5);
  return new Promise<number>((resolve, reject) => {
    const stream = session.request({
      ':method': 'POST',
      ':path': '/switchyard.routing.v1.RouteCache/Watch',
      'content-type': 'application/grpc',
      te: 'trailers',
    });
    const prefix = Buffer.alloc(5);
    let prefixBytes = 0;
    let bodyLeft = 0;
    let atBodyStart = false;
    let received = 0;
    let done = false;
    const finish = (error?: Error) => {
      if (done) return;
      done = true;
      stream.close(constants.NGHTTP2_CANCEL);
      session.close();
      if (error) reject(error);
      else resolve(received);
    };
    stream.on('data', (chunk: Buffer) => {
      let at = 0;
      while (at < chunk.length && !done) {
        if (bodyLeft > 0) {
          if (atBodyStart && chunk[at] === SNAPSHOT_END_TAG) return finish();
          atBodyStart = false;
          const take = Math.min(bodyLeft, chunk.length - at);
          bodyLeft -= take;
          received += take;
          at += take;
          continue;
        }
        prefix[prefixBytes++] = chunk[at++] as number;
        if (prefixBytes === 5) {
          prefixBytes = 0;
          bodyLeft = prefix.readUInt32BE(1);
          atBodyStart = true;
        }
      }
    });
    stream.on('error', (error) => finish(error));
    stream.on('close', () => finish(new Error(`stream closed before SnapshotEnd after ${received} bytes`)));
    session.on('error', (error) => finish(error));
    stream.end(frame);
  });
}

interface ClientsJob {
  snapshotClients: true;
  address: string;
  first: number;
  count: number;
  raw: boolean;
}

if (!isMainThread && (workerData as ClientsJob | undefined)?.snapshotClients) {
  const job = workerData as ClientsJob;
  const port = parentPort;
  port?.once('message', async () => {
    port.postMessage(await runClients(job.address, job.first, job.count, job.raw));
  });
  port?.postMessage('ready');
}

/** `clients` clients over `threads` worker threads, started together once every thread is ready. */
export async function snapshotToClients(
  address: string,
  clients: number,
  cacheCpu: () => number,
  threads = 2,
  raw = false,
): Promise<SnapshotRun> {
  const n = Math.max(1, Math.min(threads, clients));
  const workers = Array.from({ length: n }, (_, t) => {
    const first = Math.floor((t * clients) / n);
    const count = Math.floor(((t + 1) * clients) / n) - first;
    return new Worker(new URL(import.meta.url), {
      workerData: { snapshotClients: true, address, first, count, raw } satisfies ClientsJob,
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

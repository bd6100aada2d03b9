// A model of the cache's snapshot send, without PostgreSQL: a grpc-js server holding a million small
// records on its heap (as the cache does) sends TOTAL bytes in MSG-byte messages to CLIENTS raw
// clients in a child process, and prints its own CPU time and peak RSS. It isolates what grpc-js's
// per-stream message copies cost with and without a large heap (docs/benchmarks.md, scale).
//   node bench/cache/send-model.ts [--records map-objects|map-strings|map-slots|none] [--clients 16]
//     [--mb 179] [--message-kib 256] [--gc-flag]
import { fork } from 'node:child_process';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { credentials, Metadata, makeGenericClientConstructor, Server, ServerCredentials } from '@grpc/grpc-js';

const { values } = parseArgs({
  options: {
    records: { type: 'string', default: 'map-objects' },
    clients: { type: 'string', default: '16' },
    mb: { type: 'string', default: '179' },
    'message-kib': { type: 'string', default: '256' },
    'gc-flag': { type: 'boolean', default: false },
    client: { type: 'string' },
  },
});
const CLIENTS = Number(values.clients);
const TOTAL = Number(values.mb) * 1e6;
const RECORDS = 1_000_000;
const pass = (bytes: Buffer) => bytes;
const definition = {
  watch: {
    path: '/model.Cache/Watch',
    requestStream: false,
    responseStream: true,
    requestSerialize: pass,
    requestDeserialize: pass,
    responseSerialize: pass,
    responseDeserialize: pass,
  },
};

if (values.client !== undefined) {
  // The clients: as the router's sync client, with an 8 MiB receive window; they only count bytes.
  const Client = makeGenericClientConstructor(definition, 'Cache');
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      const client = new Client(values.client as string, credentials.createInsecure(), {
        'grpc.max_receive_message_length': 64 * 1024 * 1024,
        'grpc-node.flow_control_window': 8 * 1024 * 1024,
      }) as unknown as { watch(request: Buffer, metadata: Metadata): NodeJS.ReadableStream; close(): void };
      const stream = client.watch(Buffer.alloc(0), new Metadata());
      for await (const _ of stream);
      client.close();
    }),
  );
  process.exit(0);
}

if (values['gc-flag']) setFlagsFromString('--external-memory-accounted-in-global-limit');
const id = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
const content = (i: number) => Buffer.alloc(170, i & 255).toString('latin1');
const held: unknown[] = [];
if (values.records === 'map-objects') {
  const map = new Map<string, unknown>();
  for (let i = 0; i < RECORDS; i++) map.set(id(i), { content: content(i), version: i, commitTimeMs: 1.79e12 + i });
  held.push(map);
} else if (values.records === 'map-strings') {
  const map = new Map<string, string>();
  for (let i = 0; i < RECORDS; i++) map.set(id(i), content(i));
  held.push(map);
} else if (values.records === 'map-slots') {
  const map = new Map<string, number>();
  for (let i = 0; i < RECORDS; i++) map.set(id(i), i);
  held.push(map, Buffer.alloc(RECORDS * 170), new Float64Array(RECORDS * 3));
}

const message = Buffer.alloc(Number(values['message-kib']) * 1024, 7);
const server = new Server();
server.addService(definition, {
  watch(call: { write(bytes: Buffer): boolean; once(event: 'drain', f: () => void): void; end(): void }) {
    let sent = 0;
    const pump = () => {
      while (sent < TOTAL) {
        sent += message.length;
        if (!call.write(message)) return call.once('drain', pump);
      }
      call.end();
    };
    pump();
  },
});
const port = await new Promise<number>((resolve, reject) =>
  server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, bound) =>
    error ? reject(error) : resolve(bound),
  ),
);
const cpu = process.cpuUsage();
const started = performance.now();
const child = fork(process.argv[1] as string, ['--client', `127.0.0.1:${port}`, '--clients', String(CLIENTS)]);
await new Promise((resolve) => child.on('exit', resolve));
const used = process.cpuUsage(cpu);
console.log(
  JSON.stringify({
    records: values.records,
    gcFlag: values['gc-flag'],
    clients: CLIENTS,
    mbPerClient: TOTAL / 1e6,
    seconds: Number(((performance.now() - started) / 1000).toFixed(2)),
    serverCpuSeconds: Number(((used.user + used.system) / 1e6).toFixed(2)),
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    held: held.length,
  }),
);
server.forceShutdown();
process.exit(0);

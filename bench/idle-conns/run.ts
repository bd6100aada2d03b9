// `npm run bench -- idle-conns [--connections 10000] [--steps 4] [--settle 2s]`: what an idle
// keep-alive client connection costs a router serving thread. Starts one serving thread (the
// real worker.ts, via the router's Supervisor, on an empty route table) in a child process, opens
// N connections to it on loopback from this process, each sending one request (404: no such
// host) and then staying open, idle; reports the child's RSS (VmRSS, all threads) before and at
// each step, and the increase per connection. Light on CPU (connections are opened 100 at a time
// and then sit idle), done in ~10 s: fine on a shared machine. Finishes well inside the engine's
// 30 s keep-alive timeout, so every connection is still open when measured (checked: the thread's
// open-connection count is printed beside each figure).
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    connections: { type: 'string', default: '10000' },
    steps: { type: 'string', default: '4' },
    settle: { type: 'string', default: '2s' },
  },
});
const CONNECTIONS = Number(values.connections);
const STEPS = Number(values.steps);
const SETTLE_MS = parseDuration(values.settle);
const SERVER = fileURLToPath(new URL('./server.ts', import.meta.url));
const REQUEST = 'GET / HTTP/1.1\r\nHost: idle.bench.invalid\r\nUser-Agent: idle-conns\r\n\r\n';

function parseDuration(text: string): number {
  const m = /^(\d+)(ms|s)$/.exec(text);
  if (m === null) throw new Error(`--settle takes a duration like 2s or 500ms, got "${text}"`);
  return Number(m[1]) * (m[2] === 's' ? 1000 : 1);
}

/** Open files allowed to this process (soft limit). */
function openFilesLimit(): number {
  const line = readFileSync('/proc/self/limits', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('Max open files'));
  return Number(/Max open files\s+(\d+)/.exec(line ?? '')?.[1] ?? 1024);
}

// Both processes hold one descriptor per connection, plus their own: raise the limit if needed
// (re-running this script under `ulimit -n`; raising the hard limit needs root).
const needed = CONNECTIONS + 1024;
if (openFilesLimit() < needed) {
  if (process.env.IDLE_CONNS_ULIMIT === '1') {
    console.error(`idle-conns: open files limit ${openFilesLimit()} < ${needed}; run as root or raise ulimit -n`);
    process.exit(2);
  }
  const again = spawnSync(
    'bash',
    ['-c', `ulimit -n ${needed} && exec "$@"`, 'bash', process.execPath, ...process.execArgv, ...process.argv.slice(1)],
    { stdio: 'inherit', env: { ...process.env, IDLE_CONNS_ULIMIT: '1' } },
  );
  process.exit(again.status ?? 1);
}

const child: ChildProcess = spawn(process.execPath, ['--conditions=source', SERVER, String(CONNECTIONS * 2)], {
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
});
const replies: ((value: unknown) => void)[] = [];
child.on('message', (message) => replies.shift()?.(message));
const reply = <T>(): Promise<T> => new Promise((resolve) => replies.push(resolve as (value: unknown) => void));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const { port } = await reply<{ port: number }>();
const sockets: Socket[] = [];

/** Opens one connection, sends one request, resolves when its whole answer came (the connection stays open). */
function openIdle(): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    sockets.push(socket);
    let received = '';
    socket.setEncoding('latin1');
    const onData = (chunk: string) => {
      received += chunk;
      const end = received.indexOf('\r\n\r\n');
      if (end < 0) return;
      const length = Number(/content-length: (\d+)/i.exec(received.slice(0, end))?.[1] ?? 0);
      if (received.length < end + 4 + length) return;
      if (/connection: close/i.test(received.slice(0, end))) reject(new Error('the server closed the connection'));
      socket.off('data', onData);
      resolve();
    };
    socket.on('data', onData);
    socket.once('error', reject);
    socket.write(REQUEST);
  });
}

async function measure(): Promise<{ rss: number; open: number }> {
  await sleep(SETTLE_MS);
  child.send({ op: 'rss' });
  return reply<{ rss: number; open: number }>();
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
console.log(
  `idle-conns: one router serving thread (worker.ts) on 127.0.0.1:${port}; ${CONNECTIONS} idle keep-alive connections`,
);
// A few connections first, closed again: code paths compiled, buffers pooled, before the baseline.
for (let i = 0; i < 200; i++) await openIdle();
for (const s of sockets.splice(0)) s.destroy();
const base = await measure();
console.log(`  ${'connections'.padStart(11)}  ${'RSS'.padStart(10)}  ${'increase'.padStart(10)}  per connection`);
console.log(`  ${String(base.open).padStart(11)}  ${mib(base.rss).padStart(10)}`);
let last = base;
for (let step = 1; step <= STEPS; step++) {
  const target = Math.round((CONNECTIONS * step) / STEPS);
  while (sockets.length < target) {
    const batch: Promise<void>[] = [];
    for (let i = 0; i < 100 && sockets.length < target; i++) batch.push(openIdle());
    await Promise.all(batch);
  }
  last = await measure();
  const delta = last.rss - base.rss;
  console.log(
    `  ${String(last.open).padStart(11)}  ${mib(last.rss).padStart(10)}  ${mib(delta).padStart(10)}  ${(delta / target / 1024).toFixed(2)} KiB`,
  );
}
const perConnection = (last.rss - base.rss) / CONNECTIONS;
console.log(
  `RESULT idle-conns connections=${last.open} rss_before=${base.rss} rss_after=${last.rss} per_connection_bytes=${Math.round(perConnection)} (${(perConnection / 1024).toFixed(2)} KiB)`,
);
if (last.open !== CONNECTIONS) console.log(`WARNING: the thread serves ${last.open} connections, not ${CONNECTIONS}`);
for (const s of sockets) s.destroy();
child.send({ op: 'stop' });
await new Promise((resolve) => child.once('exit', resolve));

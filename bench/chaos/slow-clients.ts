// The chaos soak's abusive clients (bench/chaos/run.ts): N connections spread over the routers,
// half "slowloris heads" (a request head one byte a second, never finished) and half slow bodies
// (a POST announcing 1 MiB, sent one byte a second). A connection the router closes is opened again
// at once, so N stay connected (or connecting) the whole time. argv[2]: JSON {routers, host,
// connections}; IPC `stop` → closes them all and answers `done` with what the router did to them.
import { connect, type Socket } from 'node:net';

const { routers, host, connections } = JSON.parse(process.argv[2] as string) as {
  routers: number[];
  host: string;
  connections: number;
};
type Side = {
  opened: number;
  /** Connections refused (a router down): opened again 0.1–0.5 s later. */
  refused: number;
  closedByRouter: number;
  answered: Record<string, number>;
  lifetimeMs: number;
};
const side = (): Side => ({ opened: 0, refused: 0, closedByRouter: 0, answered: {}, lifetimeMs: 0 });
const stats = { heads: side(), bodies: side(), maxOpen: 0 };
const open = new Set<Socket>();
let running = true;

function slow(index: number): void {
  if (!running) return;
  const body = index % 2 === 1;
  const text = body
    ? `POST /upload HTTP/1.1\r\nHost: ${host}\r\nContent-Length: 1048576\r\n\r\n`
    : `GET / HTTP/1.1\r\nHost: ${host}\r\nX-Slow: ${'a'.repeat(4096)}`;
  // Heads and bodies alike spread over the routers.
  const socket = connect({ host: '127.0.0.1', port: routers[Math.floor(index / 2) % routers.length] as number });
  const mine = body ? stats.bodies : stats.heads;
  const opened = Date.now();
  mine.opened++;
  let offset = 0;
  let connected = false;
  let timer: NodeJS.Timeout | undefined;
  socket.on('connect', () => {
    connected = true;
    open.add(socket);
    stats.maxOpen = Math.max(stats.maxOpen, open.size);
    // Slow bodies send their head at once, then the body a byte a second; heads a byte a second.
    if (body) {
      socket.write(text);
      offset = text.length;
    }
    timer = setInterval(() => {
      if (offset < text.length) socket.write(text[offset++] as string);
      else socket.write('x');
    }, 1000);
  });
  socket.on('data', (chunk: Buffer) => {
    const status = /^HTTP\/1\.1 (\d{3})/.exec(chunk.toString('latin1'))?.[1];
    if (status) mine.answered[status] = (mine.answered[status] ?? 0) + 1;
  });
  socket.on('error', () => {});
  socket.on('close', () => {
    clearInterval(timer);
    open.delete(socket);
    if (!running) return;
    if (!connected) mine.refused++;
    else {
      mine.closedByRouter++;
      mine.lifetimeMs += Date.now() - opened;
    }
    setTimeout(() => slow(index), 100 + Math.random() * 400);
  });
}

for (let i = 0; i < connections; i++) setTimeout(() => slow(i), (i * 5) % 2000);
process.on('message', (message: { op: string }) => {
  if (message.op === 'count') return void process.send?.({ op: 'count', open: open.size });
  if (message.op !== 'stop') return;
  running = false;
  for (const socket of open) socket.destroy();
  // Mean time a connection stayed open before the router closed it.
  for (const s of [stats.heads, stats.bodies]) s.lifetimeMs = Math.round(s.lifetimeMs / Math.max(1, s.closedByRouter));
  process.send?.({ op: 'done', stats });
});
process.send?.({ op: 'started' });

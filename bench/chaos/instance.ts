// An instance of the chaos soak's services (bench/chaos/run.ts), as a real process on 127.0.0.1:$PORT.
// MODE=ok (default):
//   GET /slow     → 200, ten chunks over about a second (so that some are mid-response when it is killed)
//   POST …        → 200 "<bytes received>"
//   Upgrade: websocket → 101, then every client frame (masked, < 126 bytes) echoed back unmasked
//   anything else → 200 "<NAME> ok"
//   every answer carries `x-instance: <NAME>`.
// MODE=hang: accepts connections and never answers (nor closes them).
// MODE=reset: accepts, and resets each connection at its first bytes.
// DELAY_MS: wait this long before listening (a slow-starting free-tier app). Prints "listening" on
// stdout once it listens; SIGTERM closes it.
import { createHash } from 'node:crypto';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createNetServer, type Socket } from 'node:net';

const port = Number(process.env.PORT);
const name = process.env.NAME ?? `instance-${port}`;
const mode = process.env.MODE ?? 'ok';
const WS_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

function echoFrames(socket: Socket, head: Buffer): void {
  let pending = head;
  const onData = (chunk: Buffer) => {
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    while (pending.length >= 6) {
      const opcode = (pending[0] as number) & 0x0f;
      const length = (pending[1] as number) & 0x7f;
      if (length >= 126) return void socket.destroy(); // the soak's messages are short
      if (pending.length < 6 + length) return;
      const mask = pending.subarray(2, 6);
      const payload = Buffer.from(pending.subarray(6, 6 + length));
      for (let i = 0; i < payload.length; i++) payload[i] = (payload[i] as number) ^ (mask[i % 4] as number);
      pending = pending.subarray(6 + length);
      socket.write(Buffer.concat([Buffer.from([0x80 | opcode, payload.length]), payload]));
      if (opcode === 0x8) return void socket.end();
    }
  };
  socket.on('data', onData);
  socket.on('error', () => {});
  if (head.length > 0) onData(Buffer.alloc(0));
}

function serveOk() {
  const server = createHttpServer((req, res) => {
    res.setHeader('x-instance', name);
    if (req.method === 'POST') {
      let bytes = 0;
      req.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
      });
      req.on('end', () => res.end(String(bytes)));
      return;
    }
    req.resume();
    if (req.url === '/slow') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      let sent = 0;
      const timer = setInterval(() => {
        res.write(`chunk ${sent}\n`);
        if (++sent === 10) {
          clearInterval(timer);
          res.end();
        }
      }, 100);
      res.on('close', () => clearInterval(timer));
      return;
    }
    res.end(`${name} ok`);
  });
  server.keepAliveTimeout = 10_000; // above the router's 4 s upstream idle timeout
  server.on('upgrade', (req, socket: Socket, head: Buffer) => {
    const key = req.headers['sec-websocket-key'];
    if (typeof key !== 'string') return void socket.destroy();
    const accept = createHash('sha1').update(`${key}${WS_GUID}`).digest('base64');
    socket.write(
      `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\nx-instance: ${name}\r\n\r\n`,
    );
    echoFrames(socket, head);
  });
  return server;
}

function serveBroken() {
  const held = new Set<Socket>();
  return createNetServer((socket) => {
    socket.on('error', () => {});
    if (mode === 'hang') {
      held.add(socket);
      socket.on('close', () => held.delete(socket));
      return;
    }
    socket.once('data', () => socket.resetAndDestroy());
  });
}

const server = mode === 'ok' ? serveOk() : serveBroken();
setTimeout(
  () => server.listen(port, '127.0.0.1', () => process.stdout.write('listening\n')),
  Number(process.env.DELAY_MS ?? 0),
);
process.on('SIGTERM', () => {
  server.close();
  setTimeout(() => process.exit(0), 200).unref();
});

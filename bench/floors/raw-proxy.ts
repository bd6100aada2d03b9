// The floor of any Node design for keep-alive proxying, over TLS (with CERT and KEY) or plain: a
// listener and raw upstream sockets doing the least a proxy can — GET only, the request head passed on with the proxy's
// X-Forwarded-* and request id, the response passed back unparsed except for its Content-Length;
// no routing, limits, timeouts or validation. Not a server to use: a yardstick for the engine.
// Usage: node bench/floors/raw-proxy.ts PORT BACKEND_PORT [CERT KEY]
import { readFileSync } from 'node:fs';
import { connect, createServer as createPlainServer, type Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';

const [port, backendPort, certFile, keyFile] = process.argv.slice(2);
const idle: Socket[] = [];
let nextId = 0;

function upstream(): Socket {
  const kept = idle.pop();
  if (kept !== undefined) return kept;
  const socket = connect({ host: '127.0.0.1', port: Number(backendPort), noDelay: true });
  // The backend closes connections idle for its keep-alive timeout: they leave the pool.
  socket.on('error', () => socket.destroy());
  socket.on('close', () => {
    const at = idle.indexOf(socket);
    if (at >= 0) idle.splice(at, 1);
  });
  return socket;
}

function serve(client: Socket): void {
  client.setNoDelay(true);
  client.on('error', () => client.destroy());
  client.on('data', (request: Buffer) => {
    // One whole GET head per read (wrk's requests are small and not pipelined).
    const headEnd = request.indexOf('\r\n\r\n');
    if (headEnd < 0) return void client.destroy();
    const extra = `x-forwarded-for: ${client.remoteAddress}\r\nx-forwarded-proto: ${certFile === undefined ? 'http' : 'https'}\r\nx-request-id: ${(nextId++).toString(36)}\r\n\r\n`;
    const socket = upstream();
    socket.write(`${request.latin1Slice(0, headEnd + 2)}${extra}`, 'latin1');
    let remaining = -1;
    let head = '';
    const onData = (chunk: Buffer): void => {
      client.write(chunk);
      if (remaining < 0) {
        head += chunk.latin1Slice(0, chunk.length);
        const end = head.indexOf('\r\n\r\n');
        if (end < 0) return; // the rest of the head is still to come
        const at = head.indexOf('ontent-Length: ');
        remaining = Number.parseInt(head.slice(at + 15, at + 25), 10) - (head.length - end - 4);
      } else {
        remaining -= chunk.length;
      }
      if (remaining <= 0) {
        socket.off('data', onData);
        idle.push(socket);
      }
    };
    socket.on('data', onData);
  });
}

const server =
  certFile === undefined
    ? createPlainServer(serve)
    : createTlsServer({ cert: readFileSync(certFile), key: readFileSync(keyFile as string) }, serve);
server.listen(Number(port), '127.0.0.1');

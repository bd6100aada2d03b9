// The floor of any Node design for keep-alive HTTPS proxying: a TLS listener and raw upstream
// sockets doing the least a proxy can — GET only, the request head passed on with the proxy's
// X-Forwarded-* and request id, the response passed back unparsed except for its Content-Length;
// no routing, limits, timeouts or validation. Not a server to use: a yardstick for the engine.
// Usage: node bench/floors/tls-raw-proxy.ts PORT BACKEND_PORT CERT KEY
import { readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { createServer } from 'node:tls';

const [port, backendPort, certFile, keyFile] = process.argv.slice(2);
const idle: Socket[] = [];
let nextId = 0;

function upstream(): Socket {
  return idle.pop() ?? connect({ host: '127.0.0.1', port: Number(backendPort), noDelay: true });
}

createServer({ cert: readFileSync(certFile as string), key: readFileSync(keyFile as string) }, (client) => {
  client.setNoDelay(true);
  client.on('error', () => client.destroy());
  client.on('data', (request: Buffer) => {
    // One whole GET head per read (wrk's requests are small and not pipelined).
    const headEnd = request.indexOf('\r\n\r\n');
    if (headEnd < 0) return void client.destroy();
    const extra = `x-forwarded-for: ${client.remoteAddress}\r\nx-forwarded-proto: https\r\nx-request-id: ${(nextId++).toString(36)}\r\n\r\n`;
    const socket = upstream();
    socket.write(`${request.latin1Slice(0, headEnd + 2)}${extra}`, 'latin1');
    let remaining = -1;
    const onData = (chunk: Buffer): void => {
      if (remaining < 0) {
        const end = chunk.indexOf('\r\n\r\n');
        const at = chunk.indexOf('ontent-Length: ');
        remaining = Number.parseInt(chunk.latin1Slice(at + 15, at + 25), 10) - (chunk.length - end - 4);
      } else {
        remaining -= chunk.length;
      }
      client.write(chunk);
      if (remaining <= 0) {
        socket.off('data', onData);
        idle.push(socket);
      }
    };
    socket.on('data', onData);
  });
}).listen(Number(port), '127.0.0.1');

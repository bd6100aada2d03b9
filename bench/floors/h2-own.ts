// The floor of the engine's own HTTP/2 framing layer (libs/http1/src/h2: connection, HPACK, flow
// control) on node:tls: a server that answers every stream itself with the backend's 12 bytes — no
// upstream, no routing, no exchange. Beside h2-bare.ts (node:http2 doing the same) it shows what the
// framing layer costs per stream.
// Usage: node bench/floors/h2-own.ts PORT CERT KEY
import { readFileSync } from 'node:fs';
import { createServer } from 'node:tls';
import { H2Connection, type H2ConnectionHandler } from '../../libs/http1/src/h2/connection.ts';
import { HpackEncoder } from '../../libs/http1/src/h2/hpack-encoder.ts';
import { H2Stream } from '../../libs/http1/src/h2/stream.ts';

const [port, certFile, keyFile] = process.argv.slice(2);
const body = Buffer.from('hello world\n');
const encoder = new HpackEncoder();

class Answer extends H2Stream {
  onData(): void {}
  onEnd(): void {}
  onClose(): void {}
  onWritable(): void {}
}

const handler: H2ConnectionHandler = {
  openStream(connection, id, _decoder, _result, endStream) {
    const stream = new Answer(connection, id, endStream);
    encoder.reset();
    encoder.status(200);
    encoder.field('content-type', 'text/plain');
    encoder.field('content-length', '12');
    stream.sendHeaders(encoder.buf, encoder.pos, false);
    stream.sendData(body, true);
    return stream;
  },
  peerReset() {},
  failed() {},
  closed() {},
  prefaceDone() {},
  idle() {},
};

const limits = {
  maxConcurrentStreams: 128,
  maxHeaderListSize: 32_768,
  maxHeaderCount: 264,
  maxHeaderBlockSize: 65_536,
  initialWindowSize: 65_535,
  connectionWindowSize: 1 << 20,
  maxSettingsEntries: 32,
  maxBufferedBytes: 256 * 1024,
  maxResetsPerInterval: 200,
  maxPingsPerInterval: 50,
  maxSettingsPerInterval: 20,
  maxEmptyFramesPerInterval: 1000,
  maxRefusedPerInterval: 16,
};
setInterval(() => {}, 1 << 30);
createServer(
  { cert: readFileSync(certFile as string), key: readFileSync(keyFile as string), ALPNProtocols: ['h2'] },
  (socket) => {
    new H2Connection(socket, handler, limits);
  },
).listen(Number(port), '127.0.0.1');

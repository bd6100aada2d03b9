// The floor of node:http2 for the h2 benchmark: a server that answers every stream itself with the
// backend's 12 bytes — no upstream at all. Whatever a proxy on node:http2 does costs more than this.
// Usage: node bench/floors/h2-bare.ts PORT CERT KEY
import { readFileSync } from 'node:fs';
import { createSecureServer } from 'node:http2';

const [port, certFile, keyFile] = process.argv.slice(2);
const body = Buffer.from('hello world\n');
createSecureServer({ cert: readFileSync(certFile as string), key: readFileSync(keyFile as string) })
  .on('stream', (stream) => {
    stream.respond({ ':status': 200, 'content-type': 'text/plain', 'content-length': body.length });
    stream.end(body);
  })
  .listen(Number(port), '127.0.0.1');

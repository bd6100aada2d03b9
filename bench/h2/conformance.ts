// The engine's H2Server answering every request itself after reading its body (no upstream), for
// protocol conformance runs with h2spec (`go install github.com/summerwind/h2spec/cmd/h2spec@latest`):
//   node --conditions=source bench/h2/conformance.ts PORT CERT KEY &
//   h2spec -t -k -h 127.0.0.1 -p PORT
import { readFileSync } from 'node:fs';
import { createServer } from 'node:tls';
import { H2Server } from '@switchyard/http1';

const [port, cert, key] = process.argv.slice(2);
const ok = Buffer.from('ok\n');
const h2 = new H2Server({}, (exchange) => {
  exchange.readBody({
    onBodyData: () => true,
    onBodyEnd: () => {
      exchange.writeHead(200, ['content-type', 'text/plain', 'content-length', String(ok.length)]);
      exchange.end(ok);
    },
    onBodyError: () => exchange.destroy(),
  });
});
createServer(
  { cert: readFileSync(cert as string), key: readFileSync(key as string), ALPNProtocols: ['h2'] },
  (socket) => h2.accept(socket, () => true),
).listen(Number(port), '127.0.0.1');
process.on('SIGTERM', () => process.exit(0));

// The HTTP/2 front alone, for bench/h2/run.sh: a TLS listener (ALPN h2) handing its connections to
// the engine's H2Server, every stream forwarded by the real Forwarder to one HTTP/1.1 backend.
// Usage: front.ts PORT BACKEND_PORT CERT KEY
import { readFileSync } from 'node:fs';
import { createServer } from 'node:tls';
import { Forwarder, H2Server, RequestIds, UpstreamPool } from '@switchyard/http1';

const [port, backendPort, cert, key] = process.argv.slice(2);
const pool = new UpstreamPool();
const forwarder = new Forwarder({ pool, requestIds: new RequestIds() });
const target = { host: '127.0.0.1', port: Number(backendPort) };
const h2 = new H2Server({}, (exchange) => forwarder.forward(exchange, target));
const tls = createServer(
  { cert: readFileSync(cert as string), key: readFileSync(key as string), ALPNProtocols: ['h2'] },
  (socket) => h2.accept(socket, () => true),
);
tls.listen(Number(port), '127.0.0.1');
process.on('SIGTERM', () => process.exit(0));

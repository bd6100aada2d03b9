// The engine's forward path on one thread, wired to a fixed backend: no route lookup.
import { Forwarder, HttpServer, RequestIds, UpstreamPool } from '@switchyard/http1';

const port = Number(process.argv[2] ?? 9100);
const backendPort = Number(process.argv[3] ?? 9101);
const target = { host: '127.0.0.1', port: backendPort };
const requestIds = new RequestIds();
const forwarder = new Forwarder({ pool: new UpstreamPool(), requestIds });
const serving = new HttpServer({ requestIds }, (conn) => forwarder.forward(conn, target));
await serving.listen(port, '127.0.0.1');
console.log(`proxy on ${port} -> ${backendPort}`);
process.on('SIGINT', () => process.exit(0));
process.on('SIGTERM', () => process.exit(0));

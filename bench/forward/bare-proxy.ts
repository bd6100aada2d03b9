// Reference point: the least a node:http + undici-dispatch proxy can do (no checks, no header
// rewriting, no timeouts or metrics) — the design the router used before its own HTTP/1.1 engine,
// stripped to its core: an upper bound of what that path could reach.
import { createServer } from 'node:http';
import { createRequire } from 'node:module';

// The same undici the router uses (apps/router's own dependency, not the root one).
const { Pool } = createRequire(new URL('../../apps/router/package.json', import.meta.url))(
  'undici',
) as typeof import('undici');

const port = Number(process.argv[2] ?? 9102);
const backendPort = Number(process.argv[3] ?? 9101);
const pool = new Pool(`http://127.0.0.1:${backendPort}`, { connections: 128, pipelining: 1 });

createServer((req, res) => {
  const headers: string[] = [];
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i] as string;
    const lower = name.toLowerCase();
    if (lower !== 'connection' && lower !== 'transfer-encoding' && lower !== 'keep-alive') {
      headers.push(name, req.rawHeaders[i + 1] as string);
    }
  }
  pool.dispatch(
    {
      path: req.url ?? '/',
      method: (req.method ?? 'GET') as 'GET',
      headers,
      body: req.headers['content-length'] === undefined && req.headers['transfer-encoding'] === undefined ? null : req,
    },
    {
      onRequestStart() {},
      onResponseStart(controller, statusCode) {
        const raw = (controller.rawHeaders ?? []) as Buffer[];
        const out: string[] = [];
        for (let i = 0; i < raw.length; i += 2) {
          const name = String(raw[i]);
          if (name.toLowerCase() !== 'connection' && name.toLowerCase() !== 'keep-alive') {
            out.push(name, String(raw[i + 1]));
          }
        }
        res.writeHead(statusCode, out);
      },
      onResponseData(controller, chunk) {
        if (!res.write(chunk)) {
          controller.pause();
          res.once('drain', () => controller.resume());
        }
      },
      onResponseEnd() {
        res.end();
      },
      onResponseError() {
        res.destroy();
      },
    },
  );
}).listen(port, '127.0.0.1', () => console.log(`bare proxy on ${port} -> ${backendPort}`));
process.on('SIGINT', () => process.exit(0));
process.on('SIGTERM', () => process.exit(0));

import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, request, type Server } from 'node:http';
import { connect as h2connect } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Deterministic bytes, so a range can be checked against the source. */
export function patternBytes(size: number): Buffer {
  const bytes = Buffer.allocUnsafe(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 31 + 7) & 0xff;
  return bytes;
}

export const SERVICE = 'svc-1';
export const BUILD = 'b1';

/** The files of build b1, relative to its prefix. */
export const FILES: Record<string, string | Buffer> = {
  'index.html': '<h1>home</h1>',
  'about/index.html': '<h1>about</h1>',
  'style.css': 'body{color:red}',
  'app.js': 'console.log("app")',
  'data.json': '{"a":1}',
  '404.html': '<h1>custom 404</h1>',
  'docs/guide.html': '<h1>guide</h1>',
  'exists.html': '<h1>exists</h1>',
  'spa/index.html': '<h1>spa</h1>',
  'café.html': '<h1>café</h1>',
  'a b.txt': 'spaced',
  'big.bin': patternBytes(300 * 1024),
  'empty.txt': '',
};

/**
 * A filesystem object store root holding build b1 of SVC, a second build, another service's
 * files and a file next to the build (all of which traversal attempts aim at), plus a file
 * outside the root. Returns the root and a cleanup.
 */
export async function writeSiteFixture(): Promise<{ root: string; brokenRoot: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'static-site-'));
  const root = join(dir, 'store');
  const put = async (key: string, body: string | Buffer) => {
    await mkdir(join(root, key, '..'), { recursive: true });
    await writeFile(join(root, key), body);
  };
  for (const [path, body] of Object.entries(FILES)) await put(`sites/${SERVICE}/${BUILD}/${path}`, body);
  await put(`sites/${SERVICE}/b2/index.html`, '<h1>build two</h1>');
  await put(`sites/${SERVICE}/secret.txt`, 'SECRET next to the build');
  await put(`sites/other/${BUILD}/secret.txt`, 'SECRET of another service');
  await writeFile(join(dir, 'secret.txt'), 'SECRET outside the store');
  // A store whose every lookup fails with ELOOP: a real I/O error, not a missing object.
  const brokenRoot = join(dir, 'broken');
  await mkdir(brokenRoot);
  await symlink(join(brokenRoot, 'sites'), join(brokenRoot, 'sites'));
  return { root, brokenRoot, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** One request with the path sent exactly as given (fetch would normalise it). */
export function send(
  port: number,
  path: string,
  options: { method?: string; headers?: Record<string, string> } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** The same over HTTP/2 and TLS (any certificate accepted), `:authority` site.test. */
export function sendH2(
  port: number,
  path: string,
  options: { method?: string; headers?: Record<string, string> } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const client = h2connect(`https://127.0.0.1:${port}`, { rejectUnauthorized: false });
    client.on('error', reject);
    const stream = client.request({
      ':method': options.method ?? 'GET',
      ':path': path,
      ':authority': 'site.test',
      ...options.headers,
    });
    stream.end();
    let headers: IncomingHttpHeaders = {};
    const chunks: Buffer[] = [];
    stream.on('response', (h) => {
      headers = h;
    });
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => {
      client.close();
      resolve({ status: Number(headers[':status']), headers, body: Buffer.concat(chunks) });
    });
    stream.on('error', reject);
  });
}

/** A plain HTTP backend answering with what it received, for proxy rewrites. */
export async function startEchoBackend(): Promise<{ port: number; server: Server; close: () => Promise<void> }> {
  const server = createServer((req, res) => {
    const body = JSON.stringify({ method: req.method, url: req.url, host: req.headers.host, headers: req.headers });
    res.writeHead(200, { 'content-type': 'application/json', 'x-backend': 'echo' });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

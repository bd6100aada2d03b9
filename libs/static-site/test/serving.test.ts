import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { createServer as createTlsServer, type TLSSocket } from 'node:tls';
import { type ClientExchange, H2Server, HttpServer } from '@switchyard/http1';
import { FileSystemObjectStore } from '@switchyard/object-store';
import { issueCertificate } from '@switchyard/pki';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { HotObjectCache } from '../src/hot-cache.ts';
import { compileSite } from '../src/rules.ts';
import { type SiteRef, StaticHandler } from '../src/serve.ts';
import {
  type Answer,
  BUILD,
  FILES,
  patternBytes,
  SERVICE,
  send,
  sendH2,
  startEchoBackend,
  writeSiteFixture,
} from './support/site-fixture.ts';

let fixture: Awaited<ReturnType<typeof writeSiteFixture>>;
let backend: Awaited<ReturnType<typeof startEchoBackend>>;
const servers: { drain(timeoutMs: number): Promise<void> }[] = [];

/** A real HTTP server (the engine the router uses) answering every request from `handler` for `site`. */
async function serve(handler: StaticHandler, site: SiteRef): Promise<number> {
  const server = new HttpServer({}, (conn) => handler.serve(conn, site));
  servers.push(server);
  return (await server.listen(0, '127.0.0.1')).port;
}

/** The same over HTTP/2: a TLS listener handing h2 connections to the engine's H2Server. */
async function serveH2(handler: StaticHandler, site: SiteRef): Promise<number> {
  const h2 = new H2Server({}, (exchange) => handler.serve(exchange, site));
  const { certPem, keyPem } = issueCertificate({ names: ['site.test'] });
  const tls = createTlsServer({ cert: certPem, key: keyPem, ALPNProtocols: ['h2'] }, (socket: TLSSocket) =>
    h2.accept(socket, () => true),
  );
  await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
  servers.push({
    drain: (ms) => {
      tls.close();
      return h2.drain(ms);
    },
  });
  return (tls.address() as AddressInfo).port;
}

/** Proxy rewrites for these tests: a plain node:http pass-through (the router uses undici). */
function proxy(conn: ClientExchange, url: URL): void {
  const upstream = request(
    {
      host: url.hostname,
      port: url.port,
      path: `${url.pathname}${url.search}`,
      method: conn.method,
      headers: { host: url.host },
    },
    (answer) => {
      const headers: string[] = [];
      for (let i = 0; i < answer.rawHeaders.length; i += 2) {
        const name = answer.rawHeaders[i] as string;
        if (!/^(connection|keep-alive|transfer-encoding)$/i.test(name))
          headers.push(name, answer.rawHeaders[i + 1] as string);
      }
      conn.writeHead(answer.statusCode ?? 502, headers);
      answer.on('data', (chunk: Buffer) => conn.write(chunk));
      answer.on('end', () => conn.end());
    },
  );
  upstream.on('error', () => conn.destroy());
  conn.readBody(
    {
      onBodyData: (buf, start, end) => upstream.write(buf.subarray(start, end)),
      onBodyEnd: () => upstream.end(),
      onBodyError: () => upstream.destroy(),
    },
    true,
  );
}

function siteRules(backendPort: number) {
  return compileSite({
    rules: [
      { source: '/old', destination: '/about/', status: 301 },
      { source: '/temp', destination: '/docs/guide.html', status: 302 },
      { source: '/u/:id', destination: '/users/:id', status: 307 },
      { source: '/blog/*', destination: '/news/:splat', status: 308 },
      { source: '/exists.html', destination: '/style.css', status: 301 },
      { source: '/app.js', destination: '/style.css', status: 200, force: true },
      { source: '/search', destination: '/results?src=rule', status: 302 },
      { source: '/loop-a', destination: '/loop-b', status: 200 },
      { source: '/loop-b', destination: '/loop-a', status: 200 },
      { source: '/api/*', destination: `http://127.0.0.1:${backendPort}/v1/:splat`, status: 200 },
      { source: '/app/*', destination: '/spa/index.html', status: 200 },
      { source: '/chain', destination: '/old', status: 200 },
      { source: '/external', destination: 'https://example.com/landing', status: 301 },
      { source: '/docs-alias/*', destination: '/docs/:splat', status: 200 },
      { source: '/x/:a/:b', destination: '/y/:b/:a', status: 301 },
      { source: '/gone/*', destination: '/nowhere/:splat', status: 200 },
    ],
    headerRules: [
      { pattern: '/**', headers: [{ name: 'X-Frame-Options', value: 'DENY' }] },
      { pattern: '/*.css', headers: [{ name: 'Cache-Control', value: 'public, max-age=31536000, immutable' }] },
      {
        pattern: '/docs/**',
        headers: [
          { name: 'x-frame-options', value: 'SAMEORIGIN' },
          { name: 'X-Docs', value: 'yes' },
        ],
      },
      { pattern: '/**/*.html', headers: [{ name: 'X-Html', value: '1' }] },
    ],
  });
}

interface Case {
  name: string;
  path: string;
  method?: string;
  headers?: Record<string, string> | ((etag: string) => Record<string, string>);
  status: number;
  body?: string | Buffer | RegExp;
  /** Expected response headers; undefined means "absent". */
  expect?: Record<string, string | RegExp | undefined>;
  /** Extra check on the answer. */
  check?: (answer: Answer) => void;
}

const text = (path: string) => FILES[path] as string;
const BIG = patternBytes(300 * 1024);

const CASES: Case[] = [
  // Files, directories, types, cache-control, header rules.
  {
    name: 'the index of the root',
    path: '/',
    status: 200,
    body: text('index.html'),
    expect: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'public, max-age=0, must-revalidate',
      etag: /^"/,
      'last-modified': /GMT$/,
      'x-frame-options': 'DENY',
      'x-html': undefined,
    },
  },
  {
    name: 'HEAD: headers and length, no body',
    path: '/index.html',
    method: 'HEAD',
    status: 200,
    body: '',
    expect: { 'content-length': String(text('index.html').length) },
  },
  { name: 'a file by its name', path: '/index.html', status: 200, body: text('index.html'), expect: { 'x-html': '1' } },
  { name: 'a directory without its slash: 301 to it', path: '/about', status: 301, expect: { location: '/about/' } },
  {
    name: 'the slash redirect keeps the query',
    path: '/about?x=1&y',
    status: 301,
    expect: { location: '/about/?x=1&y' },
  },
  { name: 'a directory: its index.html', path: '/about/', status: 200, body: text('about/index.html') },
  {
    name: 'css: type, and a header rule replacing cache-control',
    path: '/style.css',
    status: 200,
    body: text('style.css'),
    expect: { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'public, max-age=31536000, immutable' },
  },
  {
    name: 'json: default asset cache-control',
    path: '/data.json',
    status: 200,
    expect: { 'content-type': 'application/json', 'cache-control': 'public, max-age=60', 'accept-ranges': 'bytes' },
  },
  { name: 'an empty file', path: '/empty.txt', status: 200, body: '', expect: { 'content-length': '0' } },
  {
    name: 'header rules: later ones override, names case-insensitive, all matching apply',
    path: '/docs/guide.html',
    status: 200,
    expect: { 'x-frame-options': 'SAMEORIGIN', 'x-docs': 'yes', 'x-html': '1' },
  },
  { name: 'percent-encoded UTF-8 name', path: '/caf%C3%A9.html', status: 200, body: text('café.html') },
  { name: 'encoded space', path: '/a%20b.txt', status: 200, body: 'spaced' },
  { name: 'a large file streamed (not cached)', path: '/big.bin', status: 200, body: BIG },
  // 404 and methods.
  {
    name: "a missing file: the site's 404.html with 404",
    path: '/nope',
    status: 404,
    body: text('404.html'),
    expect: { 'content-type': 'text/html; charset=utf-8', 'x-frame-options': 'DENY' },
  },
  { name: 'HEAD of a missing file', path: '/nope', method: 'HEAD', status: 404, body: '' },
  { name: 'POST to a file: 405', path: '/', method: 'POST', status: 405, expect: { allow: 'GET, HEAD' } },
  { name: 'DELETE to a file: 405', path: '/style.css', method: 'DELETE', status: 405, expect: { allow: 'GET, HEAD' } },
  // Redirects.
  { name: 'redirect 301', path: '/old', status: 301, expect: { location: '/about/', 'cache-control': 'no-cache' } },
  { name: 'a source matches with a trailing slash', path: '/old/', status: 301, expect: { location: '/about/' } },
  { name: 'redirects apply to any method', path: '/old', method: 'POST', status: 301 },
  { name: 'redirect 302', path: '/temp', status: 302, expect: { location: '/docs/guide.html' } },
  { name: ':name placeholder', path: '/u/42', status: 307, expect: { location: '/users/42' } },
  { name: ':name is one segment only', path: '/u/42/x', status: 404 },
  {
    name: 'splat with several segments',
    path: '/blog/2024/post',
    status: 308,
    expect: { location: '/news/2024/post' },
  },
  { name: 'splat matches the bare prefix', path: '/blog', status: 308, expect: { location: '/news/' } },
  {
    name: 'placeholders re-encoded in the location',
    path: '/u/a%20b',
    status: 307,
    expect: { location: '/users/a%20b' },
  },
  { name: 'two placeholders swapped', path: '/x/1/2', status: 301, expect: { location: '/y/2/1' } },
  {
    name: 'query passes through to an absolute URL',
    path: '/external?utm=1',
    status: 301,
    expect: { location: 'https://example.com/landing?utm=1' },
  },
  {
    name: 'query merged with the destination query',
    path: '/search?q=a',
    status: 302,
    expect: { location: '/results?src=rule&q=a' },
  },
  {
    name: "the destination's own parameter wins",
    path: '/search?src=user&q=a',
    status: 302,
    expect: { location: '/results?src=rule&q=a' },
  },
  // Precedence, forcing, rewrites.
  { name: 'an existing file wins over a rule', path: '/exists.html', status: 200, body: text('exists.html') },
  {
    name: 'a forced rewrite wins over an existing file',
    path: '/app.js',
    status: 200,
    body: text('style.css'),
    expect: { 'content-type': 'text/css; charset=utf-8' },
  },
  { name: 'SPA rewrite to index.html', path: '/app/deep/route', status: 200, body: text('spa/index.html') },
  { name: 'rewrite then redirect (chained)', path: '/chain', status: 301, expect: { location: '/about/' } },
  {
    name: 'rewrite into a directory of files',
    path: '/docs-alias/guide.html',
    status: 200,
    body: text('docs/guide.html'),
  },
  { name: 'rewrite to a missing file: the 404 page', path: '/gone/x', status: 404, body: text('404.html') },
  { name: 'a rewrite loop stops at the hop limit', path: '/loop-a', status: 508, body: /rewrites/ },
  {
    name: 'rewrite to an absolute URL proxies, with the query',
    path: '/api/items?id=3',
    status: 200,
    expect: { 'x-backend': 'echo' },
    check: (answer) => {
      const seen = JSON.parse(answer.body.toString()) as { url: string; host: string };
      expect(seen.url).toBe('/v1/items?id=3');
      expect(seen.host).toMatch(/^127\.0\.0\.1:\d+$/);
    },
  },
  { name: 'proxy rewrites pass other methods', path: '/api/items', method: 'POST', status: 200 },
  // Traversal: never anything outside sites/<svc>/<build>/.
  { name: '.. above the root', path: '/../secret.txt', status: 400 },
  { name: 'encoded dots above the root', path: '/%2e%2e/secret.txt', status: 400 },
  { name: 'encoded dots twice', path: '/%2e%2e/%2e%2e/other/b1/secret.txt', status: 400 },
  { name: 'encoded slashes', path: '/a/..%2F..%2Fsecret.txt', status: 400 },
  { name: 'encoded backslash', path: '/..%5Csecret.txt', status: 400 },
  { name: 'a literal backslash', path: '/..\\secret.txt', status: 400 },
  { name: 'NUL', path: '/index.html%00.css', status: 400 },
  { name: 'invalid percent-encoding', path: '/%zz', status: 400 },
  { name: '.. through a directory, above the root', path: '/docs/../../secret.txt', status: 400 },
  { name: '.. within the site is resolved', path: '/docs/../index.html', status: 200, body: text('index.html') },
  { name: 'double slashes collapse', path: '/docs//guide.html', status: 200, body: text('docs/guide.html') },
  { name: 'the other build is not reachable', path: '/../b2/index.html', status: 400 },
  // Conditional requests.
  {
    name: 'If-None-Match with the ETag: 304',
    path: '/style.css',
    headers: (etag) => ({ 'if-none-match': etag }),
    status: 304,
    body: '',
    expect: { etag: /^"/, 'cache-control': 'public, max-age=31536000, immutable' },
  },
  {
    name: 'If-None-Match with another ETag: 200',
    path: '/style.css',
    headers: { 'if-none-match': '"other"' },
    status: 200,
  },
  {
    name: 'If-Modified-Since now: 304',
    path: '/style.css',
    headers: { 'if-modified-since': new Date(Date.now() + 60_000).toUTCString() },
    status: 304,
  },
  {
    name: 'If-Modified-Since long ago: 200',
    path: '/style.css',
    headers: { 'if-modified-since': 'Thu, 01 Jan 1970 00:00:00 GMT' },
    status: 200,
  },
  // Ranges.
  {
    name: 'a range',
    path: '/style.css',
    headers: { range: 'bytes=0-3' },
    status: 206,
    body: 'body',
    expect: { 'content-range': `bytes 0-3/${text('style.css').length}`, 'content-length': '4' },
  },
  { name: 'a suffix range', path: '/style.css', headers: { range: 'bytes=-4' }, status: 206, body: 'red}' },
  {
    name: 'an unsatisfiable range: 416',
    path: '/style.css',
    headers: { range: 'bytes=1000-' },
    status: 416,
    expect: { 'content-range': `bytes */${text('style.css').length}` },
  },
  {
    name: 'several ranges: the whole file',
    path: '/style.css',
    headers: { range: 'bytes=0-1,4-5' },
    status: 200,
    body: text('style.css'),
  },
  {
    name: 'a range of a large, streamed file',
    path: '/big.bin',
    headers: { range: 'bytes=100000-100999' },
    status: 206,
    body: BIG.subarray(100_000, 101_000),
  },
  {
    name: 'If-Range with an old ETag: the whole file',
    path: '/style.css',
    headers: { range: 'bytes=0-3', 'if-range': '"old"' },
    status: 200,
    body: text('style.css'),
  },
  {
    name: 'If-Range with the current ETag: the range',
    path: '/style.css',
    headers: (etag) => ({ range: 'bytes=0-3', 'if-range': etag }),
    status: 206,
    body: 'body',
  },
];

beforeAll(async () => {
  fixture = await writeSiteFixture();
  backend = await startEchoBackend();
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.drain(100)));
  await backend.close();
  await fixture.cleanup();
});

describe.each([
  ['HTTP/1.1', 'with the hot-object cache', true],
  ['HTTP/1.1', 'without a cache', false],
  ['HTTP/2', 'with the hot-object cache', true],
  ['HTTP/2', 'without a cache', false],
])('a static site served over %s from a filesystem store, %s', (protocol, _label, withCache) => {
  const sendOver = protocol === 'HTTP/2' ? sendH2 : send;
  let port: number;
  let cache: HotObjectCache | undefined;
  const etags = new Map<string, string>();

  beforeAll(async () => {
    cache = withCache ? new HotObjectCache({ maxObjectBytes: 256 * 1024 }) : undefined;
    const handler = new StaticHandler({ store: new FileSystemObjectStore(fixture.root), cache, proxy });
    const site = { serviceId: SERVICE, buildId: BUILD, site: siteRules(backend.port) };
    port = protocol === 'HTTP/2' ? await serveH2(handler, site) : await serve(handler, site);
    etags.set('/style.css', (await sendOver(port, '/style.css')).headers.etag as string);
  });

  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const headers = typeof c.headers === 'function' ? c.headers(etags.get(c.path) as string) : c.headers;
    const answer = await sendOver(port, c.path, { method: c.method ?? 'GET', headers: headers ?? {} });
    expect(answer.status, answer.body.toString().slice(0, 200)).toBe(c.status);
    if (c.body instanceof RegExp) expect(answer.body.toString()).toMatch(c.body);
    else if (Buffer.isBuffer(c.body)) expect(answer.body.equals(c.body)).toBe(true);
    else if (c.body !== undefined) expect(answer.body.toString()).toBe(c.body);
    for (const [name, value] of Object.entries(c.expect ?? {})) {
      if (value === undefined) expect(answer.headers[name], name).toBeUndefined();
      else if (value instanceof RegExp) expect(answer.headers[name], name).toMatch(value);
      else expect(answer.headers[name], name).toBe(value);
    }
    expect(answer.body.toString()).not.toContain('SECRET');
    c.check?.(answer);
  });

  it.runIf(withCache)('answers repeated requests from the cache', async () => {
    const before = cache?.stats().hits ?? 0;
    for (let i = 0; i < 5; i++) expect((await sendOver(port, '/data.json')).status).toBe(200);
    expect((cache?.stats().hits ?? 0) - before).toBeGreaterThanOrEqual(5);
  });
});

describe('failures', () => {
  it('a store that fails answers 502 with a clear body', async () => {
    const events: number[] = [];
    const handler = new StaticHandler({
      store: new FileSystemObjectStore(fixture.brokenRoot),
      metrics: { response() {}, event: (e) => events.push(e) },
    });
    const port = await serve(handler, { serviceId: SERVICE, buildId: BUILD, site: compileSite({}) });
    const answer = await send(port, '/index.html');
    expect(answer.status).toBe(502);
    expect(answer.body.toString()).toContain('storage');
    expect(events).toContain(3);
  });

  it('a client that leaves while the store is still answering: the body is released, nothing throws', async () => {
    const files = new FileSystemObjectStore(fixture.root);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let body: Readable | undefined;
    const store = {
      head: (key: string) => files.head(key),
      getBytes: (key: string) => files.getBytes(key),
      // The real file, answered only after the client is gone; its body fails when destroyed, as
      // undici's response bodies (the S3 backend) do.
      async get(key: string, range?: { start: number; end: number }) {
        if (!key.endsWith('/big.bin')) return files.get(key, range);
        const read = await files.get(key, range);
        await gate;
        if (read === undefined) return undefined;
        body = new Readable({
          read() {},
          destroy(_error, callback) {
            read.body.destroy();
            callback(new Error('Request aborted'));
          },
        });
        return { info: read.info, body };
      },
    };
    const handler = new StaticHandler({ store });
    const port = await serve(handler, { serviceId: SERVICE, buildId: BUILD, site: compileSite({}) });
    const client = request({ host: '127.0.0.1', port, path: '/big.bin', agent: false });
    client.on('error', () => {});
    client.end();
    await new Promise((r) => setTimeout(r, 200));
    client.destroy();
    await new Promise((r) => setTimeout(r, 200));
    release();
    await vi.waitFor(() => expect(body?.destroyed).toBe(true), { timeout: 5_000 });
    expect((await send(port, '/index.html')).status).toBe(200);
  });

  it('a site whose rules do not compile answers 500 naming the rule', async () => {
    const handler = new StaticHandler({ store: new FileSystemObjectStore(fixture.root) });
    let error: Error | undefined;
    try {
      compileSite({ rules: [{ source: 'bad', destination: '/x' }] });
    } catch (e) {
      error = e as Error;
    }
    const port = await serve(handler, { serviceId: SERVICE, buildId: BUILD, site: error as Error });
    const answer = await send(port, '/');
    expect(answer.status).toBe(500);
    expect(answer.body.toString()).toContain('rules[0].source');
  });

  it('a site with no published build answers 404', async () => {
    const handler = new StaticHandler({ store: new FileSystemObjectStore(fixture.root) });
    const port = await serve(handler, { serviceId: SERVICE, buildId: '', site: compileSite({}) });
    expect((await send(port, '/')).status).toBe(404);
  });

  it('without a proxy, a rewrite to a URL answers 502', async () => {
    const handler = new StaticHandler({ store: new FileSystemObjectStore(fixture.root) });
    const site = compileSite({ rules: [{ source: '/*', destination: 'http://127.0.0.1:9/:splat', status: 200 }] });
    const port = await serve(handler, { serviceId: SERVICE, buildId: BUILD, site });
    expect((await send(port, '/nope')).status).toBe(502);
  });

  it('explains a plan: rules matched and the object key', async () => {
    const handler = new StaticHandler({ store: new FileSystemObjectStore(fixture.root) });
    const plan = await handler.plan({ serviceId: SERVICE, buildId: BUILD, site: siteRules(1) }, '/chain');
    expect(plan.kind).toBe('redirect');
    expect(plan.trace.join('\n')).toContain('rule 11 (/chain → /old 200)');
    const file = await handler.plan({ serviceId: SERVICE, buildId: BUILD, site: siteRules(1) }, '/docs/guide.html');
    expect(file).toMatchObject({ kind: 'file', key: `sites/${SERVICE}/${BUILD}/docs/guide.html` });
  });
});

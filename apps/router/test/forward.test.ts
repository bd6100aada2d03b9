import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send } from './support/client.ts';
import { startProxy, type TestProxy } from './support/proxy.ts';
import { patternBlock, readBody, startUpstream, type Upstream } from './support/upstream.ts';

const BLOCK = 64 * 1024;
const BLOCKS = 128; // 8 MiB each way

function patternHash(blocks: number): string {
  const hash = createHash('sha256');
  for (let i = 0; i < blocks; i++) hash.update(patternBlock(BLOCK, i));
  return hash.digest('hex');
}

function* patternBody(blocks: number): Iterable<Buffer> {
  for (let i = 0; i < blocks; i++) yield patternBlock(BLOCK, i);
}

describe('forwarding through the serving path', () => {
  let upstream: Upstream;
  let proxy: TestProxy;

  beforeAll(async () => {
    upstream = await startUpstream((req, res, seen) => {
      if (req.url === '/stream') {
        // A streamed response (chunked), plus connection-level fields that must not reach the client.
        readBody(req, seen, async () => {
          res.writeHead(200, {
            'content-type': 'application/octet-stream',
            connection: 'keep-alive, x-upstream-secret',
            'x-upstream-secret': 'hidden',
            'x-body-sha256': seen.bodySha256,
            'x-body-bytes': String(seen.bodyBytes),
          });
          for (let i = 0; i < BLOCKS; i++) {
            if (!res.write(patternBlock(BLOCK, i))) await new Promise((r) => res.once('drain', r));
          }
          res.end();
        });
        return;
      }
      readBody(req, seen, () => {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end('hello');
      });
    });
    proxy = await startProxy({ targets: [{ host: '127.0.0.1', port: upstream.port }] });
  });

  afterAll(async () => {
    await proxy.close();
    await upstream.close();
  });

  it('streams a large GET response back intact and strips the upstream hop-by-hop fields', async () => {
    const answer = await send(proxy.port, { path: '/stream' });
    expect(answer.status).toBe(200);
    expect(answer.body.length).toBe(BLOCK * BLOCKS);
    expect(createHash('sha256').update(answer.body).digest('hex')).toBe(patternHash(BLOCKS));
    expect(answer.headers['content-type']).toBe('application/octet-stream');
    expect(answer.headers['x-upstream-secret']).toBeUndefined();
  });

  it('streams a large chunked POST body upstream intact and the response back', async () => {
    const before = upstream.seen.length;
    const answer = await send(proxy.port, { method: 'POST', path: '/stream', body: patternBody(BLOCKS) });
    expect(answer.status).toBe(200);
    expect(answer.headers['x-body-bytes']).toBe(String(BLOCK * BLOCKS));
    expect(answer.headers['x-body-sha256']).toBe(patternHash(BLOCKS));
    expect(answer.body.length).toBe(BLOCK * BLOCKS);
    expect(upstream.seen.length).toBe(before + 1);
  });

  it('forwards a POST with a Content-Length body', async () => {
    const body = Buffer.concat([...patternBody(40)]);
    const answer = await send(proxy.port, { method: 'POST', path: '/stream', body });
    expect(answer.headers['x-body-bytes']).toBe(String(body.length));
    const seen = upstream.seen.at(-1);
    expect(seen?.headers['content-length']).toBe(String(body.length));
    expect(seen?.headers['transfer-encoding']).toBeUndefined();
  });

  it('removes hop-by-hop fields, including those named in Connection, before adding its own', async () => {
    await send(proxy.port, {
      path: '/headers?x=1',
      headers: {
        connection: 'keep-alive, x-secret, x-forwarded-for, x-request-id',
        'keep-alive': 'timeout=5',
        'x-secret': '1',
        te: 'trailers',
        'proxy-authorization': 'Basic Zm9vOmJhcg==',
        'x-forwarded-for': '6.6.6.6',
        'x-forwarded-proto': 'https',
        'x-forwarded-host': 'evil.example',
        'x-request-id': 'client-chosen',
        'x-switchyard-service-id': 'spoofed',
        'x-kept': 'yes',
      },
    });
    const seen = upstream.seen.at(-1);
    expect(seen?.url).toBe('/headers?x=1');
    const h = seen?.headers ?? {};
    expect(h['x-secret']).toBeUndefined();
    expect(h['keep-alive']).toBeUndefined();
    expect(h.te).toBeUndefined();
    expect(h['proxy-authorization']).toBeUndefined();
    expect(h['x-switchyard-service-id']).toBeUndefined();
    expect(h['x-kept']).toBe('yes');
    expect(h.host).toBe('app.example');
    // Naming X-Forwarded-For in Connection must not strip the router's own value.
    expect(h['x-forwarded-for']).toBe('127.0.0.1');
    expect(h['x-forwarded-proto']).toBe('http');
    expect(h['x-forwarded-host']).toBe('app.example');
    expect(h['x-request-id']).toMatch(/^test-[0-9a-z]+$/);
    expect(seen?.rawHeaders.filter((n) => n.toLowerCase() === 'x-forwarded-for')).toHaveLength(1);
  });

  it('handles Expect: 100-continue itself and forwards the body without it', async () => {
    const body = Buffer.from('x'.repeat(10_000));
    const answer = await send(proxy.port, {
      method: 'PUT',
      path: '/stream',
      headers: { expect: '100-continue' },
      body,
    });
    expect(answer.status).toBe(200);
    expect(answer.headers['x-body-bytes']).toBe(String(body.length));
    expect(upstream.seen.at(-1)?.headers.expect).toBeUndefined();
  });

  it('gives every request its own id', async () => {
    await send(proxy.port, { path: '/a' });
    await send(proxy.port, { path: '/b' });
    const [a, b] = upstream.seen.slice(-2).map((s) => s.headers['x-request-id']);
    expect(a).toBeTruthy();
    expect(a).not.toBe(b);
  });
});

describe('forwarding from a trusted hop, with extra headers', () => {
  let upstream: Upstream;
  let proxy: TestProxy;

  beforeAll(async () => {
    upstream = await startUpstream();
    proxy = await startProxy({
      targets: [{ host: '127.0.0.1', port: upstream.port }],
      trustedHops: ['127.0.0.0/8'],
      extraHeaders: ['x-switchyard-service-id', 'svc-42'],
    });
  });

  afterAll(async () => {
    await proxy.close();
    await upstream.close();
  });

  it('appends to X-Forwarded-For, keeps the forwarded proto, host and a valid request id', async () => {
    await send(proxy.port, {
      headers: {
        'x-forwarded-for': '203.0.113.7',
        'x-forwarded-proto': 'https',
        'x-forwarded-host': 'www.example.com',
        'x-request-id': 'lb-1234',
        'x-switchyard-service-id': 'spoofed',
      },
    });
    const h = upstream.seen.at(-1)?.headers ?? {};
    expect(h['x-forwarded-for']).toBe('203.0.113.7, 127.0.0.1');
    expect(h['x-forwarded-proto']).toBe('https');
    expect(h['x-forwarded-host']).toBe('www.example.com');
    expect(h['x-request-id']).toBe('lb-1234');
    expect(h['x-switchyard-service-id']).toBe('svc-42');
  });

  it('replaces an invalid incoming request id even from a trusted hop', async () => {
    await send(proxy.port, { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(upstream.seen.at(-1)?.headers['x-request-id']).toMatch(/^test-/);
  });
});

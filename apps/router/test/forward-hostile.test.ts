import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { rawExchange, statusesIn } from './support/client.ts';
import { startProxy, type TestProxy } from './support/proxy.ts';
import { startUpstream, type Upstream } from './support/upstream.ts';

const SMUGGLED = 'GET /smuggled HTTP/1.1\r\nHost: app.example\r\n\r\n';

/** Requests the router must refuse outright: nothing reaches the upstream. */
const refused: { name: string; bytes: string; status: number }[] = [
  {
    name: 'Content-Length together with Transfer-Encoding',
    bytes: `POST / HTTP/1.1\r\nHost: app.example\r\nContent-Length: 6\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n${SMUGGLED}`,
    status: 400,
  },
  {
    name: 'two different Content-Lengths',
    bytes: `POST / HTTP/1.1\r\nHost: app.example\r\nContent-Length: 5\r\nContent-Length: 46\r\n\r\nhello${SMUGGLED}`,
    status: 400,
  },
  {
    name: 'a Transfer-Encoding that does not end in chunked',
    bytes: `POST / HTTP/1.1\r\nHost: app.example\r\nTransfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n${SMUGGLED}`,
    status: 400,
  },
  {
    name: 'whitespace before the colon in Transfer-Encoding',
    bytes: `POST / HTTP/1.1\r\nHost: app.example\r\nTransfer-Encoding : chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n${SMUGGLED}`,
    status: 400,
  },
  {
    name: 'an obs-folded Transfer-Encoding',
    bytes: `POST / HTTP/1.1\r\nHost: app.example\r\nTransfer-Encoding:\r\n chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n${SMUGGLED}`,
    status: 400,
  },
  {
    name: 'oversized headers',
    bytes: `GET / HTTP/1.1\r\nHost: app.example\r\nX-Big: ${'a'.repeat(32 * 1024)}\r\n\r\n`,
    status: 431,
  },
  { name: 'a missing Host', bytes: 'GET / HTTP/1.1\r\n\r\n', status: 400 },
  { name: 'an empty Host', bytes: 'GET / HTTP/1.1\r\nHost: \r\n\r\n', status: 400 },
  { name: 'a Host with a path', bytes: 'GET / HTTP/1.1\r\nHost: app.example/evil\r\n\r\n', status: 400 },
  { name: 'a Host with userinfo', bytes: 'GET / HTTP/1.1\r\nHost: user@app.example\r\n\r\n', status: 400 },
  { name: 'a Host with an invalid port', bytes: 'GET / HTTP/1.1\r\nHost: app.example:99999\r\n\r\n', status: 400 },
  { name: 'an unterminated IPv6 Host', bytes: 'GET / HTTP/1.1\r\nHost: [::1\r\n\r\n', status: 400 },
  {
    name: 'two Host fields',
    bytes: 'GET / HTTP/1.1\r\nHost: app.example\r\nHost: other.example\r\n\r\n',
    status: 400,
  },
  {
    name: 'an absolute-form target with userinfo',
    bytes: 'GET http://app.example@other.example/ HTTP/1.1\r\nHost: app.example\r\n\r\n',
    status: 400,
  },
  { name: 'an asterisk-form target on GET', bytes: 'GET * HTTP/1.1\r\nHost: app.example\r\n\r\n', status: 400 },
  { name: 'CONNECT', bytes: 'CONNECT 10.0.0.1:22 HTTP/1.1\r\nHost: 10.0.0.1:22\r\n\r\n', status: 405 },
];

describe('hostile input over raw sockets', () => {
  let upstream: Upstream;
  let proxy: TestProxy;

  beforeAll(async () => {
    upstream = await startUpstream();
    proxy = await startProxy({ targets: [{ host: '127.0.0.1', port: upstream.port }] });
  });

  afterAll(async () => {
    await proxy.close();
    await upstream.close();
  });

  beforeEach(() => {
    upstream.seen.length = 0;
  });

  it.each(refused)('refuses $name with $status and forwards nothing', async ({ bytes, status }) => {
    const { text, timedOut } = await rawExchange(proxy.port, bytes);
    expect(timedOut).toBe(false); // the router closed the connection
    expect(statusesIn(text)).toEqual([status]);
    expect(text).toMatch(/\r\nx-request-id: test-/);
    expect(upstream.seen).toEqual([]);
  });

  it('never lets an invalid chunk size turn into a request upstream', async () => {
    const { text, timedOut } = await rawExchange(
      proxy.port,
      `POST /upload HTTP/1.1\r\nHost: app.example\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n${SMUGGLED}\r\n0\r\n\r\n`,
    );
    expect(timedOut).toBe(false);
    expect(statusesIn(text).filter((s) => s === 200)).toEqual([]);
    // The head may have been forwarded before the body turned out to be invalid, but its body
    // never completed and nothing else was sent.
    expect(upstream.seen.map((s) => s.url)).not.toContain('/smuggled');
    await expect.poll(() => upstream.seen.every((s) => !s.complete || s.bodyBytes === 0)).toBe(true);
    expect(upstream.seen.every((s) => s.url === '/upload')).toBe(true);
  });

  it('forwards a request hidden in a chunked body as body bytes, not as a request', async () => {
    const hidden = `${SMUGGLED}`;
    const size = Buffer.byteLength(hidden).toString(16);
    const { text } = await rawExchange(
      proxy.port,
      `POST /form HTTP/1.1\r\nHost: app.example\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n${size}\r\n${hidden}\r\n0\r\n\r\n`,
    );
    expect(statusesIn(text)).toEqual([200]);
    expect(upstream.seen.map((s) => s.url)).toEqual(['/form']);
    expect(upstream.seen[0]?.bodyBytes).toBe(Buffer.byteLength(hidden));
  });

  it('routes an absolute-form target naming the Host as its origin-form path', async () => {
    const { text } = await rawExchange(
      proxy.port,
      'GET http://App.Example/x?y=1 HTTP/1.1\r\nHost: app.example\r\nConnection: close\r\n\r\n',
    );
    expect(statusesIn(text)).toEqual([200]);
    expect(upstream.seen.map((s) => [s.url, s.headers.host])).toEqual([['/x?y=1', 'app.example']]);
  });

  it('routes an absolute-form target by its authority (RFC 9112 §3.2.2): the Host sent upstream', async () => {
    const { text } = await rawExchange(
      proxy.port,
      'GET http://other.example/admin HTTP/1.1\r\nHost: app.example\r\nConnection: close\r\n\r\n',
    );
    expect(statusesIn(text)).toEqual([200]);
    expect(upstream.seen.map((s) => [s.url, s.headers.host])).toEqual([['/admin', 'other.example']]);
  });

  it('keeps //10.0.0.1/ a path: same upstream, same Host', async () => {
    const { text } = await rawExchange(
      proxy.port,
      'GET //10.0.0.1/internal HTTP/1.1\r\nHost: app.example\r\nConnection: close\r\n\r\n',
    );
    expect(statusesIn(text)).toEqual([200]);
    expect(upstream.seen.map((s) => [s.url, s.headers.host])).toEqual([['//10.0.0.1/internal', 'app.example']]);
  });

  it('accepts IPv4, bracketed IPv6 and port forms of Host', async () => {
    for (const host of ['10.0.0.1', '[::1]:8080', 'app.example:8443', 'APP.example.']) {
      const { text } = await rawExchange(proxy.port, `GET / HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
      expect(statusesIn(text)).toEqual([200]);
    }
    expect(upstream.seen.map((s) => s.headers.host)).toEqual([
      '10.0.0.1',
      '[::1]:8080',
      'app.example:8443',
      'APP.example.',
    ]);
  });

  it('answers each pipelined request on its own, each checked', async () => {
    const { text } = await rawExchange(
      proxy.port,
      'GET /one HTTP/1.1\r\nHost: app.example\r\n\r\nGET /two HTTP/1.1\r\nHost: other.example:x\r\n\r\n',
    );
    expect(statusesIn(text)).toEqual([200, 400]);
    expect(upstream.seen.map((s) => s.url)).toEqual(['/one']);
  });
});

describe('slow clients', () => {
  it('answers 408 and closes when the request head does not arrive in time (slowloris)', async () => {
    const upstream = await startUpstream();
    const proxy = await startProxy({
      targets: [{ host: '127.0.0.1', port: upstream.port }],
      server: { headersTimeoutMs: 300, requestTimeoutMs: 600, checkIntervalMs: 100 },
    });
    try {
      const { text, timedOut } = await rawExchange(
        proxy.port,
        'GET / HTTP/1.1\r\nHost: app.example\r\nX-Slow: 1',
        10_000,
      );
      expect(timedOut).toBe(false);
      expect(statusesIn(text)).toEqual([408]);
      expect(upstream.seen).toEqual([]);
    } finally {
      await proxy.close();
      await upstream.close();
    }
  });
});

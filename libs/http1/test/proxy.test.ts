import { type AddressInfo, connect, createServer, type Server, type Socket } from 'node:net';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  CountingMetrics,
  DISPATCHED_MARKER,
  Forwarder,
  type ForwarderOptions,
  HttpServer,
  RequestIds,
  type Target,
  UpstreamPool,
} from '../src/index.ts';

/** A raw upstream: `answer` gets each connection and what arrived on it so far. */
async function rawUpstream(
  answer: (socket: Socket, received: string) => void,
): Promise<{ port: number; server: Server; received: string[] }> {
  const received: string[] = [];
  const server = createServer((socket) => {
    let seen = '';
    socket.on('data', (chunk: Buffer) => {
      seen += chunk.toString('latin1');
      received.push(chunk.toString('latin1'));
      answer(socket, seen);
    });
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, server, received };
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});
afterAll(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function proxyTo(
  port: number,
  options: Partial<ForwarderOptions> = {},
): Promise<{ port: number; metrics: CountingMetrics; pool: UpstreamPool; forwarder: Forwarder }> {
  const metrics = new CountingMetrics();
  const pool = new UpstreamPool({ readTimeoutMs: 2000 });
  const forwarder = new Forwarder({ pool, requestIds: new RequestIds('t-'), metrics, ...options });
  const server = new HttpServer({ metrics }, (conn) => forwarder.forward(conn, { host: '127.0.0.1', port }));
  const address = await server.listen(0);
  cleanups.push(async () => {
    await server.drain(100);
    await pool.close();
  });
  return { port: address.port, metrics, pool, forwarder };
}

/** Sends `bytes`, returns all that came back until the proxy closed (or `idleMs` of silence). */
function exchange(port: number, bytes: string, idleMs = 1500): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    socket.setTimeout(idleMs, () => socket.destroy());
    socket.on('data', (c: Buffer) => {
      text += c.toString('latin1');
    });
    socket.on('error', () => {});
    socket.on('close', () => resolve(text));
    socket.write(bytes);
  });
}

const GET = 'GET / HTTP/1.1\r\nHost: app.example\r\nConnection: close\r\n\r\n';

describe('responses an upstream must never get past the engine', () => {
  const ambiguous: [string, string][] = [
    [
      'Content-Length with Transfer-Encoding',
      'HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
    ],
    ['two different Content-Lengths', 'HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd'],
    ['a signed Content-Length', 'HTTP/1.1 200 OK\r\nContent-Length: +3\r\n\r\nabc'],
    ['a transfer coding other than chunked', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\nabc'],
    ['a NUL in a header value', 'HTTP/1.1 200 OK\r\nX-A: a\u0000b\r\nContent-Length: 1\r\n\r\na'],
    ['a bare LF', 'HTTP/1.1 200 OK\nContent-Length: 1\r\n\r\na'],
    ['obs-fold', 'HTTP/1.1 200 OK\r\nX-A: a\r\n b\r\nContent-Length: 1\r\n\r\na'],
    ['a space before the colon', 'HTTP/1.1 200 OK\r\nContent-Length : 1\r\n\r\na'],
    ['garbage', 'SSH-2.0-OpenSSH_9.2\r\n\r\n'],
    ['a 101 nobody asked for', 'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n'],
  ];
  it.each(ambiguous)('answers 502 for %s and closes that upstream connection', async (_name, bytes) => {
    let connections = 0;
    const upstream = await rawUpstream((socket) => {
      socket.write(bytes);
    });
    upstream.server.on('connection', () => connections++);
    cleanups.push(() => new Promise((r) => upstream.server.close(() => r())));
    const proxy = await proxyTo(upstream.port);
    const text = await exchange(proxy.port, GET);
    expect(text).toMatch(/^HTTP\/1\.1 502 /);
    expect(proxy.metrics.get('badResponse')).toBe(1);
    // The next request gets a new upstream connection: the bad one was not reused.
    await exchange(proxy.port, GET);
    expect(connections).toBe(2);
  });

  it('cuts the client connection when the chunked framing breaks after the head was passed on', async () => {
    const upstream = await rawUpstream((socket) => {
      socket.write('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\nzz\r\n');
    });
    cleanups.push(() => new Promise((r) => upstream.server.close(() => r())));
    const proxy = await proxyTo(upstream.port);
    const text = await exchange(proxy.port, GET.replace('Connection: close\r\n', ''));
    expect(text).toMatch(/^HTTP\/1\.1 200 /);
    expect(text).not.toContain('0\r\n\r\n'); // never a complete-looking response
  });

  it('does not pass bytes beyond the announced Content-Length, nor reuse that connection', async () => {
    const upstream = await rawUpstream((socket) => {
      socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokHTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nforged');
    });
    cleanups.push(() => new Promise((r) => upstream.server.close(() => r())));
    const proxy = await proxyTo(upstream.port);
    const text = await exchange(proxy.port, GET);
    expect(text).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(text.endsWith('\r\n\r\nok')).toBe(true);
    expect(text).not.toContain('forged');
  });
});

describe('framing passed through', () => {
  it('passes a chunked body through unchanged, and de-chunks it for an HTTP/1.0 client', async () => {
    const upstream = await rawUpstream((socket) => {
      socket.write(
        'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nConnection: keep-alive\r\n\r\n5;x=1\r\nhello\r\n0\r\nX-T: 1\r\n\r\n',
      );
    });
    cleanups.push(() => new Promise((r) => upstream.server.close(() => r())));
    const proxy = await proxyTo(upstream.port);
    const v11 = await exchange(proxy.port, GET);
    expect(v11).toContain('\r\ntransfer-encoding: chunked\r\n');
    expect(v11).not.toMatch(/\r\nConnection: keep-alive/i);
    expect(v11.endsWith('\r\n\r\n5;x=1\r\nhello\r\n0\r\nX-T: 1\r\n\r\n')).toBe(true);
    const v10 = await exchange(proxy.port, 'GET / HTTP/1.0\r\nHost: app.example\r\n\r\n');
    expect(v10).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(v10).not.toMatch(/transfer-encoding/i);
    expect(v10.endsWith('\r\n\r\nhello')).toBe(true);
  });

  it('relays 103 Early Hints to an HTTP/1.1 client, then the final response', async () => {
    const upstream = await rawUpstream((socket) => {
      socket.write('HTTP/1.1 103 Early Hints\r\nLink: </s.css>; rel=preload\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n');
    });
    cleanups.push(() => new Promise((r) => upstream.server.close(() => r())));
    const proxy = await proxyTo(upstream.port);
    const text = await exchange(proxy.port, GET);
    expect([...text.matchAll(/HTTP\/1\.1 (\d{3})/g)].map((m) => m[1])).toEqual(['103', '204']);
  });

  it('answers a HEAD without waiting for a body the Content-Length announces', async () => {
    const upstream = await rawUpstream((socket) => {
      socket.write('HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n');
    });
    cleanups.push(() => new Promise((r) => upstream.server.close(() => r())));
    const proxy = await proxyTo(upstream.port);
    const text = await exchange(proxy.port, GET.replace('GET', 'HEAD'), 3000);
    expect(text).toBe('HTTP/1.1 200 OK\r\nContent-Length: 1000\r\nconnection: close\r\n\r\n');
  });

  it('passes on a response that arrives before the request body is finished, then closes', async () => {
    const upstream = await rawUpstream((socket, seen) => {
      if (seen.includes('\r\n\r\n')) socket.write('HTTP/1.1 413 Payload Too Large\r\nContent-Length: 0\r\n\r\n');
    });
    cleanups.push(() => new Promise((r) => upstream.server.close(() => r())));
    const proxy = await proxyTo(upstream.port);
    // More than the request buffer (16 KiB): the upstream sees the head before the body is finished.
    const text = await exchange(
      proxy.port,
      `POST / HTTP/1.1\r\nHost: app.example\r\nContent-Length: 100000\r\n\r\n${'p'.repeat(20_000)}`,
    );
    expect(text).toMatch(/^HTTP\/1\.1 413 /);
    expect(text).toContain('\r\nconnection: close\r\n');
  });

  it('takes no upstream connection for a body still arriving below the request buffer, then sends it whole', async () => {
    let connections = 0;
    const upstream = await rawUpstream((socket, seen) => {
      if (seen.endsWith('hello world')) socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok');
    });
    upstream.server.on('connection', () => connections++);
    cleanups.push(() => new Promise((r) => upstream.server.close(() => r())));
    const proxy = await proxyTo(upstream.port);
    const socket = connect(proxy.port, '127.0.0.1');
    let text = '';
    socket.on('data', (c: Buffer) => {
      text += c.toString('latin1');
    });
    socket.write('POST / HTTP/1.1\r\nHost: app.example\r\nContent-Length: 11\r\n\r\nhello');
    await new Promise((r) => setTimeout(r, 300));
    expect(connections).toBe(0); // a slow client holds no upstream connection
    socket.write(' world');
    await expect.poll(() => text, { timeout: 2000 }).toMatch(/^HTTP\/1\.1 200 OK\r\n[\s\S]*ok$/);
    expect(connections).toBe(1);
    expect(upstream.received.join('')).toMatch(/\r\n\r\nhello world$/);
    socket.destroy();
  });

  it('stops buffering past the total budget: a request then connects at once, and the budget is given back', async () => {
    let connections = 0;
    const upstream = await rawUpstream((socket, seen) => {
      if (seen.endsWith('hello world')) socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok');
    });
    upstream.server.on('connection', () => connections++);
    cleanups.push(() => new Promise((r) => upstream.server.close(() => r())));
    // Room for one request's first buffer (256 bytes), not two.
    const proxy = await proxyTo(upstream.port, { requestBufferTotalBytes: 300 });
    const clients = [0, 1].map(() => {
      const socket = connect(proxy.port, '127.0.0.1');
      const answer = { text: '' };
      socket.on('data', (c: Buffer) => {
        answer.text += c.toString('latin1');
      });
      socket.write('POST / HTTP/1.1\r\nHost: app.example\r\nContent-Length: 11\r\n\r\nhello');
      return { socket, answer };
    });
    await expect.poll(() => connections, { timeout: 2000 }).toBe(1); // the second one, past the budget
    await new Promise((r) => setTimeout(r, 200));
    expect(connections).toBe(1); // the first one still buffers
    for (const { socket } of clients) socket.write(' world');
    for (const { answer } of clients) {
      await expect.poll(() => answer.text, { timeout: 2000 }).toMatch(/^HTTP\/1\.1 200 OK\r\n[\s\S]*ok$/);
    }
    expect(connections).toBe(2);
    expect(proxy.forwarder.bufferedTotal).toBe(0);
    for (const { socket } of clients) socket.destroy();
  });

  it('answers Expect: 100-continue itself once it forwards, and never sends Expect upstream', async () => {
    const upstream = await rawUpstream((socket, seen) => {
      if (seen.endsWith('\r\n\r\nbody')) socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok');
    });
    cleanups.push(() => new Promise((r) => upstream.server.close(() => r())));
    const proxy = await proxyTo(upstream.port);
    const text = await new Promise<string>((resolve) => {
      const socket = connect(proxy.port, '127.0.0.1');
      let got = '';
      socket.on('data', (c: Buffer) => {
        got += c.toString('latin1');
        if (got === 'HTTP/1.1 100 Continue\r\n\r\n') socket.write('body');
      });
      socket.on('close', () => resolve(got));
      socket.write(
        'POST / HTTP/1.1\r\nHost: app.example\r\nExpect: 100-continue\r\nContent-Length: 4\r\nConnection: close\r\n\r\n',
      );
    });
    expect(text.startsWith('HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\n')).toBe(true);
    expect(upstream.received.join('')).not.toMatch(/expect/i);
  });

  it('answers pipelined requests in order, each forwarded on its own', async () => {
    const upstream = await rawUpstream((socket, seen) => {
      const count = seen.split('\r\n\r\n').length - 1;
      socket.write(`HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\n${count}`);
    });
    cleanups.push(() => new Promise((r) => upstream.server.close(() => r())));
    const proxy = await proxyTo(upstream.port);
    const one = 'GET /a HTTP/1.1\r\nHost: app.example\r\n\r\n';
    const text = await exchange(proxy.port, `${one}${one}${GET}`);
    expect([...text.matchAll(/\r\n\r\n(\d)/g)].map((m) => m[1])).toEqual(['1', '2', '3']);
  });

  it('drops request fields with an underscore in the name (Content_Length is Content-Length to CGI)', async () => {
    const upstream = await rawUpstream((socket) => {
      socket.write('HTTP/1.1 204 No Content\r\n\r\n');
    });
    cleanups.push(() => new Promise((r) => upstream.server.close(() => r())));
    const proxy = await proxyTo(upstream.port);
    const text = await exchange(
      proxy.port,
      'GET / HTTP/1.1\r\nHost: app.example\r\nContent_Length: 40\r\nX_Api_Key: k\r\nX-Kept: 1\r\nConnection: close\r\n\r\n',
    );
    expect(text).toMatch(/^HTTP\/1\.1 204 /);
    const seen = upstream.received.join('');
    expect(seen).not.toMatch(/_/);
    expect(seen).toContain('\r\nX-Kept: 1\r\n');
  });
});

/**
 * The engine wired to two targets as the router wires it to a service's instances: every request
 * to the first, a retry (when the engine allows one) to the second, and every upstream failure
 * reported as the balancer sees it.
 */
async function balancedProxy(
  first: number,
  second: number,
): Promise<{ port: number; metrics: CountingMetrics; failed: string[] }> {
  const metrics = new CountingMetrics();
  const failed: string[] = [];
  const pool = new UpstreamPool({ readTimeoutMs: 300 });
  const forwarder = new Forwarder({
    pool,
    requestIds: new RequestIds('t-'),
    metrics,
    onUpstreamFailed: (target, error) => failed.push(`${target.port} ${error.code}`),
  });
  const a: Target = { host: '127.0.0.1', port: first };
  const b: Target = { host: '127.0.0.1', port: second };
  const server = new HttpServer({ metrics }, (conn) =>
    forwarder.forward(conn, a, null, (t) => (t === a ? b : undefined)),
  );
  const address = await server.listen(0);
  cleanups.push(async () => {
    await server.drain(100);
    await pool.close();
  });
  return { port: address.port, metrics, failed };
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('what the upstream did decides a retry; what it failed tells the balancer', () => {
  async function upstream(answer: (socket: Socket, received: string) => void) {
    const u = await rawUpstream(answer);
    cleanups.push(() => new Promise((r) => u.server.close(() => r())));
    return u;
  }
  const ok = (socket: Socket) => socket.end('HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok');

  it('retries a GET dropped before any byte came back on the next target', async () => {
    const dropping = await upstream((socket) => socket.resetAndDestroy());
    const good = await upstream(ok);
    const proxy = await balancedProxy(dropping.port, good.port);
    const text = await exchange(proxy.port, GET);
    expect(text).toMatch(/^HTTP\/1\.1 200 /);
    expect(good.received.join('')).toContain('GET / HTTP/1.1');
    expect(proxy.failed).toEqual([`${dropping.port} ECONNRESET`]);
  });

  it("never retries a GET dropped after a hop's dispatch marker (it may have reached an instance): 502", async () => {
    const dispatching = await upstream((socket) => {
      socket.write(DISPATCHED_MARKER);
      setTimeout(() => socket.resetAndDestroy(), 50);
    });
    const good = await upstream(ok);
    const proxy = await balancedProxy(dispatching.port, good.port);
    const text = await exchange(proxy.port, GET);
    expect(text).toMatch(/^HTTP\/1\.1 502 /);
    expect(text).not.toContain('102'); // the marker is the hop's own signal, never relayed
    expect(good.received).toEqual([]);
    expect(proxy.metrics.get('retried')).toBe(0);
  });

  it('does not relay the dispatch marker before a final response, and still relays other 1xx', async () => {
    const answering = await upstream((socket) => {
      socket.write(DISPATCHED_MARKER);
      socket.end(
        'HTTP/1.1 103 Early Hints\r\nLink: </s.css>; rel=preload\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok',
      );
    });
    const proxy = await balancedProxy(answering.port, await closedPort());
    const text = await exchange(proxy.port, GET);
    expect([...text.matchAll(/HTTP\/1\.1 (\d{3})/g)].map((m) => m[1])).toEqual(['103', '200']);
    expect(text).not.toMatch(/x-switchyard-dispatched/i);
  });

  it('reports a refused POST (not retried) and an upstream that accepts and never answers (504)', async () => {
    const refusing = await closedPort();
    const good = await upstream(ok);
    const refused = await balancedProxy(refusing, good.port);
    const post = 'POST / HTTP/1.1\r\nHost: app.example\r\nContent-Length: 2\r\nConnection: close\r\n\r\nhi';
    expect(await exchange(refused.port, post)).toMatch(/^HTTP\/1\.1 502 /);
    expect(good.received).toEqual([]);
    expect(refused.failed).toEqual([`${refusing} ECONNREFUSED`]);

    const silent = await upstream(() => {});
    const hanging = await balancedProxy(silent.port, good.port);
    expect(await exchange(hanging.port, post)).toMatch(/^HTTP\/1\.1 504 /);
    expect(hanging.failed).toEqual([`${silent.port} UPSTREAM_TIMEOUT`]);
    expect(good.received).toEqual([]); // a timeout is never retried: the upstream had the request
  });
});

describe('the upstream read timeout counts activity, not time since the request', () => {
  it('lets an upload and a trickled response that each outlast the timeout through', async () => {
    let uploaded = 0;
    const u = await rawUpstream((socket, received) => {
      uploaded = received.length;
      if (!received.endsWith('\r\n0\r\n\r\n')) return;
      // Answers slowly too: a byte every 100 ms, 8 in all (800 ms, the timeout is 300 ms).
      socket.write('HTTP/1.1 200 OK\r\nContent-Length: 8\r\nConnection: close\r\n\r\n');
      let sent = 0;
      const tick = setInterval(() => {
        socket.write('x');
        if (++sent === 8) {
          clearInterval(tick);
          socket.end();
        }
      }, 100);
    });
    cleanups.push(() => new Promise((r) => u.server.close(() => r())));
    const metrics = new CountingMetrics();
    const pool = new UpstreamPool({ readTimeoutMs: 300 });
    const forwarder = new Forwarder({ pool, requestIds: new RequestIds('t-'), metrics, requestBufferBytes: 0 });
    const server = new HttpServer({ metrics }, (conn) => forwarder.forward(conn, { host: '127.0.0.1', port: u.port }));
    const { port } = await server.listen(0);
    cleanups.push(async () => {
      await server.drain(100);
      await pool.close();
    });

    const text = await new Promise<string>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      let answer = '';
      socket.on('data', (c: Buffer) => {
        answer += c.toString('latin1');
      });
      socket.on('error', () => {});
      socket.on('close', () => resolve(answer));
      socket.write('POST / HTTP/1.1\r\nHost: app.example\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n');
      // One chunk every 100 ms for 800 ms.
      let chunks = 0;
      const tick = setInterval(() => {
        if (chunks++ < 8) {
          socket.write('1\r\na\r\n');
          return;
        }
        clearInterval(tick);
        socket.write('0\r\n\r\n');
      }, 100);
    });
    expect(uploaded).toBeGreaterThan(0);
    expect(text).toMatch(/^HTTP\/1\.1 200 /);
    expect(text.endsWith('xxxxxxxx')).toBe(true);
    expect(metrics.get('timeout')).toBe(0);
  });
});

describe('upstream bytes read into one buffer per thread arrive intact', () => {
  /**
   * 16 MiB of bytes that differ from one offset to the next, sent by the upstream in small writes:
   * more than loopback's socket buffers hold, so the proxy's writes to a stalled client queue.
   */
  const BODY = Buffer.alloc(16 * 1024 * 1024);
  for (let i = 0; i < BODY.length; i++) BODY[i] = (i * 7 + (i >> 11)) & 0xff;

  async function sendInPieces(socket: Socket, bytes: Buffer): Promise<void> {
    for (let at = 0; at < bytes.length; at += 1500) {
      if (!socket.write(bytes.subarray(at, at + 1500))) await new Promise((r) => socket.once('drain', r));
    }
  }

  /** Reads everything from `port` after sending `request`, stalling for 300 ms after every 4 MiB. */
  function slowRead(port: number, request: string): Promise<Buffer> {
    return new Promise((resolve) => {
      const socket = connect(port, '127.0.0.1');
      const chunks: Buffer[] = [];
      let seen = 0;
      socket.on('data', (c: Buffer) => {
        chunks.push(c);
        seen += c.length;
        if (seen > 4 * 1024 * 1024) {
          seen = 0;
          socket.pause();
          setTimeout(() => socket.resume(), 300);
        }
      });
      socket.on('error', () => {});
      socket.on('close', () => resolve(Buffer.concat(chunks)));
      socket.write(request);
    });
  }

  it('a long response to a client that reads slowly', async () => {
    const u = await rawUpstream((socket, received) => {
      if (!received.endsWith('\r\n\r\n')) return;
      socket.write(`HTTP/1.1 200 OK\r\nContent-Length: ${BODY.length}\r\nConnection: close\r\n\r\n`);
      void sendInPieces(socket, BODY).then(() => socket.end());
    });
    cleanups.push(() => new Promise((r) => u.server.close(() => r())));
    const proxy = await proxyTo(u.port);
    const answer = await slowRead(proxy.port, GET);
    const body = answer.subarray(answer.indexOf('\r\n\r\n') + 4);
    expect(body.length).toBe(BODY.length);
    expect(body.equals(BODY)).toBe(true);
  });

  it('a tunnel after 101, upstream to a client that reads slowly', async () => {
    const u = await rawUpstream((socket, received) => {
      if (!received.endsWith('\r\n\r\n')) return;
      socket.write('HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: test\r\n\r\n');
      void sendInPieces(socket, BODY).then(() => socket.end());
    });
    cleanups.push(() => new Promise((r) => u.server.close(() => r())));
    const proxy = await proxyTo(u.port);
    const answer = await slowRead(
      proxy.port,
      'GET /ws HTTP/1.1\r\nHost: app.example\r\nConnection: Upgrade\r\nUpgrade: test\r\n\r\n',
    );
    const body = answer.subarray(answer.indexOf('\r\n\r\n') + 4);
    expect(answer.subarray(0, 12).toString()).toBe('HTTP/1.1 101');
    expect(body.length).toBe(BODY.length);
    expect(body.equals(BODY)).toBe(true);
  });
});

import type { Server } from 'node:http';
import { constants } from 'node:http2';
import { connect as tlsConnect } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Outcome, RequestEnd } from '../src/index.ts';
import {
  type Echo,
  type Front,
  h2client,
  h2request,
  isPattern,
  makeCertificate,
  patternBlock,
  startFront,
  startUpstream,
} from './h2/harness.ts';
import { RawH2Client } from './h2/raw-client.ts';

const tls = makeCertificate();
let upstream: { server: Server; port: number; requests: string[] };
let front: Front;

beforeAll(async () => {
  upstream = await startUpstream();
  front = await startFront(tls, upstream.port, {}, { readTimeoutMs: 30_000 });
});

afterAll(async () => {
  await front.close();
  await new Promise<void>((resolve) => upstream.server.close(() => resolve()));
  upstream.server.closeAllConnections();
});

function echoOf(body: Buffer): Echo {
  return JSON.parse(body.toString('utf8')) as Echo;
}

describe('HTTP/2 streams forwarded to HTTP/1.1 upstreams', () => {
  it('routes by :authority and sends the same field hygiene as HTTP/1.1', async () => {
    const client = h2client(front.port, 'example.test');
    try {
      const answer = await h2request(client, {
        ':method': 'GET',
        ':path': '/echo?q=1',
        ':authority': 'api.example.test',
        'x-forwarded-for': '6.6.6.6',
        'x-request-id': 'spoofed',
        'x-switchyard-service': 'spoofed',
        te: 'trailers',
        x_under: 'dropped',
        cookie: ['a=1', 'b=2'],
        'x-custom': 'kept',
      });
      expect(answer.status).toBe(200);
      const echo = echoOf(answer.body);
      expect(echo.method).toBe('GET');
      expect(echo.url).toBe('/echo?q=1');
      expect(echo.httpVersion).toBe('1.1');
      expect(echo.headers.host).toBe('api.example.test');
      expect(echo.headers['x-forwarded-for']).toBe('127.0.0.1');
      expect(echo.headers['x-forwarded-proto']).toBe('https');
      expect(echo.headers['x-forwarded-host']).toBe('api.example.test');
      expect(echo.headers['x-request-id']).toMatch(/^t-/);
      expect(echo.headers['x-switchyard-service']).toBeUndefined();
      expect(echo.headers.te).toBeUndefined();
      expect(echo.headers.x_under).toBeUndefined();
      expect(echo.headers.cookie).toBe('a=1; b=2');
      expect(echo.headers['x-custom']).toBe('kept');
      expect(echo.headers['transfer-encoding']).toBeUndefined();
      expect(echo.headers['content-length']).toBeUndefined();
      // One Host, first: the upstream head is the engine's own.
      expect(echo.rawHeaders.filter((h) => h.toLowerCase() === 'host')).toHaveLength(1);
    } finally {
      client.close();
    }
  });

  it('removes connection-specific fields from the upstream response', async () => {
    const client = h2client(front.port);
    try {
      const answer = await h2request(client, { ':path': '/hop' });
      expect(answer.status).toBe(200);
      expect(answer.body.toString()).toBe('ok');
      expect(answer.headers.connection).toBeUndefined();
      expect(answer.headers['keep-alive']).toBeUndefined();
      expect(answer.headers['x-hop']).toBeUndefined();
      expect(answer.headers['x-end']).toBe('kept');
      expect(answer.headers['content-length']).toBe('2');
    } finally {
      client.close();
    }
  });

  it('sends request bodies with their content-length, or chunked when the length is unknown', async () => {
    const client = h2client(front.port);
    try {
      const known = await h2request(
        client,
        { ':method': 'POST', ':path': '/echo', 'content-length': '11' },
        Buffer.from('hello world'),
      );
      const k = echoOf(known.body);
      expect(k.headers['content-length']).toBe('11');
      expect(k.headers['transfer-encoding']).toBeUndefined();
      expect(k.body).toBe('hello world');

      const unknown = await h2request(client, { ':method': 'POST', ':path': '/echo' }, [
        Buffer.from('first '),
        Buffer.from('second'),
      ]);
      const u = echoOf(unknown.body);
      expect(u.headers['content-length']).toBeUndefined();
      expect(u.headers['transfer-encoding']).toBe('chunked');
      expect(u.body).toBe('first second');
    } finally {
      client.close();
    }
  });

  it('ends an empty body announced by an open stream (END_STREAM on an empty DATA frame)', async () => {
    const client = h2client(front.port);
    try {
      const answer = await h2request(client, { ':method': 'POST', ':path': '/echo' }, []);
      const echo = echoOf(answer.body);
      expect(echo.headers['transfer-encoding']).toBe('chunked');
      expect(echo.bodyLength).toBe(0);
    } finally {
      client.close();
    }
  });

  it('streams large bodies both ways with backpressure, de-chunking the upstream response', async () => {
    const client = h2client(front.port);
    try {
      const size = 8 * 1024 * 1024;
      const down = await h2request(client, { ':path': `/bytes?n=${size}&chunked=1` });
      expect(down.status).toBe(200);
      expect(down.headers['transfer-encoding']).toBeUndefined();
      expect(down.body.length).toBe(size);
      expect(isPattern(down.body)).toBe(true);

      const block = patternBlock();
      const blocks = Array.from({ length: 128 }, () => block); // 8 MiB, unknown length
      const up = await h2request(client, { ':method': 'PUT', ':path': '/sink' }, blocks);
      expect(up.status).toBe(200);
      expect(up.body.toString()).toBe(String(128 * block.length));
    } finally {
      client.close();
    }
  });

  it('answers 502 and 504 with the pages, with a request id', async () => {
    // Its own front: an upstream silent for 300 ms times out there.
    const own = await startFront(tls, upstream.port, {}, { readTimeoutMs: 300 });
    const client = h2client(own.port);
    try {
      const dead = await h2request(client, { ':path': '/dead' });
      expect(dead.status).toBe(502);
      expect(dead.headers['x-request-id']).toMatch(/^t-/);
      expect(dead.body.toString()).toMatch(/^502 Bad Gateway: /);
      const slow = await h2request(client, { ':path': '/hang' });
      expect(slow.status).toBe(504);
      expect(slow.body.toString()).toMatch(/^504 Gateway Timeout: /);
      expect(own.metrics.get('connectFailed')).toBe(1);
      expect(own.metrics.get('timeout')).toBe(1);
    } finally {
      client.close();
      await own.close();
    }
  });

  it('answers 421 for an authority the connection certificate does not cover', async () => {
    const client = h2client(front.port);
    try {
      const before = front.metrics.get('misdirected');
      const other = await h2request(client, { ':path': '/echo', ':authority': 'other.test' });
      expect(other.status).toBe(421);
      expect(other.body.toString()).toMatch(/^421 Misdirected Request: /);
      const deeper = await h2request(client, { ':path': '/echo', ':authority': 'a.b.example.test:443' });
      expect(deeper.status).toBe(421);
      expect(front.metrics.get('misdirected')).toBe(before + 2);
      // The same connection still serves the names it covers, with a port and a trailing dot too.
      const covered = await h2request(client, { ':path': '/echo', ':authority': 'WWW.example.test.:443' });
      expect(covered.status).toBe(200);
      expect(echoOf(covered.body).headers.host).toBe('WWW.example.test.:443');
    } finally {
      client.close();
    }
  });

  it('answers HEAD, 204 and 304 without a body', async () => {
    const client = h2client(front.port);
    try {
      const head = await h2request(client, { ':method': 'HEAD', ':path': '/bytes?n=1000' });
      expect(head.status).toBe(200);
      expect(head.headers['content-length']).toBe('1000');
      expect(head.body.length).toBe(0);
      const noContent = await h2request(client, { ':path': '/status/204' });
      expect(noContent.status).toBe(204);
      expect(noContent.body.length).toBe(0);
      const notModified = await h2request(client, { ':path': '/status/304', 'if-none-match': '"x"' });
      expect(notModified.status).toBe(304);
      expect(notModified.headers.etag).toBe('"x"');
      expect(notModified.body.length).toBe(0);
    } finally {
      client.close();
    }
  });

  it('passes the body of a chunked response with trailers and drops the trailers', async () => {
    const client = h2client(front.port);
    try {
      const answer = await h2request(client, { ':path': '/trailers' });
      expect(answer.status).toBe(200);
      expect(answer.body.toString()).toBe('hello world');
      expect(answer.headers.trailer).toBeUndefined();
      expect(answer.trailers).toBeNull();
    } finally {
      client.close();
    }
  });

  it('relays 103 Early Hints', async () => {
    const client = h2client(front.port);
    try {
      const answer = await h2request(client, { ':path': '/early' });
      expect(answer.status).toBe(200);
      expect(answer.body.toString()).toBe('early');
      expect(answer.interim.map((h) => h[':status'])).toEqual([103]);
      expect(answer.interim[0]?.link).toBe('</style.css>; rel=preload; as=style');
    } finally {
      client.close();
    }
  });

  it('serves many concurrent streams on one connection, each with its own answer', async () => {
    const client = h2client(front.port);
    try {
      const answers = await Promise.all(
        Array.from({ length: 300 }, (_, i) =>
          h2request(client, { ':method': 'POST', ':path': `/echo?i=${i}` }, Buffer.from(`body ${i}`)),
        ),
      );
      answers.forEach((answer, i) => {
        expect(answer.status).toBe(200);
        const echo = echoOf(answer.body);
        expect(echo.url).toBe(`/echo?i=${i}`);
        expect(echo.body).toBe(`body ${i}`);
      });
    } finally {
      client.close();
    }
  });

  it('refuses CONNECT with 405, and extended CONNECT (WebSocket over HTTP/2) at the protocol level', async () => {
    const client = h2client(front.port);
    try {
      const answer = await h2request(client, { ':method': 'CONNECT', ':authority': 'example.test:443' }, []);
      expect(answer.status).toBe(405);
    } finally {
      client.close();
    }
    // SETTINGS_ENABLE_CONNECT_PROTOCOL is never offered: a :protocol request is a malformed stream.
    const raw = await RawH2Client.open(front.port);
    try {
      raw.request(1, [
        [':method', 'CONNECT'],
        [':protocol', 'websocket'],
        [':scheme', 'https'],
        [':authority', 'example.test'],
        [':path', '/chat'],
      ]);
      raw.get(3, 'example.test', '/echo');
      await raw.until(() => raw.resets.has(1) && raw.answered.has(3));
      expect(raw.answered.has(1)).toBe(false);
      expect(raw.goaway).toBeNull();
    } finally {
      raw.close();
    }
  });

  it('accounts every completed stream through onComplete, with status and tag', async () => {
    const client = h2client(front.port);
    try {
      const before = front.completed.length;
      await h2request(client, { ':path': '/status/204' });
      const last = front.completed[front.completed.length - 1];
      expect(front.completed.length).toBe(before + 1);
      expect(last?.status).toBe(204);
      expect(last?.tag).toBe(7);
    } finally {
      client.close();
    }
  });

  it('reports every request once when it is over: completed, refused (421) or aborted, with its facts', async () => {
    const client = h2client(front.port);
    try {
      const before = front.ended.length;
      await h2request(client, { ':method': 'POST', ':path': '/echo' }, Buffer.from('12345'));
      await h2request(client, { ':path': '/echo', ':authority': 'other.test' });
      const stream = client.request({ ':path': '/hang', ':authority': 'example.test' });
      stream.on('error', () => {});
      await vi.waitFor(() => expect(upstream.requests.at(-1)).toBe('/hang'));
      stream.close(constants.NGHTTP2_CANCEL);
      await vi.waitFor(() => expect(front.ended.length).toBe(before + 3));
      const [done, refused, aborted] = front.ended.slice(before);
      expect(done?.facts.end).toBe(RequestEnd.completed);
      expect(done?.facts.bytesIn).toBeGreaterThan(5);
      expect(done?.facts.bytesOut).toBeGreaterThan(0);
      expect(done?.facts.requestId).toMatch(/^t-/);
      expect(done?.facts.upstream?.port).toBe(upstream.port);
      expect(refused?.facts.end).toBe(RequestEnd.refused);
      expect(refused?.status).toBe(421);
      expect(refused?.facts.traceId).toMatch(/^[0-9a-f]{32}$/);
      expect(aborted?.facts.end).toBe(RequestEnd.aborted);
      expect(aborted?.facts.outcome).toBe(Outcome.clientClosed);
    } finally {
      client.close();
    }
  });

  it("completes an application's HEAD response whose head ended the stream before end()", async () => {
    const finished: number[] = [];
    const own = await startFront(tls, upstream.port, {}, {}, (exchange) => {
      exchange.onFinished(() => finished.push(exchange.status));
      exchange.writeHead(200, ['Content-Type', 'text/plain', 'Content-Length', '5']);
      exchange.write(Buffer.from('hello')); // HEAD: the head goes out with END_STREAM, no body
      setTimeout(() => exchange.end(), 20);
    });
    const client = h2client(own.port);
    try {
      const answer = await h2request(client, { ':method': 'HEAD', ':path': '/' });
      expect(answer.status).toBe(200);
      expect(answer.body.length).toBe(0);
      await vi.waitFor(() => expect(own.ended.at(-1)?.facts.end).toBe(RequestEnd.completed));
      expect(own.completed.length).toBe(1);
      expect(finished).toEqual([200]);
    } finally {
      client.close();
      await own.close();
    }
  });

  it("sets the edge's Strict-Transport-Security in place of the upstream's", async () => {
    const client = h2client(front.port);
    try {
      const answer = await h2request(client, { ':path': '/status/204?hsts=1' });
      expect(answer.headers['strict-transport-security']).toBe('max-age=60');
    } finally {
      client.close();
    }
  });

  it('still serves HTTP/1.1 on the same TLS listener', async () => {
    const text = await new Promise<string>((resolve, reject) => {
      const socket = tlsConnect({
        host: '127.0.0.1',
        port: front.port,
        servername: 'example.test',
        rejectUnauthorized: false,
        ALPNProtocols: ['http/1.1'],
      });
      let received = '';
      socket.on('data', (c: Buffer) => {
        received += c.toString('latin1');
      });
      socket.on('error', reject);
      socket.on('close', () => resolve(received.slice(received.indexOf('\r\n\r\n') + 4)));
      socket.write('GET /echo HTTP/1.1\r\nHost: example.test\r\nConnection: close\r\n\r\n');
    });
    expect((JSON.parse(text) as Echo).headers['x-forwarded-proto']).toBe('https');
  });

  it('takes no upstream connection for a body still arriving below the request buffer, then sends it whole', async () => {
    const own = await startUpstream();
    let connections = 0;
    own.server.on('connection', () => connections++);
    const front = await startFront(tls, own.port);
    const client = h2client(front.port);
    try {
      const stream = client.request({ ':method': 'POST', ':path': '/echo', ':authority': 'example.test' });
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      const ended = new Promise<void>((resolve) => stream.on('end', () => resolve()));
      stream.write('hello');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(connections).toBe(0); // a slow client holds no upstream connection
      stream.end(' world');
      await ended;
      expect(echoOf(Buffer.concat(chunks)).body).toBe('hello world');
      expect(connections).toBe(1);
    } finally {
      client.close();
      await front.close();
      await new Promise<void>((resolve) => own.server.close(() => resolve()));
      own.server.closeAllConnections();
    }
  });

  it('drains: GOAWAY to every connection, the stream under way finishes', async () => {
    const own = await startFront(tls, upstream.port);
    const client = h2client(own.port);
    const before = upstream.requests.length;
    const stream = client.request({ ':method': 'POST', ':path': '/echo', ':authority': 'example.test' });
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    const ended = new Promise<void>((resolve) => stream.on('end', () => resolve()));
    const before16k = `${'b'.repeat(17 * 1024)}, `; // past the request buffer: the request goes upstream now
    stream.write(before16k);
    // The upstream has the request: the stream is under way on both sides.
    await vi.waitFor(() => expect(upstream.requests.length).toBe(before + 1));
    const goaway = new Promise<number>((resolve) => client.once('goaway', (code: number) => resolve(code)));
    const drained = own.h2.drain(5000);
    expect(await goaway).toBe(0);
    stream.end('after it');
    await ended;
    expect(echoOf(Buffer.concat(chunks)).bodyLength).toBe(before16k.length + 'after it'.length);
    await drained;
    expect(own.h2.sessionCount).toBe(0);
    client.close();
    await own.close();
  });
});

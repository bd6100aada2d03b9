import { type AddressInfo, connect, createServer, type Server } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type ClientConnection,
  Forwarder,
  HttpServer,
  newTraceId,
  newTraceparent,
  RequestEnd,
  RequestIds,
  traceIdOf,
  UpstreamPool,
} from '../src/index.ts';

const PARENT = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

describe('traceparent parsing', () => {
  it('takes the trace id of a valid version-00 value', () => {
    expect(traceIdOf(PARENT)).toBe('0af7651916cd43dd8448eb211c80319c');
  });

  it('refuses malformed values', () => {
    for (const bad of [
      '',
      PARENT.toUpperCase(),
      `${PARENT}-extra`, // version 00 has exactly 55 characters
      PARENT.replace('0af7651916cd43dd8448eb211c80319c', '0'.repeat(32)),
      PARENT.replace('b7ad6b7169203331', '0'.repeat(16)),
      `ff${PARENT.slice(2)}`,
      PARENT.replace('-b7ad', '_b7ad'),
      PARENT.replace('0af7', '0ag7'),
    ]) {
      expect(traceIdOf(bad), bad).toBe('');
    }
  });

  it('accepts a later version by its version-00 prefix', () => {
    expect(traceIdOf(`01${PARENT.slice(2)}-more`)).toBe('0af7651916cd43dd8448eb211c80319c');
  });

  it('makes new ids that parse back', () => {
    const id = newTraceId();
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(newTraceId()).not.toBe(id);
    expect(traceIdOf(newTraceparent(id))).toBe(id);
  });
});

describe('trace context through the proxy', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  /** An upstream that records each request head and answers 200; a proxy in front (trusting `trusted`). */
  async function setup(trusted: string[]) {
    const heads: string[] = [];
    const upstream: Server = createServer((socket) => {
      let seen = '';
      socket.on('data', (c: Buffer) => {
        seen += c.toString('latin1');
        if (!seen.includes('\r\n\r\n')) return;
        heads.push(seen);
        seen = '';
        socket.write('HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok');
      });
      socket.on('error', () => {});
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    const port = (upstream.address() as AddressInfo).port;
    const pool = new UpstreamPool();
    const requestIds = new RequestIds('t-');
    const forwarder = new Forwarder({ pool, requestIds, trustedHops: trusted });
    const ended: { traceId: string; requestId: string; end: number; status: number }[] = [];
    const server = new HttpServer(
      {
        requestIds,
        onRequestEnd: (conn: ClientConnection) =>
          ended.push({
            traceId: conn.facts.traceId,
            requestId: conn.facts.requestId,
            end: conn.facts.end,
            status: conn.status,
          }),
      },
      (conn) => forwarder.forward(conn, { host: '127.0.0.1', port }),
    );
    const address = await server.listen(0);
    cleanups.push(async () => {
      await server.drain(100);
      await pool.close();
      await new Promise<void>((resolve) => upstream.close(() => resolve()));
    });
    return { port: address.port, heads, ended };
  }

  function get(port: number, extra: string): Promise<string> {
    return new Promise((resolve) => {
      const socket = connect(port, '127.0.0.1');
      let text = '';
      socket.on('data', (c: Buffer) => {
        text += c.toString('latin1');
      });
      socket.on('error', () => {});
      socket.on('close', () => resolve(text));
      socket.write(`GET / HTTP/1.1\r\nHost: app.example\r\n${extra}Connection: close\r\n\r\n`);
    });
  }

  const field = (head: string, name: string): string[] =>
    [...head.matchAll(new RegExp(`^${name}: (.*)\\r$`, 'gim'))].map((m) => m[1] as string);

  it('keeps a trusted hop’s traceparent and tracestate, passing them on unchanged', async () => {
    const proxy = await setup(['127.0.0.1']);
    await get(proxy.port, `traceparent: ${PARENT}\r\ntracestate: vendor=abc\r\n`);
    const head = proxy.heads[0] as string;
    expect(field(head, 'traceparent')).toEqual([PARENT]);
    expect(field(head, 'tracestate')).toEqual(['vendor=abc']);
    expect(proxy.ended).toEqual([
      { traceId: '0af7651916cd43dd8448eb211c80319c', requestId: 't-1', end: RequestEnd.completed, status: 200 },
    ]);
  });

  it('starts a new trace for a trusted hop’s invalid traceparent and drops its tracestate', async () => {
    const proxy = await setup(['127.0.0.1']);
    await get(proxy.port, `traceparent: 00-xyz\r\ntracestate: vendor=abc\r\n`);
    const head = proxy.heads[0] as string;
    const sent = field(head, 'traceparent');
    expect(sent).toHaveLength(1);
    expect(traceIdOf(sent[0] as string)).toBe(proxy.ended[0]?.traceId);
    expect(field(head, 'tracestate')).toEqual([]);
  });

  it('does not believe an untrusted client: a new trace id, its tracestate dropped', async () => {
    const proxy = await setup([]);
    await get(proxy.port, `traceparent: ${PARENT}\r\ntracestate: vendor=abc\r\n`);
    const head = proxy.heads[0] as string;
    const sent = field(head, 'traceparent');
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    expect(traceIdOf(sent[0] as string)).not.toBe('0af7651916cd43dd8448eb211c80319c');
    expect(traceIdOf(sent[0] as string)).toBe(proxy.ended[0]?.traceId);
    expect(field(head, 'tracestate')).toEqual([]);
  });

  it('puts the trace id next to the request id on an error page, also for requests the engine refuses', async () => {
    const proxy = await setup([]);
    const answer = await get(proxy.port, 'Content-Length: x\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    const traceId = field(answer, 'x-trace-id')[0];
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(field(answer, 'x-request-id')).toEqual([proxy.ended[0]?.requestId]);
    expect(proxy.ended[0]).toMatchObject({ traceId, end: RequestEnd.refused, status: 400 });
  });
});

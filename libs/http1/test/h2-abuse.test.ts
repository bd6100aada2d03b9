import type { Server } from 'node:http';
import { constants } from 'node:http2';
import { connect as tlsConnect } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Front, h2client, h2request, makeCertificate, startFront, startUpstream } from './h2/harness.ts';
import { indexed, literal, literalIndexed, RawH2Client } from './h2/raw-client.ts';

const { NGHTTP2_ENHANCE_YOUR_CALM, NGHTTP2_NO_ERROR, NGHTTP2_CANCEL } = constants;
const SETTINGS_MAX_CONCURRENT_STREAMS = 3;
const SETTINGS_INITIAL_WINDOW_SIZE = 4;

const tls = makeCertificate();
let upstream: { server: Server; port: number; requests: string[] };
/** Default timeouts (the per-second limits counted every 100 ms). */
let front: Front;
/** Short timeouts, for the tests of timeouts only: nothing else can be slow enough to meet them there. */
let timeouts: Front;

beforeAll(async () => {
  upstream = await startUpstream();
  front = await startFront(tls, upstream.port, { checkIntervalMs: 100 });
  timeouts = await startFront(tls, upstream.port, {
    checkIntervalMs: 100,
    keepAliveTimeoutMs: 400,
    headersTimeoutMs: 400,
    requestTimeoutMs: 400,
    streamIdleTimeoutMs: 400,
  });
});

afterAll(async () => {
  await front.close();
  await timeouts.close();
  await new Promise<void>((resolve) => upstream.server.close(() => resolve()));
  upstream.server.closeAllConnections();
});

/** The outcome was counted once (a connection nghttp2 ended is judged right after it closed). */
async function counted(outcome: Parameters<Front['metrics']['get']>[0], on = front): Promise<void> {
  await vi.waitFor(() => expect(on.metrics.get(outcome)).toBe(1), { timeout: 10_000 });
}

/** After each abuse the router still answers a well-behaved client. */
async function stillServes(): Promise<void> {
  const client = h2client(front.port);
  try {
    const answer = await h2request(client, { ':path': '/status/204' });
    expect(answer.status).toBe(204);
  } finally {
    client.close();
  }
}

const REQUEST: [string, string][] = [
  [':method', 'GET'],
  [':scheme', 'https'],
  [':authority', 'example.test'],
  [':path', '/echo'],
];

describe('HTTP/2 abuse limits', () => {
  it('closes a connection that opens and cancels streams in a burst (rapid reset) with GOAWAY', async () => {
    const before = upstream.requests.length;
    const raw = await RawH2Client.open(front.port);
    for (let i = 0; i < 2000 && !raw.closed; i++) {
      const id = 1 + 2 * i;
      raw.get(id, 'example.test', '/hang');
      raw.rst(id, NGHTTP2_CANCEL);
    }
    await raw.whenClosed();
    expect(raw.goaway?.errorCode).toBe(NGHTTP2_ENHANCE_YOUR_CALM);
    await counted('h2RapidReset');
    // Far fewer requests reached the upstream than were opened.
    expect(upstream.requests.length - before).toBeLessThan(1000);
    await stillServes();
  });

  it('announces 128 concurrent streams and closes a connection that opens more', async () => {
    const raw = await RawH2Client.open(front.port);
    await raw.roundTrip(); // our SETTINGS ACK is in: the limit is in force, not just announced
    expect(raw.serverSettings.get(SETTINGS_MAX_CONCURRENT_STREAMS)).toBe(128);
    for (let i = 0; i < 200 && !raw.closed; i++) raw.get(1 + 2 * i, 'example.test', '/hang');
    await raw.whenClosed();
    expect(raw.goaway).not.toBeNull();
    expect(raw.goaway?.lastStreamId).toBeLessThanOrEqual(1 + 2 * 128);
    await counted('h2TooManyStreams');
    await stillServes();
  });

  it('answers 431 to a header list over 16 KiB, and closes a connection that keeps sending them', async () => {
    const raw = await RawH2Client.open(front.port);
    const big: [string, string][] = [...REQUEST];
    for (let i = 0; i < 20; i++) big.push([`x-filler-${i}`, 'v'.repeat(1000)]);
    raw.request(1, big);
    await raw.until(() => raw.answered.has(1));
    expect(front.metrics.get('h2HeadersTooLarge')).toBeGreaterThanOrEqual(1);
    for (let i = 1; i < 10 && !raw.closed; i++) raw.request(1 + 2 * i, big);
    await raw.whenClosed();
    expect(raw.goaway?.errorCode).toBe(NGHTTP2_ENHANCE_YOUR_CALM);
    await stillServes();
  });

  it('answers 431 by status over node:http2 too', async () => {
    const client = h2client(front.port);
    try {
      const fields: Record<string, string> = { ':path': '/echo' };
      for (let i = 0; i < 20; i++) fields[`x-filler-${i}`] = 'v'.repeat(1000);
      const answer = await h2request(client, fields);
      expect(answer.status).toBe(431);
    } finally {
      client.close();
    }
  });

  it('resets a stream whose header block expands past the limit (HPACK bomb) without decoding it', async () => {
    const raw = await RawH2Client.open(front.port);
    // 4 KiB into the dynamic table once, then referenced 1,000 times at one byte each: 4 MB decoded.
    const block = [...REQUEST.map(([n, v]) => literal(n, v)), literalIndexed('x-bomb', 'b'.repeat(4000))];
    for (let i = 0; i < 1000; i++) block.push(indexed(62));
    raw.headerBlock(1, Buffer.concat(block));
    await raw.until(() => raw.resets.has(1) || raw.closed);
    expect(raw.answered.has(1)).toBe(false);
    raw.close();
    await stillServes();
  });

  it('closes a connection that floods SETTINGS with GOAWAY', async () => {
    const raw = await RawH2Client.open(front.port);
    for (let i = 0; i < 300 && !raw.closed; i++) raw.settings([[SETTINGS_INITIAL_WINDOW_SIZE, 65_535]]);
    await raw.whenClosed();
    expect(raw.goaway?.errorCode).toBe(NGHTTP2_ENHANCE_YOUR_CALM);
    await counted('h2SettingsFlood');
    await stillServes();
  });

  it('closes a connection that floods PING with GOAWAY', async () => {
    const raw = await RawH2Client.open(front.port);
    for (let i = 0; i < 500 && !raw.closed; i++) raw.ping();
    await raw.whenClosed();
    expect(raw.goaway?.errorCode).toBe(NGHTTP2_ENHANCE_YOUR_CALM);
    await counted('h2PingFlood');
    await stillServes();
  });

  it('resets a stream whose client does not read its response (slow reader), then closes the idle connection', async () => {
    // A window of 0: the server may send headers but no response byte.
    const raw = await RawH2Client.open(timeouts.port, 'example.test', [[SETTINGS_INITIAL_WINDOW_SIZE, 0]]);
    raw.get(1, 'example.test', `/bytes?n=${4 * 1024 * 1024}`);
    await raw.until(() => raw.resets.has(1));
    expect(raw.resets.get(1)).toBe(NGHTTP2_CANCEL);
    await counted('h2SlowReader', timeouts);
    // With no stream left, the connection is idle: GOAWAY(NO_ERROR) and closed.
    await raw.whenClosed();
    expect(raw.goaway?.errorCode).toBe(NGHTTP2_NO_ERROR);
    await stillServes();
  });

  it('closes an idle connection with GOAWAY', async () => {
    const raw = await RawH2Client.open(timeouts.port);
    raw.get(1);
    await raw.until(() => raw.answered.has(1));
    await raw.whenClosed();
    expect(raw.goaway?.errorCode).toBe(NGHTTP2_NO_ERROR);
    expect(raw.goaway?.lastStreamId).toBe(1);
  });

  it('closes a connection that never sends the HTTP/2 preface', async () => {
    const before = timeouts.metrics.get('rejected');
    const socket = tlsConnect({
      port: timeouts.port,
      host: '127.0.0.1',
      servername: 'example.test',
      ALPNProtocols: ['h2'],
      rejectUnauthorized: false,
    });
    socket.on('error', () => {});
    socket.resume();
    await new Promise<void>((resolve) => socket.on('close', () => resolve()));
    expect(timeouts.metrics.get('rejected')).toBe(before + 1);
  });

  it('answers 408 to a request whose body does not arrive in time', async () => {
    const client = h2client(timeouts.port);
    try {
      const stream = client.request({ ':method': 'POST', ':path': '/echo', ':authority': 'example.test' });
      stream.write('a start, and nothing more');
      const status = await new Promise<number>((resolve) =>
        stream.on('response', (h) => resolve(Number(h[':status']))),
      );
      expect(status).toBe(408);
    } finally {
      client.close();
    }
  });
});

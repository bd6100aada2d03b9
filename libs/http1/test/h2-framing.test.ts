import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Front, h2client, h2request, makeCertificate, startFront, startUpstream } from './h2/harness.ts';
import { Flag, FrameType, GET, indexed, literal, literalBlock, RawH2Client, setting, u32 } from './h2/raw-client.ts';

/** RFC 9113 §7 error codes. */
const E = {
  protocol: 0x1,
  flowControl: 0x3,
  streamClosed: 0x5,
  frameSize: 0x6,
  compression: 0x9,
  calm: 0xb,
} as const;

const tls = makeCertificate();
let upstream: { server: Server; port: number; requests: string[] };
let front: Front;

beforeAll(async () => {
  upstream = await startUpstream();
  front = await startFront(tls, upstream.port, { checkIntervalMs: 100 });
});

afterAll(async () => {
  await front.close();
  await new Promise<void>((resolve) => upstream.server.close(() => resolve()));
  upstream.server.closeAllConnections();
});

/** Sends what `send` writes after the preface; expects the connection to end with GOAWAY `code`. */
async function connectionError(code: number, send: (raw: RawH2Client) => void): Promise<void> {
  const raw = await RawH2Client.open(front.port);
  await raw.roundTrip();
  send(raw);
  await raw.whenClosed();
  expect(raw.goaway?.errorCode).toBe(code);
}

/** Expects stream `id` reset with `code`, the connection still up and serving. */
async function streamError(code: number, id: number, send: (raw: RawH2Client) => void): Promise<void> {
  const raw = await RawH2Client.open(front.port);
  try {
    await raw.roundTrip();
    send(raw);
    await raw.until(() => raw.resets.has(id) || raw.closed);
    expect(raw.resets.get(id)).toBe(code);
    expect(raw.goaway).toBeNull();
    raw.get(101, 'example.test', '/echo');
    await raw.until(() => raw.answered.has(101) || raw.closed);
    expect(raw.answered.has(101)).toBe(true);
  } finally {
    raw.close();
  }
}

describe('HTTP/2 framing: connection errors (GOAWAY)', () => {
  it.each([
    ['DATA on stream 0', E.protocol, (r: RawH2Client) => r.frame(FrameType.data, 0, 0, Buffer.from('x'))],
    ['HEADERS on an even stream', E.protocol, (r: RawH2Client) => r.request(2, GET)],
    [
      'a stream id lower than the last',
      E.protocol,
      (r: RawH2Client) => {
        r.request(5, GET);
        r.request(3, GET);
      },
    ],
    [
      'CONTINUATION without HEADERS',
      E.protocol,
      (r: RawH2Client) => r.frame(FrameType.continuation, Flag.endHeaders, 1, literalBlock(GET)),
    ],
    [
      'another frame inside a header block',
      E.protocol,
      (r: RawH2Client) => {
        r.frame(FrameType.headers, Flag.endStream, 1, literalBlock(GET));
        r.ping();
      },
    ],
    [
      'a frame over SETTINGS_MAX_FRAME_SIZE',
      E.frameSize,
      (r: RawH2Client) => r.frame(FrameType.data, 0, 1, Buffer.alloc(16_385)),
    ],
    ['SETTINGS of 5 bytes', E.frameSize, (r: RawH2Client) => r.frame(FrameType.settings, 0, 0, Buffer.alloc(5))],
    ['SETTINGS on a stream', E.protocol, (r: RawH2Client) => r.frame(FrameType.settings, 0, 1, Buffer.alloc(0))],
    [
      'SETTINGS ACK with a payload',
      E.frameSize,
      (r: RawH2Client) => r.frame(FrameType.settings, Flag.ack, 0, Buffer.alloc(6)),
    ],
    [
      'INITIAL_WINDOW_SIZE above 2^31-1',
      E.flowControl,
      (r: RawH2Client) => r.frame(FrameType.settings, 0, 0, setting(4, 2 ** 31)),
    ],
    ['MAX_FRAME_SIZE below 16384', E.protocol, (r: RawH2Client) => r.frame(FrameType.settings, 0, 0, setting(5, 100))],
    ['ENABLE_PUSH of 2', E.protocol, (r: RawH2Client) => r.frame(FrameType.settings, 0, 0, setting(2, 2))],
    ['PING of 7 bytes', E.frameSize, (r: RawH2Client) => r.frame(FrameType.ping, 0, 0, Buffer.alloc(7))],
    ['PING on a stream', E.protocol, (r: RawH2Client) => r.frame(FrameType.ping, 0, 1, Buffer.alloc(8))],
    [
      'the connection window past 2^31-1',
      E.flowControl,
      (r: RawH2Client) => r.frame(FrameType.windowUpdate, 0, 0, u32(2 ** 31 - 1)),
    ],
    ['a connection WINDOW_UPDATE of 0', E.protocol, (r: RawH2Client) => r.frame(FrameType.windowUpdate, 0, 0, u32(0))],
    [
      'WINDOW_UPDATE of 3 bytes',
      E.frameSize,
      (r: RawH2Client) => r.frame(FrameType.windowUpdate, 0, 0, Buffer.alloc(3)),
    ],
    ['RST_STREAM on an idle stream', E.protocol, (r: RawH2Client) => r.rst(99)],
    ['RST_STREAM of 3 bytes', E.frameSize, (r: RawH2Client) => r.frame(FrameType.rstStream, 0, 1, Buffer.alloc(3))],
    ['DATA on an idle stream', E.protocol, (r: RawH2Client) => r.frame(FrameType.data, 0, 7, Buffer.from('x'))],
    [
      'PUSH_PROMISE from a client',
      E.protocol,
      (r: RawH2Client) => r.frame(FrameType.pushPromise, Flag.endHeaders, 1, Buffer.alloc(4)),
    ],
    ['GOAWAY on a stream', E.protocol, (r: RawH2Client) => r.frame(FrameType.goaway, 0, 1, Buffer.alloc(8))],
    [
      'an HPACK index out of the table',
      E.compression,
      (r: RawH2Client) => r.headerBlock(1, Buffer.concat([indexed(2), indexed(70)])),
    ],
    [
      'an HPACK table size update above our setting',
      E.compression,
      (r: RawH2Client) => r.headerBlock(1, Buffer.concat([Buffer.from([0x3f, 0xe2, 0x1f]), literalBlock(GET)])),
    ],
    [
      'HEADERS whose padding is longer than the frame',
      E.protocol,
      (r: RawH2Client) =>
        r.frame(FrameType.headers, Flag.endHeaders | Flag.endStream | 0x8, 1, Buffer.from([200, 0x82])),
    ],
  ])('%s', async (_name, code, send) => {
    await connectionError(code, send);
  });

  it('ends a header block that never ends (CONTINUATION flood) with ENHANCE_YOUR_CALM', async () => {
    await connectionError(E.calm, (r) => {
      r.frame(FrameType.headers, Flag.endStream, 1, literalBlock(GET));
      for (let i = 0; i < 200; i++) r.frame(FrameType.continuation, 0, 1, literal(`x-c-${i}`, 'v'.repeat(1000)));
    });
  });

  it('counts resets the client provokes with bad frames as rapid resets (MadeYouReset)', async () => {
    const before = upstream.requests.length;
    await connectionError(E.calm, (r) => {
      for (let i = 0; i < 1000; i++) {
        const id = 1 + 2 * i;
        r.request(id, [...GET.slice(0, 3), [':path', '/hang']]);
        r.frame(FrameType.windowUpdate, 0, id, u32(0)); // a stream error: the server resets it
      }
    });
    expect(front.metrics.get('h2RapidReset')).toBeGreaterThanOrEqual(1);
    expect(upstream.requests.length - before).toBeLessThan(1000);
  });

  it('ends a flood of frames on closed streams (RST_STREAM, WINDOW_UPDATE) with ENHANCE_YOUR_CALM', async () => {
    await connectionError(E.calm, (r) => {
      r.get(1, 'example.test', '/status/204');
      for (let i = 0; i < 1500; i++) {
        r.rst(1);
        r.frame(FrameType.windowUpdate, 0, 1, u32(1));
      }
    });
  });

  it('ends a flood of frames that each provoke a reset (CVE-2019-9514) with ENHANCE_YOUR_CALM', async () => {
    await connectionError(E.calm, (r) => {
      for (let i = 0; i < 1500; i++) {
        const id = 1 + 2 * i;
        r.frame(FrameType.priority, 0, id, Buffer.from([0, 0, (id >> 8) & 0xff, id & 0xff, 16])); // on itself
      }
    });
  });

  it('ends a flood of empty frames (zero-length DATA) with ENHANCE_YOUR_CALM', async () => {
    await connectionError(E.calm, (r) => {
      r.request(1, [...GET.slice(0, 3), [':path', '/hang']], false);
      for (let i = 0; i < 2000; i++) r.frame(FrameType.data, 0, 1, Buffer.alloc(0));
    });
  });
});

describe('HTTP/2 framing: stream errors (RST_STREAM), the connection goes on', () => {
  it.each([
    [
      'DATA after END_STREAM',
      E.streamClosed,
      (r: RawH2Client) => {
        r.request(1, [...GET.slice(0, 3), [':path', '/hang']]);
        r.frame(FrameType.data, 0, 1, Buffer.from('late'));
      },
    ],
    [
      'a stream WINDOW_UPDATE of 0',
      E.protocol,
      (r: RawH2Client) => {
        r.request(1, [...GET.slice(0, 3), [':path', '/hang']]);
        r.frame(FrameType.windowUpdate, 0, 1, u32(0));
      },
    ],
    [
      'a stream window past 2^31-1',
      E.flowControl,
      (r: RawH2Client) => {
        r.request(1, [...GET.slice(0, 3), [':path', '/hang']]);
        r.frame(FrameType.windowUpdate, 0, 1, u32(2 ** 31 - 1));
      },
    ],
    [
      'trailers without END_STREAM',
      E.protocol,
      (r: RawH2Client) => {
        r.request(1, [...GET.slice(0, 3), [':path', '/hang']], false);
        r.request(1, [['x-trailer', 'v']], false);
      },
    ],
    ['PRIORITY of 4 bytes', E.frameSize, (r: RawH2Client) => r.frame(FrameType.priority, 0, 1, Buffer.alloc(4))],
    [
      'PRIORITY on itself',
      E.protocol,
      (r: RawH2Client) => r.frame(FrameType.priority, 0, 1, Buffer.from([0, 0, 0, 1, 16])),
    ],
    [
      'HEADERS depending on their own stream',
      E.protocol,
      (r: RawH2Client) =>
        r.frame(
          FrameType.headers,
          Flag.endHeaders | Flag.endStream | 0x20,
          1,
          Buffer.concat([Buffer.from([0, 0, 0, 1, 16]), literalBlock(GET)]),
        ),
    ],
    [
      'DATA past the content-length (over HTTP/1.1 it would smuggle a request)',
      E.protocol,
      (r: RawH2Client) => {
        r.request(1, [[':method', 'POST'], ...GET.slice(1), ['content-length', '3']], false);
        r.frame(FrameType.data, Flag.endStream, 1, Buffer.from('abcGET /smuggled HTTP/1.1\r\nhost: x\r\n\r\n'));
      },
    ],
    [
      'DATA short of the content-length',
      E.protocol,
      (r: RawH2Client) => {
        r.request(1, [[':method', 'POST'], ...GET.slice(1), ['content-length', '10']], false);
        r.frame(FrameType.data, Flag.endStream, 1, Buffer.from('abc'));
      },
    ],
    [
      'a content-length with no body',
      E.protocol,
      (r: RawH2Client) => r.request(1, [[':method', 'POST'], ...GET.slice(1), ['content-length', '10']]),
    ],
    ['an upper-case field name', E.protocol, (r: RawH2Client) => r.request(1, [...GET, ['X-Upper', 'v']])],
    ['a connection-specific field', E.protocol, (r: RawH2Client) => r.request(1, [...GET, ['connection', 'close']])],
    ['transfer-encoding', E.protocol, (r: RawH2Client) => r.request(1, [...GET, ['transfer-encoding', 'chunked']])],
    ['TE other than trailers', E.protocol, (r: RawH2Client) => r.request(1, [...GET, ['te', 'gzip']])],
    ['a pseudo-field after a regular one', E.protocol, (r: RawH2Client) => r.request(1, [['accept', '*/*'], ...GET])],
    ['a repeated pseudo-field', E.protocol, (r: RawH2Client) => r.request(1, [...GET, [':path', '/again']])],
    ['an unknown pseudo-field', E.protocol, (r: RawH2Client) => r.request(1, [...GET, [':custom', 'x']])],
    [
      'no :scheme',
      E.protocol,
      (r: RawH2Client) =>
        r.request(
          1,
          GET.filter(([n]) => n !== ':scheme'),
        ),
    ],
    ['an empty :path', E.protocol, (r: RawH2Client) => r.request(1, [...GET.slice(0, 3), [':path', '']])],
  ])('%s', async (_name, code, send) => {
    await streamError(code, 1, send);
  });

  it('reads frames sliced into one-byte TLS records, and a body split across reads', async () => {
    const raw = await RawH2Client.open(front.port);
    try {
      await raw.roundTrip();
      // Captured frames, then written a byte at a time (each write is a TLS record of its own).
      const socket = raw.socket;
      const write = socket.write.bind(socket);
      const bytes: Buffer[] = [];
      socket.write = ((b: Buffer) => {
        bytes.push(b);
        return true;
      }) as typeof socket.write;
      raw.request(1, [[':method', 'POST'], ...GET.slice(1)], false);
      raw.frame(FrameType.data, 0, 1, Buffer.alloc(10_000, 0x61));
      raw.frame(FrameType.data, Flag.endStream, 1, Buffer.from('end'));
      socket.write = write;
      const all = Buffer.concat(bytes);
      for (let i = 0; i < 200; i++) write(all.subarray(i, i + 1));
      write(all.subarray(200, 5000));
      write(all.subarray(5000));
      await raw.until(() => raw.answered.has(1) || raw.closed);
      expect(raw.answered.has(1)).toBe(true);
      expect(raw.goaway).toBeNull();
    } finally {
      raw.close();
    }
  });

  it('resets DATA on a stream that is over (STREAM_CLOSED), and passes no smuggled request upstream', async () => {
    const raw = await RawH2Client.open(front.port);
    try {
      raw.get(1, 'example.test', '/status/204');
      await raw.until(() => raw.answered.has(1));
      raw.frame(FrameType.data, 0, 1, Buffer.from('late'));
      await raw.until(() => raw.resets.has(1) || raw.closed);
      expect(raw.resets.get(1)).toBe(E.streamClosed);
      expect(raw.goaway).toBeNull();
    } finally {
      raw.close();
    }
    // Nothing of the smuggling case above reached the upstream as a request of its own.
    expect(upstream.requests).not.toContain('/smuggled');
  });

  it('accepts TE: trailers, and a request with trailers', async () => {
    const raw = await RawH2Client.open(front.port);
    try {
      raw.request(1, [...GET, ['te', 'trailers']]);
      raw.request(3, [[':method', 'POST'], ...GET.slice(1)], false);
      raw.frame(FrameType.data, 0, 3, Buffer.from('body'));
      raw.request(3, [['x-trailer', 'v']], true);
      await raw.until(() => (raw.answered.has(1) && raw.answered.has(3)) || raw.closed);
      expect(raw.goaway).toBeNull();
    } finally {
      raw.close();
    }
  });

  it('refuses streams past the concurrency limit before our SETTINGS are acknowledged (REFUSED_STREAM)', async () => {
    const raw = await RawH2Client.open(front.port);
    try {
      // No roundTrip: the client has not acknowledged our SETTINGS yet... but RawH2Client acks them on
      // arrival, so only the refusal itself is checked.
      for (let i = 0; i < 130; i++) raw.get(1 + 2 * i, 'example.test', '/hang');
      await raw.until(() => raw.resets.size > 0 || raw.closed);
      expect([...raw.resets.values()]).toContain(0x7);
    } finally {
      raw.close();
    }
  });

  it('a node:http2 client still gets answers after all of it', async () => {
    const client = h2client(front.port);
    try {
      expect((await h2request(client, { ':path': '/status/204' })).status).toBe(204);
    } finally {
      client.close();
    }
  });
});

import { connect, type TLSSocket } from 'node:tls';

import { FrameType } from '../../src/h2/frame.ts';

export { FrameType };

export const Flag = { endStream: 1, ack: 1, endHeaders: 4 } as const;

export interface Frame {
  readonly type: number;
  readonly flags: number;
  readonly streamId: number;
  readonly payload: Buffer;
}

export interface GoAway {
  readonly lastStreamId: number;
  readonly errorCode: number;
}

const PREFACE = Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', 'latin1');

/**
 * A deliberately naive HTTP/2 client that writes frames as told — no flow control, no stream
 * limits, no HPACK state of its own beyond what the caller encodes — to behave like an abusive
 * peer in tests. Reads the server's frames and records GOAWAY and RST_STREAM.
 */
export class RawH2Client {
  readonly socket: TLSSocket;
  readonly frames: Frame[] = [];
  goaway: GoAway | null = null;
  readonly resets = new Map<number, number>();
  /** The server's SETTINGS, by identifier. */
  readonly serverSettings = new Map<number, number>();
  settingsSeen = false;
  pingAcks = 0;
  /** Streams that got a HEADERS frame back. */
  readonly answered = new Set<number>();
  closed = false;
  #in: Buffer = Buffer.alloc(0);
  #waiters: (() => void)[] = [];
  readonly #closedPromise: Promise<void>;

  private constructor(socket: TLSSocket) {
    this.socket = socket;
    socket.on('data', (chunk: Buffer) => this.#onData(chunk));
    socket.on('error', () => {});
    this.#closedPromise = new Promise((resolve) => {
      socket.on('close', () => {
        this.closed = true;
        this.#wake();
        resolve();
      });
    });
  }

  static open(port: number, servername = 'example.test', settings: [number, number][] = []): Promise<RawH2Client> {
    return new Promise((resolve, reject) => {
      const socket = connect({ port, host: '127.0.0.1', servername, ALPNProtocols: ['h2'], rejectUnauthorized: false });
      socket.once('error', reject);
      socket.once('secureConnect', () => {
        socket.off('error', reject);
        const client = new RawH2Client(socket);
        socket.write(PREFACE);
        client.settings(settings);
        resolve(client);
      });
    });
  }

  /** Resolves when the server closed the connection. */
  whenClosed(): Promise<void> {
    return this.#closedPromise;
  }

  /** Resolves once `check` holds (checked on every frame and on close). */
  async until(check: () => boolean): Promise<void> {
    while (!check()) {
      if (this.closed) {
        if (check()) return;
        throw new Error('connection closed before the condition held');
      }
      await new Promise<void>((resolve) => this.#waiters.push(resolve));
    }
  }

  frame(type: number, flags: number, streamId: number, payload: Buffer = Buffer.alloc(0)): boolean {
    const head = Buffer.alloc(9);
    head.writeUIntBE(payload.length, 0, 3);
    head[3] = type;
    head[4] = flags;
    head.writeUInt32BE(streamId & 0x7fffffff, 5);
    if (this.socket.destroyed) return false;
    return this.socket.write(Buffer.concat([head, payload]));
  }

  settings(values: [number, number][] = []): boolean {
    const payload = Buffer.alloc(values.length * 6);
    values.forEach(([id, value], i) => {
      payload.writeUInt16BE(id, i * 6);
      payload.writeUInt32BE(value, i * 6 + 2);
    });
    return this.frame(FrameType.settings, 0, 0, payload);
  }

  ping(data = Buffer.alloc(8)): boolean {
    return this.frame(FrameType.ping, 0, 0, data);
  }

  rst(streamId: number, code = 8 /* CANCEL */): boolean {
    const payload = Buffer.alloc(4);
    payload.writeUInt32BE(code, 0);
    return this.frame(FrameType.rstStream, 0, streamId, payload);
  }

  /** A HEADERS frame (and CONTINUATION frames past 16 KiB) whose block is already HPACK-encoded. */
  headerBlock(streamId: number, block: Buffer, endStream = true): boolean {
    const max = 16_384;
    const end = endStream ? Flag.endStream : 0;
    if (block.length <= max) return this.frame(FrameType.headers, Flag.endHeaders | end, streamId, block);
    this.frame(FrameType.headers, end, streamId, block.subarray(0, max));
    let at = max;
    let ok = true;
    while (at < block.length) {
      const next = Math.min(block.length, at + max);
      ok = this.frame(
        FrameType.continuation,
        next === block.length ? Flag.endHeaders : 0,
        streamId,
        block.subarray(at, next),
      );
      at = next;
    }
    return ok;
  }

  /** A request's HEADERS, every field a literal without indexing (no dynamic table involved). */
  request(streamId: number, fields: [string, string][], endStream = true): boolean {
    return this.headerBlock(streamId, literalBlock(fields), endStream);
  }

  get(streamId: number, authority = 'example.test', path = '/'): boolean {
    return this.request(streamId, [
      [':method', 'GET'],
      [':scheme', 'https'],
      [':authority', authority],
      [':path', path],
    ]);
  }

  /**
   * A PING answered: the server has processed everything sent before it (and, once its SETTINGS
   * arrived, our acknowledgement of them).
   */
  async roundTrip(): Promise<void> {
    await this.until(() => this.settingsSeen);
    const acks = this.pingAcks;
    this.ping();
    await this.until(() => this.pingAcks > acks);
  }

  close(): void {
    this.socket.destroy();
  }

  #onData(chunk: Buffer): void {
    this.#in = this.#in.length === 0 ? chunk : Buffer.concat([this.#in, chunk]);
    while (this.#in.length >= 9) {
      const length = this.#in.readUIntBE(0, 3);
      if (this.#in.length < 9 + length) break;
      const frame: Frame = {
        type: this.#in[3] as number,
        flags: this.#in[4] as number,
        streamId: this.#in.readUInt32BE(5) & 0x7fffffff,
        payload: this.#in.subarray(9, 9 + length),
      };
      this.#in = this.#in.subarray(9 + length);
      this.#onFrame(frame);
    }
    this.#wake();
  }

  #onFrame(frame: Frame): void {
    if (this.frames.length < 10_000) this.frames.push(frame);
    switch (frame.type) {
      case FrameType.settings:
        if ((frame.flags & Flag.ack) === 0) {
          this.settingsSeen = true;
          for (let i = 0; i + 6 <= frame.payload.length; i += 6) {
            this.serverSettings.set(frame.payload.readUInt16BE(i), frame.payload.readUInt32BE(i + 2));
          }
          this.frame(FrameType.settings, Flag.ack, 0);
        }
        break;
      case FrameType.ping:
        if ((frame.flags & Flag.ack) !== 0) this.pingAcks++;
        break;
      case FrameType.goaway:
        this.goaway = {
          lastStreamId: frame.payload.readUInt32BE(0) & 0x7fffffff,
          errorCode: frame.payload.readUInt32BE(4),
        };
        break;
      case FrameType.rstStream:
        this.resets.set(frame.streamId, frame.payload.readUInt32BE(0));
        break;
      case FrameType.headers:
        this.answered.add(frame.streamId);
        break;
    }
  }

  #wake(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const w of waiters) w();
  }
}

/** HPACK integer with an N-bit prefix (RFC 7541 §5.1). */
export function hpackInt(value: number, prefixBits: number, firstByte: number): Buffer {
  const max = (1 << prefixBits) - 1;
  if (value < max) return Buffer.from([firstByte | value]);
  const out = [firstByte | max];
  let rest = value - max;
  while (rest >= 128) {
    out.push((rest & 0x7f) | 0x80);
    rest >>>= 7;
  }
  out.push(rest);
  return Buffer.from(out);
}

function hpackString(s: string): Buffer {
  const bytes = Buffer.from(s, 'latin1');
  return Buffer.concat([hpackInt(bytes.length, 7, 0), bytes]);
}

/** A literal field without indexing, new name (RFC 7541 §6.2.2). */
export function literal(name: string, value: string): Buffer {
  return Buffer.concat([Buffer.from([0x00]), hpackString(name), hpackString(value)]);
}

/** A literal field with incremental indexing, new name (§6.2.1): it enters the dynamic table. */
export function literalIndexed(name: string, value: string): Buffer {
  return Buffer.concat([Buffer.from([0x40]), hpackString(name), hpackString(value)]);
}

/** An indexed field (§6.1): one byte for indices below 127. */
export function indexed(index: number): Buffer {
  return hpackInt(index, 7, 0x80);
}

export function literalBlock(fields: [string, string][]): Buffer {
  return Buffer.concat(fields.map(([n, v]) => literal(n, v)));
}

/** Big-endian 32-bit words (frame payloads). */
export const u32 = (...values: number[]): Buffer => {
  const b = Buffer.alloc(4 * values.length);
  for (let i = 0; i < values.length; i++) b.writeUInt32BE((values[i] as number) >>> 0, 4 * i);
  return b;
};

/** One SETTINGS entry. */
export const setting = (id: number, value: number): Buffer => {
  const b = Buffer.alloc(6);
  b.writeUInt16BE(id, 0);
  b.writeUInt32BE(value >>> 0, 2);
  return b;
};

/** A GET's pseudo-headers for the test upstream's echo path. */
export const GET: [string, string][] = [
  [':method', 'GET'],
  [':scheme', 'https'],
  [':authority', 'example.test'],
  [':path', '/echo'],
];

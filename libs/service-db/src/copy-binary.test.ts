import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { CopyFormatError, CopyOut, END, NEED_DATA, readInt64, TUPLE, writeUuidText } from './copy-binary.ts';

/** A backend message: code, length (itself included), payload. */
function message(code: string, payload: Buffer): Buffer {
  const head = Buffer.alloc(5);
  head[0] = code.charCodeAt(0);
  head.writeInt32BE(payload.length + 4, 1);
  return Buffer.concat([head, payload]);
}

/** A binary COPY tuple of text fields (null: NULL). */
function tuple(fields: (string | null)[]): Buffer {
  const parts = [Buffer.from([fields.length >> 8, fields.length & 0xff])];
  for (const field of fields) {
    const length = Buffer.alloc(4);
    if (field === null) {
      length.writeInt32BE(-1);
      parts.push(length);
    } else {
      const bytes = Buffer.from(field);
      length.writeInt32BE(bytes.length);
      parts.push(length, bytes);
    }
  }
  return Buffer.concat(parts);
}

const HEADER = Buffer.concat([Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'), Buffer.alloc(8)]);
const ROWS: (string | null)[][] = [
  ['a', 'first'],
  ['b', null],
  ['c', 'x'.repeat(300)],
  ['d', ''],
];
/** CopyOutResponse, the rows (header with the first), a notice, the trailer, CopyDone, then what follows. */
const WIRE = Buffer.concat([
  message('H', Buffer.from([1, 0, 2, 0, 1, 0, 1])),
  message('d', Buffer.concat([HEADER, tuple(ROWS[0] as (string | null)[])])),
  message('d', tuple(ROWS[1] as (string | null)[])),
  message('N', Buffer.from('SNOTICE\0\0')),
  message('d', tuple(ROWS[2] as (string | null)[])),
  message('d', tuple(ROWS[3] as (string | null)[])),
  message('d', Buffer.from([0xff, 0xff])),
  message('c', Buffer.alloc(0)),
]);
const AFTER = Buffer.concat([message('C', Buffer.from('COPY 4\0')), message('Z', Buffer.from('I'))]);

class FakeSocket extends EventEmitter {
  paused = false;
  pause() {
    this.paused = true;
    return this;
  }
  resume() {
    this.paused = false;
    return this;
  }
  isPaused() {
    return this.paused;
  }
}

/** A connection whose own data listener collects what is handed back to it. */
function connection() {
  const socket = new FakeSocket();
  const handedBack: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => handedBack.push(chunk));
  const sent: string[] = [];
  return { conn: { stream: socket, query: (text: string) => sent.push(text) }, socket, handedBack, sent };
}

/** Reads every tuple, feeding `chunks` one at a time whenever the reader needs data. */
function readAll(copy: CopyOut, socket: FakeSocket, chunks: Buffer[]): (string | null)[][] {
  const rows: (string | null)[][] = [];
  for (;;) {
    const result = copy.next();
    if (result === END) return rows;
    if (result === NEED_DATA) {
      const chunk = chunks.shift();
      if (chunk === undefined) throw new Error('reader wants more than was sent');
      socket.emit('data', chunk);
      continue;
    }
    expect(result).toBe(TUPLE);
    const row: (string | null)[] = [];
    for (let i = 0; i < copy.fields; i++) {
      const length = copy.lengths[i] as number;
      const start = copy.starts[i] as number;
      row.push(length < 0 ? null : copy.bytes.toString('utf8', start, start + length));
    }
    rows.push(row);
  }
}

describe('CopyOut (binary COPY over the raw protocol)', () => {
  it('reads every tuple however the socket cuts the bytes, and hands the rest back at CopyDone', () => {
    const whole = Buffer.concat([WIRE, AFTER]);
    for (let size = 1; size <= whole.length; size += size < 16 ? 1 : 7) {
      for (const first of [0, 3]) {
        const chunks: Buffer[] = [];
        if (first > 0) chunks.push(whole.subarray(0, first));
        for (let at = first; at < whole.length; at += size) chunks.push(whole.subarray(at, at + size));
        const { conn, socket, handedBack, sent } = connection();
        const copy = new CopyOut('COPY (SELECT 1) TO STDOUT (FORMAT binary)', 4);
        copy.submit(conn as never);
        expect(sent).toEqual([copy.text]);
        expect(readAll(copy, socket, chunks)).toEqual(ROWS);
        // Everything after CopyDone (and CopyDone itself) went back to node-postgres, unread chunks too.
        for (const chunk of chunks) socket.emit('data', chunk);
        const back = Buffer.concat(handedBack);
        expect(back.equals(whole.subarray(WIRE.length - 5))).toBe(true);
        expect(socket.listenerCount('data')).toBe(1);
      }
    }
  });

  it('hands an error back to node-postgres and throws what it reports', async () => {
    const { conn, socket, handedBack } = connection();
    const copy = new CopyOut('COPY x TO STDOUT (FORMAT binary)', 4);
    copy.submit(conn as never);
    const error = message('E', Buffer.from('SERROR\0Mcanceling statement due to statement timeout\0\0'));
    socket.emit(
      'data',
      Buffer.concat([message('H', Buffer.from([1, 0, 0])), message('d', Buffer.concat([HEADER, tuple(['a'])])), error]),
    );
    expect(copy.next()).toBe(TUPLE);
    expect(copy.next()).toBe(NEED_DATA);
    expect(Buffer.concat(handedBack).equals(error)).toBe(true);
    copy.handleError(new Error('canceling statement due to statement timeout'));
    expect(() => copy.next()).toThrow('statement timeout');
    await expect(copy.done()).rejects.toThrow('statement timeout');
  });

  it('refuses what is not a binary COPY stream, and a COPY that ends before its trailer', () => {
    const { conn, socket } = connection();
    const copy = new CopyOut('COPY x TO STDOUT', 4);
    copy.submit(conn as never);
    socket.emit('data', message('d', Buffer.from('a\tb\n')));
    expect(() => copy.next()).toThrow(CopyFormatError);

    const cut = connection();
    const early = new CopyOut('COPY x TO STDOUT (FORMAT binary)', 4);
    early.submit(cut.conn as never);
    cut.socket.emit(
      'data',
      Buffer.concat([message('d', Buffer.concat([HEADER, tuple(['a'])])), message('c', Buffer.alloc(0))]),
    );
    expect(early.next()).toBe(TUPLE);
    expect(() => early.next()).toThrow('COPY ended mid-stream');
  });
});

describe('binary field helpers', () => {
  it('prints a uuid as PostgreSQL does and reads 64-bit integers up to 2^53', () => {
    const id = Buffer.from('0123456789abcdeffedcba9876543210', 'hex');
    const text = Buffer.alloc(36);
    writeUuidText(id, 0, text, 0);
    expect(text.toString('latin1')).toBe('01234567-89ab-cdef-fedc-ba9876543210');
    const big = Buffer.alloc(8);
    big.writeBigInt64BE(2n ** 53n - 1n);
    expect(readInt64(big, 0)).toBe(Number.MAX_SAFE_INTEGER);
    big.writeBigInt64BE(2n ** 53n + 1n);
    expect(() => readInt64(big, 0)).toThrow(CopyFormatError);
  });
});

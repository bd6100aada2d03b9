/**
 * PostgreSQL's binary COPY format (`COPY … TO STDOUT (FORMAT binary)`), read tuple by tuple.
 *
 * Format (PostgreSQL docs, "COPY — Binary Format"): an 11-byte signature, a 32-bit flags word, a
 * 32-bit header-extension length and that many bytes; then per tuple a 16-bit field count and per
 * field a 32-bit length (-1 for NULL) followed by that many bytes of the type's binary
 * representation; a field count of -1 ends the data. All integers are big-endian.
 */
const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
const HEADER_FIXED = SIGNATURE.length + 8;
/** Bit 16 of the flags word: OIDs included (never, for a query's output; refused). */
const FLAG_OIDS = 1 << 16;
const EMPTY: Buffer = Buffer.alloc(0);
/** Pause the stream while this much is buffered and not parsed; resume below a quarter of it. */
const HIGH_WATER = 8 * 1024 * 1024;

export class CopyFormatError extends Error {
  override name = 'CopyFormatError';
}

/** `next()` results. */
export const TUPLE = 1;
export const NEED_DATA = 0;
export const END = -1;

// Backend message codes met during COPY OUT (PostgreSQL docs, "Message Formats").
const COPY_DATA = 0x64; // d
const COPY_DONE = 0x63; // c
const COPY_OUT_RESPONSE = 0x48; // H
const NOTICE = 0x4e; // N
const PARAMETER_STATUS = 0x53; // S
const NOTIFICATION = 0x41; // A

/** The parts of node-postgres's connection a COPY OUT takes over for its duration. */
interface PgConnection {
  stream: NodeJS.ReadableStream & {
    listeners(event: 'data'): ((chunk: Buffer) => void)[];
    isPaused(): boolean;
  };
  query(text: string): void;
}

/**
 * `COPY (…) TO STDOUT (FORMAT binary)` as a node-postgres submittable (`client.query(copy)`) read tuple
 * by tuple: `next()` makes the next tuple current — `bytes` holds it, field i is
 * `bytes[starts[i], starts[i] + lengths[i])` (length -1: NULL) — or says that more data must arrive
 * first (`await more()`), or that the COPY ended. While the COPY runs it reads the connection's socket
 * itself, as pg-copy-streams does, and parses the protocol messages and the tuples inside them in one
 * pass over the socket's chunks: no object, Buffer or copy per row (a message split across two chunks
 * is copied once); at CopyDone, or at anything else (an error), it hands the socket back to
 * node-postgres, which finishes the statement (CommandComplete, ReadyForQuery, or the error). The
 * socket is paused while more than 8 MiB wait unparsed. `done()` settles once the statement did.
 */
export class CopyOut {
  readonly text: string;
  bytes: Buffer = EMPTY;
  readonly starts: Int32Array;
  readonly lengths: Int32Array;
  fields = 0;
  tuples = 0;
  #connection: PgConnection | null = null;
  #pgOnData: ((chunk: Buffer) => void) | null = null;
  readonly #onData = (chunk: Buffer) => {
    this.#chunks.push(chunk);
    this.#queued += chunk.length;
    if (this.#queued > HIGH_WATER) this.#connection?.stream.pause();
    this.#notify();
  };
  /** Raw protocol bytes: the chunk being parsed, from #at, then the queued ones. */
  #raw: Buffer = EMPTY;
  #at = 0;
  readonly #chunks: Buffer[] = [];
  #queued = 0;
  #headerRead = false;
  #trailer = false;
  #attached = false;
  #ended = false;
  #error: Error | null = null;
  #wake: (() => void) | null = null;
  readonly #done: Promise<void>;
  #settle: (error?: Error) => void = () => undefined;

  /** `maxFields`: the widest tuple expected (a wider one is a format error). */
  constructor(text: string, maxFields: number) {
    this.text = text;
    this.starts = new Int32Array(maxFields);
    this.lengths = new Int32Array(maxFields);
    this.#done = new Promise((resolve, reject) => {
      this.#settle = (error) => (error ? reject(error) : resolve());
    });
    this.#done.catch(() => undefined); // surfaced by next() and done()
  }

  /** node-postgres: the query's turn on the connection. */
  submit(connection: PgConnection): void {
    this.#connection = connection;
    const listeners = connection.stream.listeners('data');
    if (listeners.length !== 1) throw new CopyFormatError('expected one data listener on the connection');
    this.#pgOnData = listeners[0] as (chunk: Buffer) => void;
    connection.stream.removeListener('data', this.#pgOnData);
    connection.stream.on('data', this.#onData);
    this.#attached = true;
    connection.query(this.text);
  }

  /** node-postgres: the statement failed (after the socket was handed back). */
  handleError(error: Error): void {
    this.#error = error;
    this.#settle(error);
    this.#notify();
  }

  handleCommandComplete(): void {}

  handleReadyForQuery(): void {
    if (!this.#ended && this.#error === null) this.handleError(new CopyFormatError('COPY ended before its data'));
    this.#settle();
    this.#notify();
    // node-postgres arms its query_timeout around this; calling back clears it.
    this.callback?.(this.#error);
  }

  /** Set by node-postgres (its query_timeout wrapper). */
  callback?: (error: Error | null) => void;

  /** Read by node-postgres: this statement's client-side limit, instead of the connection's. */
  query_timeout?: number;

  /** Settles once node-postgres finished the statement (ReadyForQuery), or rejects with its error. */
  done(): Promise<void> {
    return this.#done;
  }

  /** Resolves once more data arrived, or the COPY ended or failed. */
  more(): Promise<void> {
    if (this.#chunks.length > 0 || this.#error !== null || !this.#attached) return Promise.resolve();
    return new Promise((resolve) => {
      this.#wake = resolve;
    });
  }

  #notify(): void {
    const wake = this.#wake;
    this.#wake = null;
    wake?.();
  }

  /** TUPLE (a tuple is current), NEED_DATA (`await more()` and call again) or END (after CopyDone). */
  next(): number {
    for (;;) {
      if (this.#error !== null) throw this.#error;
      if (this.#ended) return END;
      if (!this.#attached) {
        // Handed back without CopyDone (an error follows from node-postgres): wait for it.
        return this.#waitForError();
      }
      let raw = this.#raw;
      let at = this.#at;
      if (raw.length - at < 5) {
        if (!this.#take(5)) return NEED_DATA;
        continue;
      }
      const code = raw[at] as number;
      const total = 1 + raw.readInt32BE(at + 1);
      if (
        code !== COPY_DATA &&
        code !== COPY_OUT_RESPONSE &&
        code !== NOTICE &&
        code !== PARAMETER_STATUS &&
        code !== NOTIFICATION
      ) {
        // CopyDone, or an error or anything else that ends COPY OUT: node-postgres takes it from here.
        if (code === COPY_DONE && !this.#trailer) throw new CopyFormatError('COPY ended mid-stream');
        // Ended first: handing back may run node-postgres's ReadyForQuery at once.
        if (code === COPY_DONE) this.#ended = true;
        this.#handBack();
        return code === COPY_DONE ? END : this.#waitForError();
      }
      if (raw.length - at < total) {
        if (!this.#take(total)) return NEED_DATA;
        raw = this.#raw;
        at = this.#at;
      }
      this.#at = at + total;
      if (code !== COPY_DATA) continue;
      if (this.#tuple(raw, at + 5, at + total)) return TUPLE;
    }
  }

  #waitForError(): number {
    if (this.#error !== null) throw this.#error;
    return NEED_DATA;
  }

  /**
   * Makes the next `need` bytes from #at contiguous in #raw, taking queued chunks; false when fewer
   * than that have arrived. Copies only a message that crosses a chunk boundary, except a message
   * header cut by one (the next chunk is then appended whole: rare enough).
   */
  #take(need: number): boolean {
    const have = this.#raw.length - this.#at;
    if (have + this.#queued < need) return false;
    if (have === 0) {
      this.#raw = this.#shift();
      this.#at = 0;
      return this.#raw.length >= need || this.#take(need);
    }
    const rest = this.#raw.subarray(this.#at);
    if (need <= 5) {
      this.#raw = Buffer.concat([rest, this.#shift()]);
      this.#at = 0;
      return this.#raw.length >= need || this.#take(need);
    }
    // One message across chunks: copy it out whole, parse it from there, then go on in the chunk after it.
    const message = Buffer.allocUnsafe(need);
    rest.copy(message, 0);
    let filled = rest.length;
    let chunk: Buffer = EMPTY;
    let used = 0;
    while (filled < need) {
      chunk = this.#shift();
      used = Math.min(chunk.length, need - filled);
      chunk.copy(message, filled, 0, used);
      filled += used;
    }
    if (used < chunk.length) {
      this.#chunks.unshift(chunk.subarray(used));
      this.#queued += chunk.length - used;
    }
    this.#raw = message;
    this.#at = 0;
    return true;
  }

  #shift(): Buffer {
    const chunk = this.#chunks.shift() as Buffer;
    this.#queued -= chunk.length;
    const stream = this.#connection?.stream;
    if (stream && this.#attached && this.#queued < HIGH_WATER / 4 && stream.isPaused()) stream.resume();
    return chunk;
  }

  /** Parses one CopyData payload: the file header (first message, with the first tuple), a tuple, or the trailer. */
  #tuple(bytes: Buffer, from: number, end: number): boolean {
    let at = from;
    if (!this.#headerRead) {
      if (end - at < HEADER_FIXED || !bytes.subarray(at, at + SIGNATURE.length).equals(SIGNATURE)) {
        throw new CopyFormatError('not a binary COPY stream (bad signature)');
      }
      if ((bytes.readInt32BE(at + SIGNATURE.length) & FLAG_OIDS) !== 0) {
        throw new CopyFormatError('binary COPY with OIDs is not supported');
      }
      at += HEADER_FIXED + bytes.readInt32BE(at + SIGNATURE.length + 4);
      this.#headerRead = true;
      if (at === end) return false;
    }
    if (this.#trailer) throw new CopyFormatError('data after the end of a binary COPY stream');
    const fields = bytes.readInt16BE(at);
    if (fields === -1) {
      this.#trailer = true;
      return false;
    }
    const starts = this.starts;
    const lengths = this.lengths;
    if (fields < 0 || fields > starts.length) {
      throw new CopyFormatError(`a tuple of ${fields} fields (at most ${starts.length} expected)`);
    }
    let p = at + 2;
    for (let i = 0; i < fields; i++) {
      // readInt32BE by hand: its argument checks, per field of millions of rows, showed in profiles.
      const length =
        ((bytes[p] as number) << 24) |
        ((bytes[p + 1] as number) << 16) |
        ((bytes[p + 2] as number) << 8) |
        (bytes[p + 3] as number);
      p += 4;
      starts[i] = p;
      lengths[i] = length;
      if (length > 0) p += length;
    }
    if (p !== end) throw new CopyFormatError('a tuple that does not fill its CopyData message');
    this.bytes = bytes;
    this.fields = fields;
    this.tuples++;
    return true;
  }

  /** Gives the socket back to node-postgres with everything not parsed yet (from the current message on). */
  #handBack(): void {
    const connection = this.#connection as PgConnection;
    const pgOnData = this.#pgOnData as (chunk: Buffer) => void;
    this.#attached = false;
    connection.stream.removeListener('data', this.#onData);
    connection.stream.on('data', pgOnData);
    const rest = [this.#raw.subarray(this.#at), ...this.#chunks];
    this.#chunks.length = 0;
    this.#queued = 0;
    this.#raw = EMPTY;
    this.#at = 0;
    for (const chunk of rest) if (chunk.length > 0) pgOnData(chunk);
    if (connection.stream.isPaused()) connection.stream.resume();
  }
}

/** -1, 0 or 1 as the 16 bytes at `a[i]` sort before, equal or after those at `b[j]` (uuid order is byte order). */
export function compareUuid(a: Uint8Array, i: number, b: Uint8Array, j: number): number {
  for (let k = 0; k < 16; k++) {
    const x = a[i + k] as number;
    const y = b[j + k] as number;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const HEX_BYTES = new Uint8Array(512);
for (let i = 0; i < 256; i++) {
  HEX_BYTES[i * 2] = (HEX[i] as string).charCodeAt(0);
  HEX_BYTES[i * 2 + 1] = (HEX[i] as string).charCodeAt(1);
}

/**
 * Writes a binary uuid (16 bytes at `from`) as PostgreSQL prints it — 36 lower-case characters,
 * 8-4-4-4-12 — at `offset` of `target`; returns the offset after it.
 */
export function writeUuidText(source: Uint8Array, from: number, target: Uint8Array, offset: number): number {
  let at = offset;
  for (let i = 0; i < 16; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) target[at++] = 0x2d; // '-'
    const byte = source[from + i] as number;
    target[at++] = HEX_BYTES[byte * 2] as number;
    target[at++] = HEX_BYTES[byte * 2 + 1] as number;
  }
  return at;
}

/** A big-endian 64-bit integer (int8, xid8) at `offset`, as a number; throws past 2^53. */
export function readInt64(bytes: Buffer, offset: number): number {
  const high = bytes.readInt32BE(offset);
  const low = bytes.readUInt32BE(offset + 4);
  const value = high * 0x1_0000_0000 + low;
  if (!Number.isSafeInteger(value)) throw new CopyFormatError(`a 64-bit value past 2^53 at offset ${offset}`);
  return value;
}

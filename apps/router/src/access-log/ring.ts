import { CONTROL_BYTES, DROPPED, LOGGED, READ, RECORD_BYTES, ringBytes, ringRecords, WRITE } from './layout.ts';

/** A ring of `records` slots (rounded up to a power of two) in shared memory; see layout.ts. */
export function allocateRing(records: number): SharedArrayBuffer {
  return new SharedArrayBuffer(ringBytes(ringRecords(records)));
}

function capacityOf(ring: SharedArrayBuffer): number {
  return (ring.byteLength - CONTROL_BYTES) / RECORD_BYTES;
}

/**
 * The producer side, in a serving thread: `claim()` a slot, fill it, `publish()`. Never waits: a
 * full ring drops the record and counts it.
 */
export class RingWriter {
  readonly ring: SharedArrayBuffer;
  readonly bytes: Buffer;
  readonly f64: Float64Array;
  readonly u16: Uint16Array;
  readonly #control: Int32Array;
  readonly #mask: number;
  readonly #capacity: number;
  #write: number;
  /** READ as last seen: re-read only when the ring looks full. */
  #read: number;

  constructor(ring: SharedArrayBuffer) {
    this.ring = ring;
    this.bytes = Buffer.from(ring);
    this.f64 = new Float64Array(ring);
    this.u16 = new Uint16Array(ring);
    this.#control = new Int32Array(ring, 0, CONTROL_BYTES / 4);
    this.#capacity = capacityOf(ring);
    this.#mask = this.#capacity - 1;
    // A replacement thread continues where the one before it stopped.
    this.#write = Atomics.load(this.#control, WRITE);
    this.#read = Atomics.load(this.#control, READ);
  }

  /** The byte offset of the next free slot, or -1 when the ring is full (the record is counted as dropped). */
  claim(): number {
    const w = this.#write;
    if (((w - this.#read) | 0) >= this.#capacity) {
      this.#read = Atomics.load(this.#control, READ);
      if (((w - this.#read) | 0) >= this.#capacity) {
        Atomics.add(this.#control, DROPPED, 1);
        return -1;
      }
    }
    return CONTROL_BYTES + (w & this.#mask) * RECORD_BYTES;
  }

  /** Makes the claimed slot visible to the consumer. */
  publish(): void {
    this.#write = (this.#write + 1) | 0;
    Atomics.store(this.#control, WRITE, this.#write);
  }
}

/** The consumer side, in the logger thread. */
export class RingReader {
  readonly bytes: Buffer;
  readonly f64: Float64Array;
  readonly u16: Uint16Array;
  readonly #control: Int32Array;
  readonly #mask: number;
  #read: number;
  #logged: number;

  constructor(ring: SharedArrayBuffer) {
    this.bytes = Buffer.from(ring);
    this.f64 = new Float64Array(ring);
    this.u16 = new Uint16Array(ring);
    this.#control = new Int32Array(ring, 0, CONTROL_BYTES / 4);
    this.#mask = capacityOf(ring) - 1;
    this.#read = Atomics.load(this.#control, READ);
    this.#logged = Atomics.load(this.#control, LOGGED);
  }

  /**
   * Calls `visit` with the byte offset of each published record, oldest first, at most `max`, then
   * frees their slots. Returns how many were visited.
   */
  drain(visit: (reader: RingReader, at: number) => void, max: number): number {
    const available = (Atomics.load(this.#control, WRITE) - this.#read) | 0;
    const n = Math.min(available, max);
    for (let i = 0; i < n; i++) visit(this, CONTROL_BYTES + ((this.#read + i) & this.#mask) * RECORD_BYTES);
    if (n > 0) {
      this.#read = (this.#read + n) | 0;
      Atomics.store(this.#control, READ, this.#read);
    }
    return n;
  }

  /** Records written out since the ring was made (the logger thread counts them here). */
  logged(n: number): void {
    this.#logged = (this.#logged + n) | 0;
    Atomics.store(this.#control, LOGGED, this.#logged);
  }
}

/** Counters of a ring, for /metrics (main thread): dropped and written-out records. */
export function ringCounters(ring: SharedArrayBuffer): { dropped: number; logged: number } {
  const control = new Int32Array(ring, 0, CONTROL_BYTES / 4);
  return { dropped: Atomics.load(control, DROPPED) >>> 0, logged: Atomics.load(control, LOGGED) >>> 0 };
}

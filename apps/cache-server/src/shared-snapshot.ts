import type { Service } from '@switchyard/proto';
import { type EncodedEvent, snapshotEvents } from './encoding.ts';

/**
 * One snapshot of the region at `version`, encoded once for every stream that needs a snapshot:
 * its events (SnapshotStart, the ServiceBatch chunks, SnapshotEnd) are encoded lazily, as the
 * fastest reader gets to them, and kept for slower and later readers. N clients asking for a
 * snapshot cost N writes of the same bytes, not N encodes. A reader that gets an older shared
 * snapshot than the state's version catches up with a delta after it (Subscriber).
 */
export class SharedSnapshot {
  readonly version: number;
  readonly total: number;
  readonly #events: EncodedEvent[] = [];
  #source: Iterator<EncodedEvent> | null;
  #bytes = 0;
  #readers = 0;
  #lastUsedMs = Date.now();

  constructor(version: number, records: readonly Service[]) {
    this.version = version;
    this.total = records.length;
    this.#source = snapshotEvents(version, records);
  }

  /** Encoded bytes held so far. */
  get bytes(): number {
    return this.#bytes;
  }

  /** Every event is encoded. */
  get complete(): boolean {
    return this.#source === null;
  }

  /** Nobody is reading it and nobody has for `idleMs`. */
  isIdle(now: number, idleMs: number): boolean {
    return this.#readers === 0 && now - this.#lastUsedMs >= idleMs;
  }

  /** The events in order, for one stream; encodes the ones no reader reached yet. */
  *events(): Generator<EncodedEvent> {
    this.#readers++;
    try {
      for (let i = 0; ; i++) {
        const event = this.#at(i);
        if (event === undefined) return;
        yield event;
      }
    } finally {
      this.#readers--;
      this.#lastUsedMs = Date.now();
    }
  }

  #at(index: number): EncodedEvent | undefined {
    while (this.#events.length <= index && this.#source !== null) {
      const next = this.#source.next();
      if (next.done) {
        this.#source = null; // drops the records array too
        break;
      }
      this.#events.push(next.value);
      this.#bytes += next.value.bytes.length;
    }
    return this.#events[index];
  }
}

import type { TableHandle } from './layout.ts';

/** Main thread → worker: attach to this generation between requests. */
export interface TableHandoverMessage {
  readonly type: 'route-table:handle';
  readonly handle: TableHandle;
}

/** Worker → main thread: every lookup from now on uses `generation`. */
export interface TableAckMessage {
  readonly type: 'route-table:ack';
  readonly generation: number;
}

export function handoverMessage(handle: TableHandle): TableHandoverMessage {
  return { type: 'route-table:handle', handle };
}

export function ackMessage(generation: number): TableAckMessage {
  return { type: 'route-table:ack', generation };
}

export function isHandoverMessage(message: unknown): message is TableHandoverMessage {
  return (message as TableHandoverMessage | null)?.type === 'route-table:handle';
}

export function isAckMessage(message: unknown): message is TableAckMessage {
  return (message as TableAckMessage | null)?.type === 'route-table:ack';
}

/**
 * Main-thread bookkeeping of which readers use which generation. A superseded generation is
 * released (its handle dropped, `onRelease` called) once every registered reader has
 * acknowledged a newer one; a reader that goes away stops holding anything back.
 */
export class HandoverTracker {
  private current: TableHandle;
  private readonly retained = new Map<number, TableHandle>();
  private readonly acked = new Map<string | number, number>();
  private readonly onRelease: (handle: TableHandle) => void;

  constructor(current: TableHandle, onRelease: (handle: TableHandle) => void = () => {}) {
    this.current = current;
    this.onRelease = onRelease;
  }

  get handle(): TableHandle {
    return this.current;
  }

  /** A reader attached to the current handle (it was given `handle` at start). */
  addReader(reader: string | number, generation: number = this.current.generation): void {
    this.acked.set(reader, generation);
  }

  removeReader(reader: string | number): void {
    this.acked.delete(reader);
    this.releaseSettled();
  }

  /** A new current generation; the previous one is retained until every reader has moved on. */
  publish(handle: TableHandle): void {
    if (handle.generation === this.current.generation) return;
    this.retained.set(this.current.generation, this.current);
    this.current = handle;
    this.releaseSettled();
  }

  acknowledge(reader: string | number, generation: number): void {
    if (!this.acked.has(reader)) return;
    this.acked.set(reader, Math.max(this.acked.get(reader) ?? 0, generation));
    this.releaseSettled();
  }

  /** Generations still held for some reader. */
  retainedGenerations(): number[] {
    return [...this.retained.keys()];
  }

  private releaseSettled(): void {
    let oldest = this.current.generation;
    for (const generation of this.acked.values()) oldest = Math.min(oldest, generation);
    for (const [generation, handle] of this.retained) {
      if (generation < oldest) {
        this.retained.delete(generation);
        this.onRelease(handle);
      }
    }
  }
}

import { type ServerWritableStream, status } from '@grpc/grpc-js';
import type { Logger } from '@switchyard/telemetry';
import { deltaEvents, type EncodedEvent, heartbeatEvent } from './encoding.ts';
import type { CacheMetrics } from './metrics.ts';
import { SharedSnapshot } from './shared-snapshot.ts';
import type { RouteState } from './state.ts';

export interface SubscriberOptions {
  backlogBytes: number;
  maxResyncs: number;
  /** A backlog overflow older than this no longer counts towards `maxResyncs`. */
  resyncWindowMs?: number;
}

type Stream = Pick<ServerWritableStream<unknown, Buffer>, 'write' | 'once' | 'end' | 'emit'>;

/**
 * One Watch stream. Bulk work (a snapshot, or the changes a resuming client misses) is produced
 * lazily, one message per write, so it costs one message of memory; live deltas and heartbeats wait
 * in a queue capped at `backlogBytes`. A stream over the cap drops its queue and is brought up to
 * date from state instead (or gets a snapshot); after `maxResyncs` overflows it is closed.
 */
export class Subscriber {
  readonly clientId: string;
  readonly peer: string;
  lastActivityMs = Date.now();
  #queue: EncodedEvent[] = [];
  #queuedBytes = 0;
  #producer: Iterator<EncodedEvent> | null = null;
  /** Catch up from state at the next write opportunity (computed then, so it is never stale). */
  #catchUpPending = false;
  /** The producer is a shared snapshot that may be older than the state: catch up after it. */
  #catchUpAfterProducer = false;
  #waitingForDrain = false;
  #closed = false;
  /** What the client has once everything handed to the stream is applied (0: needs a snapshot). */
  #resumeFrom: number;
  #overflows: number[] = [];
  /** An overflow counts towards `maxResyncs` only if the client read something since the last one. */
  #progressSinceOverflow = true;
  #snapshotStartedMs = 0;
  #snapshotBytes = 0;
  #snapshotServices = 0;
  readonly #stream: Stream;
  readonly #state: RouteState;
  readonly #snapshots: SnapshotSource;
  readonly #options: SubscriberOptions;
  readonly #metrics: CacheMetrics;
  readonly #logger: Logger;
  readonly #onClose: (subscriber: Subscriber) => void;

  constructor(init: {
    stream: Stream;
    clientId: string;
    peer: string;
    fromVersion: number;
    state: RouteState;
    /** Where full snapshots come from (the hub: one shared, encoded-once snapshot). */
    snapshots: SnapshotSource;
    options: SubscriberOptions;
    metrics: CacheMetrics;
    logger: Logger;
    onClose: (subscriber: Subscriber) => void;
  }) {
    this.#stream = init.stream;
    this.clientId = init.clientId;
    this.peer = init.peer;
    this.#resumeFrom = init.fromVersion;
    this.#state = init.state;
    this.#snapshots = init.snapshots;
    this.#options = init.options;
    this.#metrics = init.metrics;
    this.#logger = init.logger;
    this.#onClose = init.onClose;
  }

  get closed(): boolean {
    return this.#closed;
  }

  get queuedBytes(): number {
    return this.#queuedBytes;
  }

  /** Starts the stream at the client's version: a snapshot, only what it misses, or a heartbeat. */
  start(): void {
    this.#catchUpPending = true;
    this.#pump();
  }

  /** A live event, encoded once for every subscriber. */
  push(events: readonly EncodedEvent[]): void {
    if (this.#closed) return;
    for (const event of events) {
      this.#queue.push(event);
      this.#queuedBytes += event.bytes.length;
    }
    this.#pump();
    if (this.#queuedBytes > this.#options.backlogBytes) this.#overflow();
  }

  /**
   * Drops what is queued and brings the stream up to date from state instead (a change too large to
   * queue for every subscriber). Not counted as an overflow.
   */
  refresh(): void {
    if (this.#closed) return;
    this.#queue = [];
    this.#queuedBytes = 0;
    this.#producer = null;
    this.#catchUpAfterProducer = false;
    this.#catchUpPending = true;
    this.#pump();
  }

  /** True when nothing was written for `idleMs` and nothing is pending. */
  isIdle(now: number, idleMs: number): boolean {
    return (
      !this.#closed &&
      !this.#catchUpPending &&
      this.#producer === null &&
      this.#queue.length === 0 &&
      now - this.lastActivityMs >= idleMs
    );
  }

  /** Ends the stream with a status (OK ends it cleanly). */
  close(code: status, details: string): void {
    if (this.#closed) return;
    this.#markClosed();
    if (code === status.OK) this.#stream.end();
    else this.#stream.emit('error', { code, details });
  }

  /** The peer went away (cancelled, or the connection closed). */
  detach(): void {
    if (!this.#closed) this.#markClosed();
  }

  #markClosed(): void {
    this.#closed = true;
    this.#queue = [];
    this.#queuedBytes = 0;
    this.#producer = null;
    this.#catchUpPending = false;
    this.#catchUpAfterProducer = false;
    this.#onClose(this);
  }

  #catchUp(fromVersion: number): Iterator<EncodedEvent> {
    const changes = fromVersion > 0 ? this.#state.changesSince(fromVersion) : null;
    if (changes === null) {
      const snapshot = this.#snapshots.sharedSnapshot();
      this.#snapshotStartedMs = performance.now();
      this.#snapshotBytes = 0;
      this.#snapshotServices = snapshot.total;
      if (fromVersion > 0) {
        this.#logger.info({ clientId: this.clientId, fromVersion }, 'client version older than the tombstone horizon');
      }
      this.#catchUpAfterProducer = snapshot.version < this.#state.version;
      return snapshot.events();
    }
    if (changes.upserts.length === 0 && changes.removedIds.length === 0) {
      return [heartbeatEvent(changes.version, changes.commitTimeMs)][Symbol.iterator]();
    }
    return deltaEvents({ previousVersion: fromVersion, ...changes });
  }

  #overflow(): void {
    const now = Date.now();
    const window = this.#options.resyncWindowMs ?? 60_000;
    this.#overflows = this.#overflows.filter((at) => now - at < window);
    this.#queue = [];
    this.#queuedBytes = 0;
    if (!this.#progressSinceOverflow) {
      // Still stuck since the last overflow (e.g. one large change arriving as many deltas): the queue is
      // dropped again and the pending catch-up from state covers it; memory stays bounded.
      this.#producer = null;
      this.#catchUpAfterProducer = false;
      this.#catchUpPending = true;
      return;
    }
    this.#progressSinceOverflow = false;
    this.#overflows.push(now);
    if (this.#overflows.length > this.#options.maxResyncs) {
      this.#metrics.streamsDropped.inc();
      this.#logger.warn(
        { clientId: this.clientId, peer: this.peer, overflows: this.#overflows.length },
        'subscriber dropped: backlog over the cap too often',
      );
      this.close(
        status.RESOURCE_EXHAUSTED,
        `the stream fell more than ${this.#options.backlogBytes} bytes behind ${this.#overflows.length} times; ` +
          'reconnect and resume from the last applied version',
      );
      return;
    }
    this.#metrics.streamsResynced.inc();
    this.#logger.warn(
      { clientId: this.clientId, peer: this.peer, resumeFrom: this.#resumeFrom },
      'subscriber backlog over the cap: resyncing from state',
    );
    this.#producer = null;
    this.#catchUpAfterProducer = false;
    this.#catchUpPending = true;
  }

  #next(): EncodedEvent | undefined {
    if (this.#catchUpPending) {
      // State already holds everything queued so far: drop it, or versions would go backwards after.
      this.#catchUpPending = false;
      this.#queue = [];
      this.#queuedBytes = 0;
      this.#producer = this.#catchUp(this.#resumeFrom);
    }
    if (this.#producer) {
      const result = this.#producer.next();
      if (!result.done) return result.value;
      this.#producer = null;
      if (this.#catchUpAfterProducer) {
        // A shared snapshot older than the state: what changed since comes from state, as a delta.
        this.#catchUpAfterProducer = false;
        this.#catchUpPending = true;
        return this.#next();
      }
    }
    const event = this.#queue.shift();
    if (event) this.#queuedBytes -= event.bytes.length;
    return event;
  }

  #pump(): void {
    while (!this.#closed && !this.#waitingForDrain) {
      const event = this.#next();
      if (!event) return;
      const inSnapshot = event.version === 0;
      if (this.#snapshotStartedMs > 0) this.#snapshotBytes += event.bytes.length;
      this.#resumeFrom = event.version;
      this.lastActivityMs = Date.now();
      const writable = this.#stream.write(event.frame);
      if (!inSnapshot && this.#snapshotStartedMs > 0) this.#finishSnapshot();
      if (!writable) {
        this.#waitingForDrain = true;
        this.#stream.once('drain', () => {
          this.#waitingForDrain = false;
          this.#progressSinceOverflow = true;
          this.#pump();
        });
      }
    }
  }

  #finishSnapshot(): void {
    const seconds = (performance.now() - this.#snapshotStartedMs) / 1000;
    this.#metrics.snapshotDuration.observe(seconds);
    this.#metrics.snapshotServices.observe(this.#snapshotServices);
    this.#metrics.snapshotBytes.observe(this.#snapshotBytes);
    this.#logger.info(
      { clientId: this.clientId, services: this.#snapshotServices, bytes: this.#snapshotBytes, seconds },
      'snapshot sent',
    );
    this.#snapshotStartedMs = 0;
  }
}

/** A change with more records than this is not pre-encoded: every stream catches up from state. */
export const LARGE_CHANGE = 5_000;

/** Gives a stream that needs a full snapshot the one to send. */
export interface SnapshotSource {
  sharedSnapshot(): SharedSnapshot;
}

/**
 * All open streams of a cache: each change is encoded once and handed to every subscriber, and
 * full snapshots come from one shared, encoded-once snapshot.
 */
export class SubscriberHub implements SnapshotSource {
  readonly #subscribers = new Set<Subscriber>();
  readonly #unsubscribe: () => void;
  #shared: SharedSnapshot | undefined;
  readonly #heartbeatTimer: NodeJS.Timeout;
  readonly state: RouteState;
  readonly metrics: CacheMetrics;

  constructor(state: RouteState, metrics: CacheMetrics, heartbeatIntervalMs: number) {
    this.state = state;
    this.metrics = metrics;
    this.#unsubscribe = state.onChange((change) => {
      if (this.#subscribers.size === 0) return;
      if (change.upserts.length + change.removedIds.length > LARGE_CHANGE) {
        // Encoding it up front would hold the whole change in memory; each stream reads it from state lazily.
        for (const subscriber of this.#subscribers) subscriber.refresh();
        return;
      }
      const events = [...deltaEvents(change)];
      for (const subscriber of this.#subscribers) subscriber.push(events);
    });
    this.#heartbeatTimer = setInterval(
      () => this.#heartbeat(heartbeatIntervalMs),
      Math.max(10, Math.floor(heartbeatIntervalMs / 2)),
    );
    this.#heartbeatTimer.unref();
  }

  get size(): number {
    return this.#subscribers.size;
  }

  /**
   * The shared snapshot to send: the one being sent to other streams now (the stream then catches
   * up with a delta of what changed since it was taken), else a new one.
   */
  sharedSnapshot(): SharedSnapshot {
    const shared = this.#shared;
    if (
      shared !== undefined &&
      shared.readers > 0 &&
      shared.version > 0 &&
      shared.version >= this.state.completeSince
    ) {
      this.metrics.sharedSnapshots.inc({ result: 'reused' });
      return shared;
    }
    const snapshot = this.state.snapshot();
    this.#shared = new SharedSnapshot(snapshot.version, snapshot.records);
    this.metrics.sharedSnapshots.inc({ result: 'encoded' });
    return this.#shared;
  }

  add(subscriber: Subscriber): void {
    this.#subscribers.add(subscriber);
    this.metrics.subscribers.set(this.#subscribers.size);
    subscriber.start();
  }

  remove(subscriber: Subscriber): void {
    this.#subscribers.delete(subscriber);
    this.metrics.subscribers.set(this.#subscribers.size);
  }

  /** Ends every stream (shutdown). */
  closeAll(code: status, details: string): void {
    for (const subscriber of [...this.#subscribers]) subscriber.close(code, details);
  }

  stop(): void {
    this.#unsubscribe();
    clearInterval(this.#heartbeatTimer);
  }

  #heartbeat(idleMs: number): void {
    const now = Date.now();
    let event: EncodedEvent | undefined;
    for (const subscriber of this.#subscribers) {
      if (!subscriber.isIdle(now, idleMs)) continue;
      event ??= heartbeatEvent(this.state.version, this.state.commitTimeMs);
      subscriber.push([event]);
    }
  }
}

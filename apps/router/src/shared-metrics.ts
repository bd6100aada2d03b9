import type { ConnectionMetrics, ForwardMetrics } from '@switchyard/http1';
import { CONNECTION_EVENT_NAMES, type ConnectionEventCode, OUTCOME_NAMES, type OutcomeCode } from '@switchyard/http1';
// The subpath: the package's index brings protobufjs and the generated protos into every serving thread.
import { STATIC_EVENT_NAMES, type StaticEventCode, type StaticMetrics } from '@switchyard/static-site/metrics';
import { DECISION_NAMES, type DecisionCode } from './decisions.ts';
import { TLS_EVENT_NAMES, type TlsEventCode, type TlsMetrics } from './tls/tls-events.ts';

/**
 * Request counters and a latency histogram in one SharedArrayBuffer. Each serving thread owns
 * one region (its slot; a replacement thread takes over the slot of the one it replaces), so
 * threads never contend on a cache line. Words are Uint32 written with Atomics.add; the main
 * thread folds the increase since its last read into prom-client every second, so wrap-around
 * at 2^32 is harmless.
 *
 * Region layout (Uint32 words):
 *   REQUESTS   DECISIONS × STATUS_CLASSES   requests by decision and status class (1xx..5xx)
 *   OUTCOMES   OUTCOME_NAMES.length         forwarding outcomes (serve/metrics.ts)
 *   BUCKETS    LATENCY_BUCKETS_MS.length+1  latency histogram, not cumulative; the last is +Inf
 *   SUM_US     1                            latency sum in microseconds
 *   STATIC     STATIC_STATUSES.length       static-site responses by exact status (the last: any other)
 *   EVENTS     STATIC_EVENT_NAMES.length    static-site cache hits/misses/evictions, store errors
 *   TLS        TLS_EVENT_NAMES.length       handshakes, resumptions, failures, SNI outcomes (tls/tls-events.ts)
 *   CONN       CONNECTION_EVENT_NAMES.length connections that waited at the limit / were refused
 *   OPEN       1                            connections the thread serves now (a level, not a count)
 */
export const LATENCY_BUCKETS_MS = [0.5, 1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000] as const;
export const STATUS_CLASSES = ['1xx', '2xx', '3xx', '4xx', '5xx'] as const;

const DECISIONS = DECISION_NAMES.length;
const REQUESTS_AT = 0;
const OUTCOMES_AT = REQUESTS_AT + DECISIONS * STATUS_CLASSES.length;
const BUCKETS_AT = OUTCOMES_AT + OUTCOME_NAMES.length;
const SUM_US_AT = BUCKETS_AT + LATENCY_BUCKETS_MS.length + 1;
/** Statuses the static path answers with, counted one by one; anything else goes to 'other'. */
export const STATIC_STATUSES = [200, 206, 301, 302, 304, 307, 308, 400, 404, 405, 416, 500, 502, 508] as const;
const STATIC_AT = SUM_US_AT + 1;
const EVENTS_AT = STATIC_AT + STATIC_STATUSES.length + 1;
/** Rounded up to 16 words (64 bytes) so regions start on their own cache line. */
const TLS_AT = EVENTS_AT + STATIC_EVENT_NAMES.length;
const CONN_AT = TLS_AT + TLS_EVENT_NAMES.length;
const OPEN_AT = CONN_AT + CONNECTION_EVENT_NAMES.length;
export const REGION_WORDS = (OPEN_AT + 1 + 15) & ~15;

/** Static status → its word offset within STATIC (the last one for any other status). */
function staticSlot(status: number): number {
  const at = (STATIC_STATUSES as readonly number[]).indexOf(status);
  return at === -1 ? STATIC_STATUSES.length : at;
}

export function allocateSharedMetrics(slots: number): SharedArrayBuffer {
  return new SharedArrayBuffer(REGION_WORDS * 4 * slots);
}

/** A serving thread's writer into its region. Also the ForwardMetrics the forwarder reports to. */
export class SharedCounters implements ForwardMetrics, StaticMetrics, TlsMetrics, ConnectionMetrics {
  readonly #words: Uint32Array;

  constructor(buffer: SharedArrayBuffer, slot: number) {
    this.#words = new Uint32Array(buffer, slot * REGION_WORDS * 4, REGION_WORDS);
  }

  /** One answered request: its decision, final status and time from arrival to the last byte. */
  request(decision: DecisionCode, status: number, ms: number): void {
    const words = this.#words;
    let statusClass = ((status / 100) | 0) - 1;
    if (statusClass < 0 || statusClass > 4) statusClass = 4;
    Atomics.add(words, REQUESTS_AT + decision * STATUS_CLASSES.length + statusClass, 1);
    let bucket = 0;
    while (bucket < LATENCY_BUCKETS_MS.length && ms > (LATENCY_BUCKETS_MS[bucket] as number)) bucket++;
    Atomics.add(words, BUCKETS_AT + bucket, 1);
    Atomics.add(words, SUM_US_AT, Math.round(ms * 1000));
  }

  count(outcome: OutcomeCode): void {
    Atomics.add(this.#words, OUTCOMES_AT + outcome, 1);
  }

  /** The router measures whole requests in request(); the forwarder's own timing is not needed. */
  observeLatencyMs(): void {}

  /** A static-site response (StaticMetrics). */
  response(status: number): void {
    Atomics.add(this.#words, STATIC_AT + staticSlot(status), 1);
  }

  /** A static-site cache or store event (StaticMetrics). */
  event(event: StaticEventCode): void {
    Atomics.add(this.#words, EVENTS_AT + event, 1);
  }

  /** A TLS event (TlsMetrics). */
  tls(event: TlsEventCode): void {
    Atomics.add(this.#words, TLS_AT + event, 1);
  }

  /** A connection that waited at the connection limit, or was refused (ConnectionMetrics). */
  connectionEvent(event: ConnectionEventCode): void {
    Atomics.add(this.#words, CONN_AT + event, 1);
  }

  /** Connections the thread serves now (ConnectionMetrics). */
  openConnections(count: number): void {
    Atomics.store(this.#words, OPEN_AT, count);
  }
}

/** Running totals folded from every region (main thread). */
export interface MetricTotals {
  /** [decision][statusClass] */
  requests: number[][];
  outcomes: number[];
  /** Non-cumulative counts per bucket, the last being +Inf. */
  buckets: number[];
  sumMs: number;
  /** By STATIC_STATUSES index, the last being any other status. */
  staticResponses: number[];
  /** By StaticEvent code. */
  staticEvents: number[];
  /** By TlsEvent code. */
  tlsEvents: number[];
  /** By ConnectionEvent code. */
  connectionEvents: number[];
  /** Connections served by all threads at the last fold. */
  openConnections: number;
}

/** Main-thread side: folds every region's increase into totals that only grow. */
export class SharedMetricsReader {
  readonly #words: Uint32Array;
  readonly #last: Uint32Array;
  readonly totals: MetricTotals = {
    requests: DECISION_NAMES.map(() => STATUS_CLASSES.map(() => 0)),
    outcomes: OUTCOME_NAMES.map(() => 0),
    buckets: new Array<number>(LATENCY_BUCKETS_MS.length + 1).fill(0),
    sumMs: 0,
    staticResponses: new Array<number>(STATIC_STATUSES.length + 1).fill(0),
    staticEvents: STATIC_EVENT_NAMES.map(() => 0),
    tlsEvents: TLS_EVENT_NAMES.map(() => 0),
    connectionEvents: CONNECTION_EVENT_NAMES.map(() => 0),
    openConnections: 0,
  };

  constructor(buffer: SharedArrayBuffer) {
    this.#words = new Uint32Array(buffer);
    this.#last = new Uint32Array(this.#words.length);
  }

  fold(): MetricTotals {
    const words = this.#words;
    const last = this.#last;
    const slots = words.length / REGION_WORDS;
    const t = this.totals;
    t.openConnections = 0;
    for (let slot = 0; slot < slots; slot++) {
      const base = slot * REGION_WORDS;
      const delta = (i: number): number => {
        const now = Atomics.load(words, base + i);
        const d = (now - (last[base + i] as number)) >>> 0;
        last[base + i] = now;
        return d;
      };
      for (let d = 0; d < DECISION_NAMES.length; d++) {
        const row = t.requests[d] as number[];
        for (let c = 0; c < STATUS_CLASSES.length; c++)
          row[c] = (row[c] as number) + delta(REQUESTS_AT + d * STATUS_CLASSES.length + c);
      }
      for (let o = 0; o < OUTCOME_NAMES.length; o++) t.outcomes[o] = (t.outcomes[o] as number) + delta(OUTCOMES_AT + o);
      for (let b = 0; b <= LATENCY_BUCKETS_MS.length; b++)
        t.buckets[b] = (t.buckets[b] as number) + delta(BUCKETS_AT + b);
      t.sumMs += delta(SUM_US_AT) / 1000;
      for (let s = 0; s <= STATIC_STATUSES.length; s++)
        t.staticResponses[s] = (t.staticResponses[s] as number) + delta(STATIC_AT + s);
      for (let e = 0; e < STATIC_EVENT_NAMES.length; e++)
        t.staticEvents[e] = (t.staticEvents[e] as number) + delta(EVENTS_AT + e);
      for (let e = 0; e < TLS_EVENT_NAMES.length; e++) t.tlsEvents[e] = (t.tlsEvents[e] as number) + delta(TLS_AT + e);
      for (let e = 0; e < CONNECTION_EVENT_NAMES.length; e++)
        t.connectionEvents[e] = (t.connectionEvents[e] as number) + delta(CONN_AT + e);
      t.openConnections += Atomics.load(words, base + OPEN_AT);
    }
    return t;
  }
}

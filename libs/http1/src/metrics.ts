/**
 * Counters the serving path reports into. The router's real implementation writes into
 * shared memory (one slot per outcome); tests pass a plain object. Outcomes are small
 * integers so a shared-memory implementation can index an Int32Array with them directly.
 */
export const Outcome = {
  /** Upstream answered and the whole response reached the client. */
  ok: 0,
  /** A connection-level failure before any response byte; the request went to another target. */
  retried: 1,
  /** Could not connect to the upstream (refused, unreachable): 502. */
  connectFailed: 2,
  /** Upstream closed or reset the connection (before headers: 502; after: client connection aborted). */
  upstreamReset: 3,
  /** Upstream sent something that is not valid HTTP: 502. */
  badResponse: 4,
  /** Connect, headers or body-idle timeout: 504 (or an aborted client connection once headers were sent). */
  timeout: 5,
  /** The client went away before the response was complete; the upstream request was aborted. */
  clientClosed: 6,
  /** Rejected before routing: malformed request, bad Host, oversized headers, CONNECT. */
  rejected: 7,
  /** A WebSocket (or other Upgrade) tunnel was established. */
  upgraded: 8,
  /** An Upgrade request whose upstream could not be reached: 502 written to the socket. */
  upgradeFailed: 9,
  /** Too many requests were already waiting for a connection to the upstream: 503. */
  busy: 10,
  /** An HTTP/2 stream for a host the connection's certificate does not cover: 421. */
  misdirected: 11,
  // HTTP/2 abuse (each closes the connection with GOAWAY ENHANCE_YOUR_CALM unless noted).
  /** Streams opened and cancelled faster than allowed (rapid reset, CVE-2023-44487). */
  h2RapidReset: 12,
  /** More concurrent streams than SETTINGS_MAX_CONCURRENT_STREAMS. */
  h2TooManyStreams: 13,
  /** A request refused with 431 for its header list (past twice the limit node:http2 resets the stream unseen). */
  h2HeadersTooLarge: 14,
  /** SETTINGS frames faster than allowed, or their acknowledgements left unread. */
  h2SettingsFlood: 15,
  /** PING frames faster than allowed, or their acknowledgements left unread. */
  h2PingFlood: 16,
  /** A stream whose client stopped reading its response was reset (slow reader). */
  h2SlowReader: 17,
  /** Any other HTTP/2 protocol error that ended a connection. */
  h2ProtocolError: 18,
} as const;

export type OutcomeCode = (typeof Outcome)[keyof typeof Outcome];

/** Outcome names indexed by code, for exporters. */
export const OUTCOME_NAMES: readonly string[] = Object.keys(Outcome);

export interface ForwardMetrics {
  count(outcome: OutcomeCode): void;
  /** Time from the start of forwarding to the end of the response, in milliseconds. */
  observeLatencyMs(ms: number): void;
}

/** A plain in-memory implementation: for tests and the benchmark harness. */
export class CountingMetrics implements ForwardMetrics {
  readonly counts = new Array<number>(OUTCOME_NAMES.length).fill(0);
  latencyCount = 0;
  latencySumMs = 0;

  count(outcome: OutcomeCode): void {
    this.counts[outcome] = (this.counts[outcome] ?? 0) + 1;
  }

  observeLatencyMs(ms: number): void {
    this.latencyCount++;
    this.latencySumMs += ms;
  }

  get(name: keyof typeof Outcome): number {
    return this.counts[Outcome[name]] ?? 0;
  }
}

/** A server's connection-limit events (see connection-limit.ts). */
export const ConnectionEvent = {
  /** A new connection found the server at its connection limit and waited, unread, for a slot. */
  waited: 0,
  /** A connection was answered 503 and closed: the wait list was full, it waited too long, or the server drained. */
  refused: 1,
} as const;

export type ConnectionEventCode = (typeof ConnectionEvent)[keyof typeof ConnectionEvent];

/** Event names indexed by code, for exporters. */
export const CONNECTION_EVENT_NAMES: readonly string[] = Object.keys(ConnectionEvent);

export interface ConnectionMetrics {
  connectionEvent(event: ConnectionEventCode): void;
  /** The number of connections being served changed (waiting ones not included). */
  openConnections(count: number): void;
}

export const noopMetrics: ForwardMetrics = {
  count() {},
  observeLatencyMs() {},
};

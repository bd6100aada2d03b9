import type { Target } from './upstream-pool.ts';

/** How a request's exchange ended, for its log record. */
export const RequestEnd = {
  /** The whole response was written. */
  completed: 0,
  /** The connection closed before the response was complete (client gone, or cut by the engine). */
  aborted: 1,
  /** An upgraded connection (WebSocket) closed: one record for its whole life. */
  tunnelClosed: 2,
  /** Refused by the engine before the application saw it (malformed, too large, too slow): a page. */
  refused: 3,
} as const;

export type RequestEndCode = (typeof RequestEnd)[keyof typeof RequestEnd];

/**
 * What is known about the request under way, beyond its head: who it is (request and trace ids),
 * where it went, how forwarding ended and how many bytes it moved. One per connection, reset for
 * every request (no object per request); the engine fills it, the application reads it when the
 * request ends (`HttpServerOptions.onRequestEnd`).
 */
export class RequestFacts {
  /** '' until the request is identified (forwarded, or answered with a page). */
  requestId = '';
  /** 32 hex digits: kept from a trusted hop's traceparent, else new. '' until identified. */
  traceId = '';
  /** The traceparent sent upstream. */
  traceparent = '';
  /** The tracestate sent upstream ('' for none: only a trusted hop's is kept). */
  tracestate = '';
  /** The upstream tried last; null when the request was not forwarded. */
  upstream: Target | null = null;
  /** From the start of forwarding to the end of the upstream's part (response, failure, or 101); -1 when not forwarded. */
  upstreamMs = -1;
  /** Other upstreams (or fresh connections) tried after a connection-level failure. */
  retries = 0;
  /** The forwarding outcome (`Outcome`); -1 when not forwarded. */
  outcome = -1;
  /** Request bytes received: head and body as framed on the wire (a tunnel's bytes too). */
  bytesIn = 0;
  /** Response bytes written (head and body; a tunnel's bytes too). */
  bytesOut = 0;
  end: RequestEndCode = RequestEnd.completed;
  /** Free for the application: e.g. the router's service id. */
  label = '';

  reset(): void {
    this.requestId = '';
    this.traceId = '';
    this.traceparent = '';
    this.tracestate = '';
    this.upstream = null;
    this.upstreamMs = -1;
    this.retries = 0;
    this.outcome = -1;
    this.bytesIn = 0;
    this.bytesOut = 0;
    this.end = RequestEnd.completed;
    this.label = '';
  }
}

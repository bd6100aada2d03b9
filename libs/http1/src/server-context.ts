import type { ClientConnection } from './client-connection.ts';
import type { ForwardMetrics } from './metrics.ts';
import type { HeadLimits } from './parse/fields.ts';
import type { RequestIds } from './request-id.ts';

/** What a client connection needs from its server: settings, state and callbacks. */
export interface ServerContext {
  readonly limits: HeadLimits;
  readonly headersTimeoutMs: number;
  readonly requestTimeoutMs: number;
  readonly keepAliveTimeoutMs: number;
  readonly socketIdleTimeoutMs: number;
  /** How long a closing connection may linger before it is destroyed. */
  readonly closeGraceMs: number;
  readonly metrics: ForwardMetrics;
  readonly requestIds: RequestIds;
  readonly draining: boolean;
  now(): number;
  /** A request head is complete: the application's turn. */
  handle(conn: ClientConnection): void;
  /** A response to a dispatched request is complete. */
  completed(conn: ClientConnection): void;
  /** A request is over (`conn.facts.end` says how): completed, aborted, its tunnel closed, or refused. */
  ended(conn: ClientConnection): void;
  /** The connection closed. */
  forget(conn: ClientConnection): void;
}

/**
 * What the static path reports. Small integers, so a shared-memory implementation (the router's
 * serving threads) can index counters with them directly.
 */
export const StaticEvent = {
  /** The hot-object cache answered (object, metadata or "missing"). */
  cacheHit: 0,
  /** The hot-object cache had nothing: the store was asked. */
  cacheMiss: 1,
  /** An entry was dropped to stay within the byte or negative-entry bound. */
  cacheEviction: 2,
  /** The object store failed (not a missing object): 502, or a cut connection mid-body. */
  storeError: 3,
} as const;

export type StaticEventCode = (typeof StaticEvent)[keyof typeof StaticEvent];

export const STATIC_EVENT_NAMES: readonly string[] = Object.keys(StaticEvent);

export interface StaticMetrics {
  /** One static response with this status (proxied rewrites are counted by the proxy, not here). */
  response(status: number): void;
  event(event: StaticEventCode): void;
}

export const noopStaticMetrics: StaticMetrics = {
  response() {},
  event() {},
};

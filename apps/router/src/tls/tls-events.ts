/** TLS events the serving threads count (shared metrics; exported as switchyard_router_tls_events_total). */
export const TlsEvent = {
  /** A full handshake completed. */
  handshake: 0,
  /** A handshake resumed a session from a ticket. */
  resumed: 1,
  /** A handshake failed (bad ClientHello, no certificate for the name, protocol or cipher mismatch, timeout). */
  handshakeFailed: 2,
  /** No certificate for the server name: the default certificate answered. */
  defaultCertificate: 3,
  /** No certificate for the server name and no default: the handshake was refused. */
  noCertificate: 4,
  /** A secure context was built (a cache miss of the context LRU). */
  contextBuilt: 5,
  /** A certificate could not be made into a secure context (bad PEM, key mismatch): treated as absent. */
  contextFailed: 6,
  /** A connection over the thread's TLS connection limit, closed before its handshake. */
  overLimit: 7,
} as const;

export type TlsEventCode = (typeof TlsEvent)[keyof typeof TlsEvent];

export const TLS_EVENT_NAMES: readonly string[] = Object.keys(TlsEvent);

export interface TlsMetrics {
  tls(event: TlsEventCode): void;
}

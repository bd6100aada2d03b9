// What the main thread's CertificateStore and a serving thread's CertificateClient say to each other
// over a MessagePort. Certificates cross one at a time, on request; no thread holds them all.

/** A certificate chosen for a server name, as a serving thread builds a secure context from it. */
export interface CertificateMatch {
  /** The certificate's id in the service database. */
  readonly id: string;
  /** PEM chain, leaf first (`cert` of tls.createSecureContext). */
  readonly certPem: string;
  /** PEM private key (`key` of tls.createSecureContext). Never log it. */
  readonly keyPem: string;
  /** Every name the certificate covers (exact and `*.` wildcards). */
  readonly names: readonly string[];
  /** The version that last changed this certificate: a new version means build a new context. */
  readonly version: number;
  /** Unix ms; after it the certificate is no longer offered. */
  readonly notAfterMs: number;
  /** How it matched: the exact name, the wildcard one level up, or the configured default certificate. */
  readonly matchedBy: 'exact' | 'wildcard' | 'default';
}

/** The region's TLS session-ticket keys (48 bytes each: 16 name, 16 HMAC, 16 AES). */
export interface TicketKeySet {
  /** Issues new tickets (`tls.Server#setTicketKeys` / `ticketKeys`). */
  readonly current: Buffer;
  /** Older keys whose tickets are still accepted, newest first. */
  readonly previous: readonly Buffer[];
  readonly version: number;
}

/**
 * Server names whose certificate may have changed at `version`: a new, replaced or removed certificate
 * covering them. `names` holds exact names and `*.parent` wildcards (a wildcard stands for every name one
 * level below `parent`); null means everything (a new snapshot, or the default certificate changed).
 */
export interface CertificateInvalidation {
  readonly names: readonly string[] | null;
  readonly version: number;
}

/** An ACME HTTP-01 challenge every serving thread answers (not secret: the CA fetches it over plain HTTP). */
export interface ChallengeAnswer {
  readonly token: string;
  /** Lower-case; the token is answered for this Host only. */
  readonly hostname: string;
  readonly keyAuthorization: string;
  /** Unix ms; not answered after it. */
  readonly expiresAtMs: number;
}

export type ToStore = { readonly type: 'lookup'; readonly id: number; readonly serverName: string };

export type FromStore =
  | {
      readonly type: 'hello';
      readonly version: number;
      readonly ticketKeys: TicketKeySet | undefined;
      readonly challenges: readonly ChallengeAnswer[];
    }
  | { readonly type: 'found'; readonly id: number; readonly match: CertificateMatch | undefined }
  | ({ readonly type: 'invalidate' } & CertificateInvalidation)
  | { readonly type: 'ticket-keys'; readonly ticketKeys: TicketKeySet }
  | { readonly type: 'challenges'; readonly challenges: readonly ChallengeAnswer[] };

/** Whether an invalidation concerns a server name (as cached by an SNI cache: lower-case, no trailing dot). */
export function invalidates(invalidation: CertificateInvalidation, serverName: string): boolean {
  const names = invalidation.names;
  if (names === null) return true;
  const dot = serverName.indexOf('.');
  const wildcard = dot > 0 ? `*${serverName.slice(dot)}` : undefined;
  for (const name of names) if (name === serverName || name === wildcard) return true;
  return false;
}

/** Lower-case, without a trailing dot: how names are indexed and looked up. */
export function normalizeServerName(serverName: string): string {
  const lower = serverName.toLowerCase();
  return lower.endsWith('.') ? lower.slice(0, -1) : lower;
}

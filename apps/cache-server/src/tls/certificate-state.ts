import type { AcmeChallenge, AcmeChallenges, Certificate, TicketKeys } from '@switchyard/proto';

/** What one step changed, stamped; `ticketKeys` only when they changed. */
export interface CertificateChange {
  previousVersion: number;
  version: number;
  upserts: Certificate[];
  removedIds: string[];
  ticketKeys: TicketKeys | undefined;
  /** The whole set of ACME challenges, only when it changed. */
  acmeChallenges: AcmeChallenges | undefined;
  commitTimeMs: number;
}

/**
 * The region's certificates (keys included) and ticket keys, each stamped with the version that last
 * changed it, plus tombstones: the certificate counterpart of RouteState, kept apart from routing
 * records so that a certificate change is delivered as exactly that certificate.
 */
export class CertificateState {
  version = 0;
  commitTimeMs = 0;
  /** Deltas are complete for clients at or above this version. */
  completeSince = 0;
  loaded = false;
  readonly certificates = new Map<string, Certificate>();
  /** Removed certificate id → version of the removal. */
  readonly tombstones = new Map<string, number>();
  ticketKeys: TicketKeys = { keys: [], version: 0 };
  acmeChallenges: AcmeChallenges = { challenges: [], version: 0 };
  readonly #listeners = new Set<(change: CertificateChange) => void>();

  reset(input: {
    version: number;
    commitTimeMs: number;
    completeSince: number;
    certificates: Iterable<Certificate>;
    tombstones: Iterable<[string, number]>;
    ticketKeys: TicketKeys;
    acmeChallenges?: AcmeChallenges;
  }): void {
    this.certificates.clear();
    this.tombstones.clear();
    for (const cert of input.certificates) this.certificates.set(cert.id as string, cert);
    for (const [id, version] of input.tombstones) if (!this.certificates.has(id)) this.tombstones.set(id, version);
    this.version = input.version;
    this.commitTimeMs = input.commitTimeMs;
    this.completeSince = input.completeSince;
    this.ticketKeys = input.ticketKeys;
    this.acmeChallenges = input.acmeChallenges ?? { challenges: [], version: 0 };
    this.loaded = true;
  }

  /** Applies fresh certificates and removals (ignored unless held) at `version`; listeners hear of real changes. */
  apply(
    version: number,
    upserts: Certificate[],
    removedIds: string[],
    ticketKeys: Uint8Array[] | undefined,
    commitTimeMs: number,
    challenges?: AcmeChallenge[],
  ): CertificateChange {
    const previousVersion = this.version;
    const next = Math.max(version, previousVersion);
    const at = commitTimeMs || this.commitTimeMs;
    const stamped: Certificate[] = [];
    for (const fresh of upserts) {
      const cert = { ...fresh, version: next, commitTimeMs: at };
      this.certificates.set(cert.id as string, cert);
      this.tombstones.delete(cert.id as string);
      stamped.push(cert);
    }
    const removed: string[] = [];
    for (const id of removedIds) {
      if (!this.certificates.delete(id)) continue;
      this.tombstones.set(id, next);
      removed.push(id);
    }
    let keys: TicketKeys | undefined;
    if (ticketKeys && !sameKeys(ticketKeys, this.ticketKeys.keys ?? [])) {
      keys = { keys: ticketKeys, version: next };
      this.ticketKeys = keys;
    }
    let acmeChallenges: AcmeChallenges | undefined;
    if (challenges && !sameChallenges(challenges, this.acmeChallenges.challenges ?? [])) {
      acmeChallenges = { challenges, version: next };
      this.acmeChallenges = acmeChallenges;
    }
    this.version = next;
    if (commitTimeMs > this.commitTimeMs) this.commitTimeMs = commitTimeMs;
    const change = {
      previousVersion,
      version: next,
      upserts: stamped,
      removedIds: removed,
      ticketKeys: keys,
      acmeChallenges,
      commitTimeMs: this.commitTimeMs,
    };
    if (stamped.length > 0 || removed.length > 0 || keys || acmeChallenges)
      for (const listener of this.#listeners) listener(change);
    return change;
  }

  onChange(listener: (change: CertificateChange) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Everything stamped after `fromVersion`, or null when only a snapshot can bring that client up to date. */
  changesSince(fromVersion: number): CertificateChange | null {
    if (fromVersion <= 0 || fromVersion < this.completeSince) return null;
    const upserts = [...this.certificates.values()].filter((c) => (c.version as number) > fromVersion);
    const removedIds = [...this.tombstones].filter(([, v]) => v > fromVersion).map(([id]) => id);
    const ticketKeys = (this.ticketKeys.version as number) > fromVersion ? this.ticketKeys : undefined;
    const acmeChallenges = (this.acmeChallenges.version as number) > fromVersion ? this.acmeChallenges : undefined;
    return {
      previousVersion: fromVersion,
      version: this.version,
      upserts,
      removedIds,
      ticketKeys,
      acmeChallenges,
      commitTimeMs: this.commitTimeMs,
    };
  }
}

function sameKeys(a: readonly Uint8Array[], b: readonly Uint8Array[]): boolean {
  return a.length === b.length && a.every((key, i) => Buffer.from(key).equals(Buffer.from(b[i] as Uint8Array)));
}

function sameChallenges(a: readonly AcmeChallenge[], b: readonly AcmeChallenge[]): boolean {
  return (
    a.length === b.length &&
    a.every((c, i) => {
      const o = b[i] as AcmeChallenge;
      return (
        c.token === o.token &&
        c.hostname === o.hostname &&
        c.keyAuthorization === o.keyAuthorization &&
        Number(c.expiresAtMs) === Number(o.expiresAtMs)
      );
    })
  );
}

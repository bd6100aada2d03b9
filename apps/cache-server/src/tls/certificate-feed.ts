import {
  loadAcmeChallenges,
  loadCertificates,
  loadRegionTls,
  loadTicketKeys,
  type PlatformKey,
  readTlsChanges,
  rotateTicketKeys,
} from '@switchyard/service-db';
import type { Logger } from '@switchyard/telemetry';
import type pg from 'pg';
import type { CertificateState } from './certificate-state.ts';

export interface CertificateFeedOptions {
  region: string;
  state: CertificateState;
  platformKey: PlatformKey;
  /** A new ticket key is generated when the newest is this old; 0: never (keys come from elsewhere). */
  ticketKeyRotationMs: number;
  logger: Logger;
}

/**
 * Database → CertificateState, driven by the Follower on its own connection and wake-ups (the TLS
 * triggers NOTIFY the routing channel): `load` after the routing load, `poll` after every routing poll.
 * Also rotates the region's ticket keys when due (every cache tries; the database lets one win).
 * Private keys pass through here: nothing they are in is logged.
 */
export class CertificateFeed {
  readonly #options: CertificateFeedOptions;
  #nextRotationCheck = 0;

  constructor(options: CertificateFeedOptions) {
    this.#options = options;
  }

  get state(): CertificateState {
    return this.#options.state;
  }

  async load(pool: pg.Pool): Promise<void> {
    const { state, platformKey, region, logger } = this.#options;
    await this.#rotateIfDue(pool);
    const tls = await loadRegionTls(pool, platformKey, region);
    this.#reportUnreadable(tls.unreadable);
    state.reset(tls);
    logger.info(
      { version: tls.version, certificates: tls.certificates.length, ticketKeys: tls.ticketKeys.keys?.length ?? 0 },
      'certificates loaded',
    );
  }

  /** One TLS changelog read: fetch the changed certificates (and keys) and apply them at the read's version. */
  async poll(pool: pg.Pool): Promise<void> {
    const { state, platformKey, region, logger } = this.#options;
    if (!state.loaded) return this.load(pool);
    await this.#rotateIfDue(pool);
    const changes = await readTlsChanges(pool, state.version);
    if (changes.resyncRequired) {
      const tls = await loadRegionTls(pool, platformKey, region);
      this.#reportUnreadable(tls.unreadable);
      const fresh = new Set(tls.certificates.map((c) => c.id as string));
      const removed = [...state.certificates.keys()].filter((id) => !fresh.has(id));
      state.apply(
        tls.version,
        tls.certificates,
        removed,
        tls.ticketKeys.keys as Uint8Array[],
        tls.commitTimeMs,
        tls.acmeChallenges.challenges,
      );
      logger.warn({ version: tls.version }, 'TLS changelog pruned past our version: reloaded the certificates');
      return;
    }
    const loaded = await loadCertificates(pool, platformKey, region, changes.certificateIds);
    this.#reportUnreadable(loaded.unreadable);
    const found = new Set(loaded.certificates.map((c) => c.id as string));
    const removed = changes.certificateIds.filter((id) => !found.has(id));
    const keys = changes.ticketRegions.includes(region) ? await loadTicketKeys(pool, platformKey, region) : undefined;
    const challenges = changes.challengesChanged ? await loadAcmeChallenges(pool) : undefined;
    state.apply(changes.version, loaded.certificates, removed, keys, changes.commitTimeMs, challenges);
  }

  async #rotateIfDue(pool: pg.Pool): Promise<void> {
    const every = this.#options.ticketKeyRotationMs;
    if (every <= 0 || Date.now() < this.#nextRotationCheck) return;
    // Check a few times per period; the database decides whether the newest key is old enough.
    this.#nextRotationCheck = Date.now() + Math.max(1_000, Math.floor(every / 8));
    if (await rotateTicketKeys(pool, this.#options.platformKey, this.#options.region, { everyMs: every })) {
      this.#options.logger.info({ region: this.#options.region }, 'TLS ticket keys rotated');
    }
  }

  #reportUnreadable(unreadable: { id: string; reason: string }[]): void {
    for (const { id, reason } of unreadable) {
      this.#options.logger.error({ certificateId: id, reason }, 'certificate key cannot be opened: not served');
    }
  }
}

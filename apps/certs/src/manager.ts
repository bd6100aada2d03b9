import { createHash, randomInt } from 'node:crypto';
import {
  type AcmeClaim,
  claimAcmeHostnames,
  deleteAcmeChallenges,
  extendAcmeLease,
  FencedOutError,
  type PlatformKey,
  putAcmeChallenge,
  recordAcmeFailure,
  releaseAcmeClaim,
  reserveAcmeOrder,
  storeAcmeCertificate,
} from '@switchyard/service-db';
import type { Logger } from '@switchyard/telemetry';
import * as acme from 'acme-client';
import type pg from 'pg';
import type { CertsConfig } from './config.ts';
import type { CertsMetrics } from './metrics.ts';

/** The manager's view of the CA's rate limiting: no new order before `until` (a 429 or `rateLimited`). */
export interface RateLimitPause {
  until: number;
}

/**
 * One manager's loop: every `interval`, claim the hostnames whose turn has come (as many as free order
 * slots), and run one order per claim: budget → new order → HTTP-01 challenges published in the database
 * (the caches deliver them to every router) → wait for propagation → validation → finalise with a fresh
 * P-256 key → store under the fence. Failures back off per hostname (exponential, capped, at least the
 * CA's Retry-After); the claim's lease is renewed while the order runs.
 */
export class CertificateManager {
  readonly #config: CertsConfig;
  readonly #pool: pg.Pool;
  readonly #platformKey: PlatformKey;
  readonly #client: acme.Client;
  readonly #account: string;
  readonly #owner: string;
  readonly #logger: Logger;
  readonly #metrics: CertsMetrics;
  readonly #pause: RateLimitPause;
  readonly #running = new Map<string, Promise<void>>();
  #timer: NodeJS.Timeout | undefined;
  #ticking: Promise<void> | undefined;
  #stopped = false;
  #accountReady: Promise<void> | undefined;
  lastTickError: string | undefined;

  constructor(deps: {
    config: CertsConfig;
    pool: pg.Pool;
    platformKey: PlatformKey;
    accountKeyPem: string;
    owner: string;
    logger: Logger;
    metrics: CertsMetrics;
    pause: RateLimitPause;
  }) {
    this.#config = deps.config;
    this.#pool = deps.pool;
    this.#platformKey = deps.platformKey;
    this.#owner = deps.owner;
    this.#logger = deps.logger;
    this.#metrics = deps.metrics;
    this.#pause = deps.pause;
    this.#client = new acme.Client({
      directoryUrl: deps.config.acmeDirectory,
      accountKey: deps.accountKeyPem,
      backoffAttempts: 10,
      backoffMin: 500,
      backoffMax: 5_000,
    });
    // The budget is per ACME account: the directory and the account key identify it.
    const jwk = acme.crypto.getJwk(deps.accountKeyPem);
    this.#account = createHash('sha256')
      .update(`${deps.config.acmeDirectory}\n${JSON.stringify(jwk)}`)
      .digest('hex')
      .slice(0, 32);
  }

  get account(): string {
    return this.#account;
  }

  /** Orders in progress in this manager. */
  get inFlight(): string[] {
    return [...this.#running.keys()];
  }

  start(): void {
    const loop = () => {
      if (this.#stopped) return;
      this.#ticking = this.tick()
        .catch((error: unknown) => {
          this.lastTickError = (error as Error).message;
          this.#logger.error({ err: error }, 'certificate manager tick failed');
        })
        .finally(() => {
          if (!this.#stopped) this.#timer = setTimeout(loop, this.#config.intervalMs);
        });
    };
    loop();
  }

  /** Looks for due hostnames once and starts their orders (does not wait for them). */
  async tick(): Promise<void> {
    await deleteAcmeChallenges(this.#pool);
    const free = this.#config.concurrency - this.#running.size;
    if (free <= 0 || Date.now() < this.#pause.until) return;
    const claims = await claimAcmeHostnames(this.#pool, {
      owner: this.#owner,
      leaseMs: this.#config.leaseMs,
      limit: free,
      maxJitterMs: this.#config.renewJitterMs,
      skipSuffixes: this.#config.skipSuffixes,
    });
    this.lastTickError = undefined;
    for (const claim of claims) {
      const run = this.#run(claim).finally(() => this.#running.delete(claim.hostname));
      this.#running.set(claim.hostname, run);
    }
  }

  /** Stops claiming; orders in progress finish (or fail) first. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#ticking;
    await Promise.allSettled([...this.#running.values()]);
  }

  async #run(claim: AcmeClaim): Promise<void> {
    const { hostname, fence } = claim;
    const budget = await reserveAcmeOrder(this.#pool, this.#account, hostname, {
      orders: this.#config.orderBudget,
      windowMs: this.#config.budgetWindowMs,
      spacingMs: this.#config.orderSpacingMs,
    });
    if (!budget.ok) {
      this.#metrics.queued.inc();
      await releaseAcmeClaim(this.#pool, hostname, fence, budget.retryAt);
      return;
    }
    const lease = setInterval(
      () => {
        void extendAcmeLease(this.#pool, hostname, fence, this.#config.leaseMs).then(
          (ours) => {
            if (!ours) this.#logger.warn({ hostname, fence }, 'claim taken over while ordering');
          },
          () => undefined,
        );
      },
      Math.max(200, Math.floor(this.#config.leaseMs / 3)),
    );
    const started = Date.now();
    this.#logger.info({ hostname, fence, renews: claim.renewsCertificateId }, 'ordering a certificate');
    try {
      const issued = await withTimeout(this.#order(claim), this.#config.orderTimeoutMs, `order for ${hostname}`);
      const stored = await storeAcmeCertificate(this.#pool, this.#platformKey, {
        hostname,
        fence,
        certPem: issued.certPem,
        keyPem: issued.keyPem,
        renewsCertificateId: claim.renewsCertificateId,
        maxJitterMs: this.#config.renewJitterMs,
      });
      this.#metrics.orders.inc({ result: claim.renewsCertificateId === null ? 'issued' : 'renewed' });
      this.#metrics.orderSeconds.observe((Date.now() - started) / 1000);
      this.#logger.info(
        { hostname, certificateId: stored.certificateId, notAfter: stored.notAfter, renewAt: stored.renewAt },
        'certificate stored',
      );
    } catch (error) {
      if (error instanceof FencedOutError) {
        this.#metrics.orders.inc({ result: 'fenced_out' });
        this.#logger.warn({ hostname, fence }, 'claim taken over by another manager: result discarded');
        return;
      }
      const message = describe(error);
      const retryAt = new Date(this.#retryAt(claim.failures, message));
      this.#metrics.orders.inc({ result: 'failed' });
      this.#metrics.failures.inc();
      await recordAcmeFailure(this.#pool, { hostname, fence, error: message, retryAt }).catch(
        (e: unknown) => void this.#logger.error({ err: e, hostname }, 'could not record the failure'),
      );
      this.#logger.warn({ hostname, error: message, retryAt }, 'certificate order failed');
    } finally {
      clearInterval(lease);
    }
  }

  async #order(claim: AcmeClaim): Promise<{ certPem: string; keyPem: string }> {
    const { hostname, fence } = claim;
    this.#accountReady ??= this.#client
      .createAccount({ termsOfServiceAgreed: true, contact: this.#config.contact })
      .then(() => undefined);
    await this.#accountReady.catch((error: unknown) => {
      this.#accountReady = undefined;
      throw error;
    });
    const order = await this.#client.createOrder({ identifiers: [{ type: 'dns', value: hostname }] });
    const authorizations = await this.#client.getAuthorizations(order);
    const pending: acme.Authorization[] = [];
    for (const authz of authorizations) {
      if (authz.status === 'valid') continue; // reused by the CA
      const challenge = authz.challenges.find((c) => c.type === 'http-01');
      if (!challenge) throw new Error(`the CA offers no http-01 challenge for ${authz.identifier.value}`);
      const keyAuthorization = await this.#client.getChallengeKeyAuthorization(challenge);
      await putAcmeChallenge(this.#pool, {
        hostname,
        fence,
        token: challenge.token,
        keyAuthorization,
        expiresAt: new Date(Date.now() + this.#config.orderTimeoutMs),
      });
      pending.push(authz);
    }
    if (pending.length > 0) {
      // Caches deliver the challenge to every router of every region; give them the time to.
      await sleep(this.#config.propagationWaitMs);
      for (const authz of pending) {
        const challenge = authz.challenges.find(
          (c) => c.type === 'http-01',
        ) as acme.Authorization['challenges'][number];
        await this.#client.completeChallenge(challenge);
        await this.#client.waitForValidStatus(challenge);
      }
    }
    const [key, csr] = await acme.crypto.createCsr(
      { altNames: [hostname] },
      await acme.crypto.createPrivateEcdsaKey('P-256'),
    );
    const finalized = await this.#client.finalizeOrder(order, csr);
    const certPem = await this.#client.getCertificate(finalized);
    // The challenges are dropped when the result is stored, under the fence (not here: a manager
    // that was taken over must not remove its successor's).
    return { certPem, keyPem: key.toString() };
  }

  /** Exponential backoff per hostname (capped, ±10 % jitter), never before a rate-limit pause ends. */
  #retryAt(failures: number, message: string): number {
    const { minBackoffMs, maxBackoffMs } = this.#config;
    const base = Math.min(maxBackoffMs, minBackoffMs * 2 ** Math.min(failures, 30));
    const jittered = base + randomInt(Math.floor(base / 10) + 1) - Math.floor(base / 20);
    if (/rateLimited|rate limit|too many/i.test(message)) {
      this.#pause.until = Math.max(this.#pause.until, Date.now() + Math.max(base, 60_000));
    }
    return Math.max(Date.now() + jittered, this.#pause.until);
  }
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.slice(0, 2000) || 'unknown error';
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

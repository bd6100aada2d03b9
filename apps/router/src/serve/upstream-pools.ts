import { createRequire } from 'node:module';
import type { Pool } from 'undici';
import type { AddressPolicy } from './address-policy.ts';
import { ServingOptionsError } from './errors.ts';
import { guardedConnector } from './guarded-connector.ts';

/** An upstream endpoint: an instance, the activator, or a static site's proxy-rewrite origin. */
export interface Target {
  readonly host: string;
  readonly port: number;
  /** HTTPS (only proxy rewrites of static sites to `https://` URLs use it). */
  readonly tls?: boolean;
}

export interface UpstreamPoolOptions {
  /** Most connections per upstream origin; further requests queue. Default 128. */
  connectionsPerUpstream?: number;
  /**
   * How long an idle upstream connection is kept. Must stay below the upstreams' own
   * keep-alive timeout (Node's default is 5 s), or a request sent just as the upstream closes
   * the socket fails with ECONNRESET. Default 4000 ms.
   */
  keepAliveTimeoutMs?: number;
  /** Default 3000 ms. */
  connectTimeoutMs?: number;
  /** From the request being sent to the response headers. Default 60 000 ms. */
  headersTimeoutMs?: number;
  /** Longest gap between two response body chunks. Default 60 000 ms. */
  bodyIdleTimeoutMs?: number;
  /** Most pools kept; the oldest is closed to make room. Default 1024. */
  maxPools?: number;
  /** A pool unused for this long is closed. Default 60 000 ms. */
  idlePoolCloseMs?: number;
  /**
   * Only connect where this policy allows (after DNS resolution): for pools of origins chosen by
   * tenants, i.e. static sites' proxy rewrites. None: connect anywhere (instances, the activator).
   */
  addressPolicy?: AddressPolicy;
}

interface Entry {
  readonly pool: Pool;
  used: boolean;
}

/**
 * One long-lived keep-alive undici `Pool` per upstream origin (pipelining 1: upstreams are not
 * trusted to handle pipelined requests). Bounded in number; pools nobody used for a while are
 * closed by a background sweep.
 */
export class UpstreamPools {
  readonly #entries = new Map<string, Entry>();
  readonly #poolOptions: Pool.Options;
  readonly #maxPools: number;
  readonly #addressPolicy: AddressPolicy | undefined;
  readonly #sweep: NodeJS.Timeout;

  constructor(options: UpstreamPoolOptions = {}) {
    const keepAliveTimeout = positive(options.keepAliveTimeoutMs ?? 4000, 'keepAliveTimeoutMs');
    this.#poolOptions = {
      connections: positive(options.connectionsPerUpstream ?? 128, 'connectionsPerUpstream'),
      pipelining: 1,
      keepAliveTimeout,
      keepAliveMaxTimeout: keepAliveTimeout,
      connectTimeout: positive(options.connectTimeoutMs ?? 3000, 'connectTimeoutMs'),
      headersTimeout: positive(options.headersTimeoutMs ?? 60_000, 'headersTimeoutMs'),
      bodyTimeout: positive(options.bodyIdleTimeoutMs ?? 60_000, 'bodyIdleTimeoutMs'),
    };
    this.#maxPools = positive(options.maxPools ?? 1024, 'maxPools');
    this.#addressPolicy = options.addressPolicy;
    const idleMs = positive(options.idlePoolCloseMs ?? 60_000, 'idlePoolCloseMs');
    this.#sweep = setInterval(() => this.#closeUnused(), idleMs).unref();
  }

  get size(): number {
    return this.#entries.size;
  }

  /** The pool for `target`, created on first use. */
  get(target: Target): Pool {
    const key = target.tls ? `https://${target.host}:${target.port}` : `${target.host}:${target.port}`;
    let entry = this.#entries.get(key);
    if (entry === undefined) {
      if (this.#entries.size >= this.#maxPools) this.#evictOldest();
      const policy = this.#addressPolicy;
      const options =
        policy === undefined
          ? this.#poolOptions
          : {
              ...this.#poolOptions,
              connect: guardedConnector(policy, target.port, { timeoutMs: this.#poolOptions.connectTimeout as number }),
            };
      entry = { pool: new (undici().Pool)(origin(target), options), used: true };
      this.#entries.set(key, entry);
    } else {
      entry.used = true;
    }
    return entry.pool;
  }

  /** Closes every pool, letting requests in flight finish. */
  async close(): Promise<void> {
    clearInterval(this.#sweep);
    const pools = [...this.#entries.values()].map((e) => e.pool.close());
    this.#entries.clear();
    await Promise.allSettled(pools);
  }

  // A pool counts as unused when no request picked it during a whole sweep period.
  #closeUnused(): void {
    for (const [key, entry] of this.#entries) {
      if (entry.used) {
        entry.used = false;
        continue;
      }
      this.#entries.delete(key);
      void entry.pool.close().catch(() => {});
    }
  }

  #evictOldest(): void {
    for (const [key, entry] of this.#entries) {
      this.#entries.delete(key);
      void entry.pool.close().catch(() => {});
      return;
    }
  }
}

function origin(target: Target): string {
  const host = target.host.includes(':') ? `[${target.host}]` : target.host;
  return `${target.tls ? 'https' : 'http'}://${host}:${target.port}`;
}

function positive(value: number, name: string): number {
  if (!Number.isFinite(value) || value <= 0) {
    throw new ServingOptionsError(`${name} must be a positive number, got ${value}`);
  }
  return value;
}

const require = createRequire(import.meta.url);
/** undici, loaded at the first pool: serving threads without proxy rewrites never load it. */
function undici(): typeof import('undici') {
  return require('undici');
}

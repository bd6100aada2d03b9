import type { MessagePort } from 'node:worker_threads';
import {
  type CertificateInvalidation,
  type CertificateMatch,
  type ChallengeAnswer,
  type FromStore,
  invalidates,
  normalizeServerName,
  type TicketKeySet,
  type ToStore,
} from './certificate-messages.ts';

/** The store went away (the port closed) while a lookup was waiting. */
export class CertificateStoreClosedError extends Error {
  override readonly name = 'CertificateStoreClosedError';
  readonly code = 'CERTIFICATE_STORE_CLOSED';
}

/**
 * A serving thread's view of the main thread's CertificateStore, over the MessagePort the store made
 * (`store.createPort()`): look a server name up (one message each way, no network), hear which names
 * changed, and hold the current ticket keys. Messages on one port arrive in order, so an invalidation
 * posted after a lookup's answer always arrives after it: an SNI cache that stores an answer when its
 * promise resolves and drops entries on `onInvalidate` never keeps a replaced certificate.
 */
export class CertificateClient {
  readonly #port: MessagePort;
  readonly #pending = new Map<
    number,
    { resolve: (m: CertificateMatch | undefined) => void; reject: (e: Error) => void }
  >();
  readonly #invalidationListeners = new Set<(invalidation: CertificateInvalidation) => void>();
  readonly #ticketKeyListeners = new Set<(keys: TicketKeySet) => void>();
  #nextId = 1;
  #version = 0;
  #ticketKeys: TicketKeySet | undefined;
  /** ACME challenges by token: a copy of the store's (a handful), so answering one asks nobody. */
  #challenges = new Map<string, ChallengeAnswer>();
  #closed = false;
  #resolveReady!: () => void;
  /** Resolves once the store said hello (its version and the ticket keys are known). */
  readonly ready: Promise<void>;

  constructor(port: MessagePort) {
    this.#port = port;
    this.ready = new Promise((resolve) => {
      this.#resolveReady = resolve;
    });
    port.on('message', (message: FromStore) => this.#onMessage(message));
    port.on('close', () => this.#onClose());
    // Referenced until the hello (a thread awaiting `ready` must not exit), then only while lookups wait.
  }

  /** The certificate for a TLS server name (SNI): exact, then wildcard one level up, then the default. */
  lookup(serverName: string): Promise<CertificateMatch | undefined> {
    if (this.#closed) return Promise.reject(new CertificateStoreClosedError('the certificate store is closed'));
    const id = this.#nextId++;
    const promise = new Promise<CertificateMatch | undefined>((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
    });
    if (this.#pending.size === 1) this.#port.ref();
    this.#port.postMessage({ type: 'lookup', id, serverName: normalizeServerName(serverName) } satisfies ToStore);
    return promise;
  }

  /** The store's version as last heard (hello, or the latest invalidation). */
  get version(): number {
    return this.#version;
  }

  /** The region's ticket keys, once the store has any. */
  get ticketKeys(): TicketKeySet | undefined {
    return this.#ticketKeys;
  }

  /**
   * The key authorisation to answer `GET /.well-known/acme-challenge/<token>` with, when `token` is a
   * challenge in progress for `host` (lower-case, without port), else undefined. Synchronous.
   */
  challenge(token: string, host: string, now = Date.now()): string | undefined {
    const found = this.#challenges.get(token);
    if (found === undefined || found.hostname !== host || found.expiresAtMs <= now) return undefined;
    return found.keyAuthorization;
  }

  /** Called with every invalidation; returns an unsubscribe function. */
  onInvalidate(listener: (invalidation: CertificateInvalidation) => void): () => void {
    this.#invalidationListeners.add(listener);
    return () => this.#invalidationListeners.delete(listener);
  }

  /** Called whenever the ticket keys change (rotation); returns an unsubscribe function. */
  onTicketKeys(listener: (keys: TicketKeySet) => void): () => void {
    this.#ticketKeyListeners.add(listener);
    return () => this.#ticketKeyListeners.delete(listener);
  }

  /** Whether `invalidation` concerns `serverName` (helper for SNI caches). */
  static invalidates(invalidation: CertificateInvalidation, serverName: string): boolean {
    return invalidates(invalidation, normalizeServerName(serverName));
  }

  close(): void {
    this.#port.close();
    this.#onClose();
  }

  #onMessage(message: FromStore): void {
    switch (message.type) {
      case 'found': {
        const waiter = this.#pending.get(message.id);
        if (!waiter) return;
        this.#pending.delete(message.id);
        if (this.#pending.size === 0) this.#port.unref();
        waiter.resolve(message.match ?? undefined);
        return;
      }
      case 'invalidate':
        this.#version = message.version;
        for (const listener of this.#invalidationListeners)
          listener({ names: message.names, version: message.version });
        return;
      case 'ticket-keys':
        this.#setTicketKeys(message.ticketKeys);
        return;
      case 'challenges':
        this.#setChallenges(message.challenges);
        return;
      case 'hello':
        this.#version = message.version;
        if (message.ticketKeys) this.#setTicketKeys(message.ticketKeys);
        this.#setChallenges(message.challenges);
        if (this.#pending.size === 0) this.#port.unref();
        this.#resolveReady();
        return;
    }
  }

  #setTicketKeys(keys: TicketKeySet): void {
    // Buffers arrive as plain Uint8Arrays after the structured clone.
    const current = Buffer.from(keys.current.buffer, keys.current.byteOffset, keys.current.byteLength);
    const previous = keys.previous.map((k) => Buffer.from(k.buffer, k.byteOffset, k.byteLength));
    this.#ticketKeys = { current, previous, version: keys.version };
    for (const listener of this.#ticketKeyListeners) listener(this.#ticketKeys);
  }

  #setChallenges(challenges: readonly ChallengeAnswer[]): void {
    this.#challenges = new Map(challenges.map((c) => [c.token, c]));
  }

  #onClose(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const { reject } of this.#pending.values())
      reject(new CertificateStoreClosedError('the certificate store closed'));
    this.#pending.clear();
  }
}

import { MessageChannel, type MessagePort } from 'node:worker_threads';
import type { AcmeChallenges, Certificate, CertificateDelta } from '@switchyard/proto';
import type { SnapshotEndEvent, SyncSink } from '../sync-client.ts';
import {
  type CertificateInvalidation,
  type CertificateMatch,
  type ChallengeAnswer,
  type FromStore,
  normalizeServerName,
  type TicketKeySet,
  type ToStore,
} from './certificate-messages.ts';
import { packPem, splitChain, unpackPem } from './packed-pem.ts';

export interface CertificateStoreOptions {
  /**
   * The platform's default server name (e.g. `default.example-platform.app`, covered by its wildcard
   * certificate): an unknown SNI gets the certificate that name resolves to. None: unknown SNI finds
   * nothing (the listener fails the handshake).
   */
  defaultServerName?: string;
  /** Clock for expiry (tests). */
  now?: () => number;
}

/**
 * A held certificate, compact: one small object per certificate, the leaf and the key as DER bytes
 * (packed-pem.ts), and the rest of the chain (its issuers) one string shared by every certificate with
 * the same issuers. The PEM texts are rebuilt, exactly, when a serving thread asks for one.
 */
interface Held {
  readonly id: string;
  readonly names: readonly string[];
  /** packPem of the chain's first certificate. */
  readonly leaf: string;
  /** The chain after the leaf, shared (Issuers). */
  readonly issuers: string;
  /** packPem of the private key (never logged). */
  readonly key: string;
  readonly notBeforeMs: number;
  readonly notAfterMs: number;
  readonly version: number;
}

/** The issuer parts of chains, one string each, counted by the certificates that use them. */
class Issuers {
  readonly #held = new Map<string, { text: string; uses: number }>();

  /** The shared copy of `text`; a fresh copy is made, so that `text` (a slice of a whole chain) is not kept. */
  use(text: string): string {
    let entry = this.#held.get(text);
    if (entry === undefined) {
      entry = { text: Buffer.from(text, 'utf8').toString('utf8'), uses: 0 };
      this.#held.set(entry.text, entry);
    }
    entry.uses++;
    return entry.text;
  }

  release(text: string): void {
    const entry = this.#held.get(text);
    if (entry !== undefined && --entry.uses === 0) this.#held.delete(text);
  }

  get size(): number {
    return this.#held.size;
  }
}

/**
 * The router's certificates, on the main thread: filled by the certificate sync client (a SyncSink of
 * WatchCertificates), indexed by name, and answered to serving threads over MessagePorts one
 * certificate at a time (certificate-client.ts), so no serving thread holds them all. Every change is
 * broadcast to the threads as an invalidation of the names it touches, and new ticket keys as they come.
 *
 * Resolution of a server name: the exact name, then the wildcard one level up (`a.b.example.com` →
 * `*.b.example.com`), then the default server name's certificate. Among several certificates for one
 * name, the one valid now with the latest expiry wins (a renewal added beside the old one takes over).
 */
export class CertificateStore implements SyncSink<Certificate, CertificateDelta> {
  readonly #options: CertificateStoreOptions;
  readonly #now: () => number;
  #byId = new Map<string, Held>();
  /** Name → the certificates naming it (usually one). */
  #byName = new Map<string, Held[]>();
  #issuers = new Issuers();
  #fresh: { byId: Map<string, Held>; issuers: Issuers } | undefined;
  #version = 0;
  #ticketKeys: TicketKeySet | undefined;
  #challenges: readonly ChallengeAnswer[] = [];
  readonly #ports = new Set<MessagePort>();
  readonly #listeners = new Set<(invalidation: CertificateInvalidation) => void>();

  constructor(options: CertificateStoreOptions = {}) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  /** The version of the last snapshot or delta applied. */
  get version(): number {
    return this.#version;
  }

  get size(): number {
    return this.#byId.size;
  }

  get ticketKeys(): TicketKeySet | undefined {
    return this.#ticketKeys;
  }

  /** The ACME HTTP-01 challenges in progress, as last delivered (every serving thread has a copy). */
  get challenges(): readonly ChallengeAnswer[] {
    return this.#challenges;
  }

  /** Resolves a server name on the main thread (what serving threads get through their port). */
  lookup(serverName: string): CertificateMatch | undefined {
    const name = normalizeServerName(serverName);
    const exact = this.#best(name);
    if (exact) return match(exact, 'exact');
    const dot = name.indexOf('.');
    if (dot > 0) {
      const wildcard = this.#best(`*${name.slice(dot)}`);
      if (wildcard) return match(wildcard, 'wildcard');
    }
    const fallback = this.#options.defaultServerName;
    if (fallback !== undefined && normalizeServerName(fallback) !== name) {
      const found = this.lookup(fallback);
      if (found) return { ...found, matchedBy: 'default' };
    }
    return undefined;
  }

  /** A new channel for one serving thread: transfer the returned port to it (workerData + transferList). */
  createPort(): MessagePort {
    const { port1, port2 } = new MessageChannel();
    this.attach(port1);
    return port2;
  }

  /** Serves lookups on `port` and sends it every invalidation and ticket-key change. */
  attach(port: MessagePort): void {
    this.#ports.add(port);
    port.on('message', (message: ToStore) => {
      if (message?.type !== 'lookup') return;
      const reply: FromStore = { type: 'found', id: message.id, match: this.lookup(String(message.serverName)) };
      port.postMessage(reply);
    });
    port.on('close', () => this.#ports.delete(port));
    port.postMessage({
      type: 'hello',
      version: this.#version,
      ticketKeys: this.#ticketKeys,
      challenges: this.#challenges,
    } satisfies FromStore);
    // Serving lookups must not keep a stopping router alive.
    port.unref();
  }

  /** Main-thread listeners of invalidations (admin, metrics, tests). */
  onInvalidate(listener: (invalidation: CertificateInvalidation) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  close(): void {
    for (const port of this.#ports) port.close();
    this.#ports.clear();
  }

  // SyncSink: called by the certificate sync client, in stream order.

  beginSnapshot(): void {
    this.#fresh = { byId: new Map(), issuers: new Issuers() };
  }

  addBatch(certificates: Certificate[]): void {
    const fresh = this.#fresh;
    if (fresh === undefined) return;
    for (const cert of certificates) {
      const next = held(cert, fresh.issuers);
      const old = fresh.byId.get(next.id);
      if (old !== undefined) fresh.issuers.release(old.issuers);
      fresh.byId.set(next.id, next);
    }
  }

  endSnapshot(version: number, end: SnapshotEndEvent): void {
    const fresh = this.#fresh ?? { byId: new Map<string, Held>(), issuers: new Issuers() };
    this.#fresh = undefined;
    this.#byId = fresh.byId;
    this.#issuers = fresh.issuers;
    this.#byName = new Map();
    for (const cert of fresh.byId.values()) this.#index(cert);
    this.#version = version;
    if ('ticketKeys' in end && end.ticketKeys)
      this.#setTicketKeys(end.ticketKeys.keys ?? [], end.ticketKeys.version ?? version);
    if ('acmeChallenges' in end) this.#setChallenges(end.acmeChallenges ?? undefined);
    this.#broadcast({ names: null, version });
  }

  abortSnapshot(): void {
    this.#fresh = undefined;
  }

  applyDelta(delta: CertificateDelta): void {
    const version = delta.version ?? this.#version;
    const touched = new Set<string>();
    for (const cert of delta.upserts ?? []) {
      const next = held(cert, this.#issuers);
      const old = this.#byId.get(next.id);
      if (old) {
        this.#unindex(old);
        this.#issuers.release(old.issuers);
        for (const name of old.names) touched.add(name);
      }
      this.#byId.set(next.id, next);
      this.#index(next);
      for (const name of next.names) touched.add(name);
    }
    for (const id of delta.removedIds ?? []) {
      const old = this.#byId.get(id);
      if (!old) continue;
      this.#byId.delete(id);
      this.#unindex(old);
      this.#issuers.release(old.issuers);
      for (const name of old.names) touched.add(name);
    }
    this.#version = version;
    if (delta.ticketKeys) this.#setTicketKeys(delta.ticketKeys.keys ?? [], delta.ticketKeys.version ?? version);
    if (delta.acmeChallenges) this.#setChallenges(delta.acmeChallenges);
    if (touched.size > 0) {
      const fallback = this.#options.defaultServerName;
      // Names that fell back to the default certificate change with it: invalidate everything then.
      const all = fallback !== undefined && coversAny(touched, normalizeServerName(fallback));
      this.#broadcast({ names: all ? null : [...touched], version });
    }
  }

  #best(name: string): Held | undefined {
    const held = this.#byName.get(name);
    if (!held) return undefined;
    const now = this.#now();
    let best: Held | undefined;
    for (const cert of held) {
      if (cert.notAfterMs <= now || cert.notBeforeMs > now) continue;
      if (
        !best ||
        cert.notAfterMs > best.notAfterMs ||
        (cert.notAfterMs === best.notAfterMs && cert.version > best.version)
      ) {
        best = cert;
      }
    }
    return best;
  }

  #index(cert: Held): void {
    for (const name of cert.names) {
      const held = this.#byName.get(name);
      if (held === undefined) this.#byName.set(name, [cert]);
      else held.push(cert);
    }
  }

  #unindex(cert: Held): void {
    for (const name of cert.names) {
      const held = this.#byName.get(name);
      if (held === undefined) continue;
      const rest = held.filter((other) => other.id !== cert.id);
      if (rest.length === 0) this.#byName.delete(name);
      else this.#byName.set(name, rest);
    }
  }

  #setTicketKeys(keys: readonly Uint8Array[], version: number): void {
    const [current, ...previous] = keys.map((k) => Buffer.from(k));
    if (!current) return;
    this.#ticketKeys = { current, previous, version };
    for (const port of this.#ports)
      port.postMessage({ type: 'ticket-keys', ticketKeys: this.#ticketKeys } satisfies FromStore);
  }

  /** A new set replaces the old one whole (a snapshot without one: none in progress). */
  #setChallenges(set: AcmeChallenges | undefined): void {
    this.#challenges = (set?.challenges ?? []).map((c) => ({
      token: c.token ?? '',
      hostname: normalizeServerName(c.hostname ?? ''),
      keyAuthorization: c.keyAuthorization ?? '',
      expiresAtMs: Number(c.expiresAtMs ?? 0),
    }));
    const message: FromStore = { type: 'challenges', challenges: this.#challenges };
    for (const port of this.#ports) port.postMessage(message);
  }

  #broadcast(invalidation: CertificateInvalidation): void {
    const message: FromStore = { type: 'invalidate', ...invalidation };
    for (const port of this.#ports) port.postMessage(message);
    for (const listener of this.#listeners) listener(invalidation);
  }
}

function held(cert: Certificate, issuers: Issuers): Held {
  const chain = splitChain(cert.chainPem ?? '');
  return {
    id: cert.id as string,
    names: (cert.names ?? []).map(normalizeServerName),
    leaf: packPem(chain.leaf),
    issuers: issuers.use(chain.issuers),
    key: packPem(cert.privateKeyPem ?? ''),
    notBeforeMs: Number(cert.notBeforeMs ?? 0),
    notAfterMs: Number(cert.notAfterMs ?? 0),
    version: Number(cert.version ?? 0),
  };
}

function match(cert: Held, matchedBy: CertificateMatch['matchedBy']): CertificateMatch {
  return {
    id: cert.id,
    certPem: unpackPem(cert.leaf) + cert.issuers,
    keyPem: unpackPem(cert.key),
    names: cert.names,
    version: cert.version,
    notAfterMs: cert.notAfterMs,
    matchedBy,
  };
}

function coversAny(names: Set<string>, serverName: string): boolean {
  const dot = serverName.indexOf('.');
  return names.has(serverName) || (dot > 0 && names.has(`*${serverName.slice(dot)}`));
}

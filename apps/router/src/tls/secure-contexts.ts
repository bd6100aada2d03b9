import { X509Certificate } from 'node:crypto';
import { createSecureContext, type SecureContext } from 'node:tls';
import { TlsEvent, type TlsMetrics } from './tls-events.ts';
import { TLS_POLICY } from './tls-policy.ts';

/** A certificate as a serving thread receives it: PEM chain and key, and the names it covers. */
export interface CertificateMaterial {
  /** Identifies this certificate and version: a replaced certificate comes with a new key. */
  readonly key: string;
  /** The leaf first, then the intermediates. */
  readonly certPem: string;
  readonly keyPem: string;
  /** Exact and wildcard (`*.example.com`) names. */
  readonly names: readonly string[];
}

/** Where a serving thread asks for certificates. Answers from memory: never a network call. */
export interface CertificateSource {
  /** The certificate for `serverName` (exact name, then the wildcard one level up), or undefined. */
  find(serverName: string): Promise<CertificateMaterial | undefined>;
}

export interface SecureContextsOptions {
  source?: CertificateSource;
  /** Answers names without a certificate, and handshakes without SNI; none: they fail. */
  defaultCertificate?: { readonly certPem: string; readonly keyPem: string };
  /** Secure contexts kept (each ~25–30 KB). Default 1000. */
  maxContexts?: number;
  /** Server names remembered, with their certificate or as unknown. Default 10 000. */
  maxNames?: number;
  /** How long an unknown name is remembered (a flood of random SNI asks the source once per name). Default 10 s. */
  negativeTtlMs?: number;
  metrics?: TlsMetrics;
}

interface Context {
  readonly context: SecureContext;
  readonly names: readonly string[];
}

/** A name's answer: the key of its certificate's context, or null (unknown) until `expiresAt`. */
interface NameEntry {
  readonly certificate: string | null;
  readonly expiresAt: number;
}

type SniDone = (error: Error | null, context?: SecureContext) => void;

const NO_METRICS: TlsMetrics = { tls() {} };

/**
 * SNI for one serving thread: server name → certificate → secure context, built lazily and kept in
 * a bounded LRU (a context costs ~1.2 ms to build, so never one per connection; and never all of
 * them at start). Concurrent handshakes for one new name ask the source and build the context
 * once; unknown names are remembered briefly. `invalidate()` forgets every name's answer when
 * certificates change, so the next handshake asks again.
 */
export class SecureContexts {
  readonly #source: CertificateSource | undefined;
  readonly #default: Context | undefined;
  readonly #maxContexts: number;
  readonly #maxNames: number;
  readonly #negativeTtlMs: number;
  readonly #metrics: TlsMetrics;
  /** Insertion order is recency: a hit re-inserts. */
  readonly #contexts = new Map<string, Context>();
  readonly #names = new Map<string, NameEntry>();
  readonly #inflight = new Map<string, Promise<Context | null>>();
  /** Bumped by invalidate(): answers started before it are used once, never remembered. */
  #generation = 0;

  constructor(options: SecureContextsOptions) {
    this.#source = options.source;
    this.#metrics = options.metrics ?? NO_METRICS;
    this.#maxContexts = options.maxContexts ?? 1000;
    this.#maxNames = options.maxNames ?? 10_000;
    this.#negativeTtlMs = options.negativeTtlMs ?? 10_000;
    const fallback = options.defaultCertificate;
    this.#default =
      fallback === undefined
        ? undefined
        : { context: buildSecureContext(fallback.certPem, fallback.keyPem), names: namesOf(fallback.certPem) };
  }

  /** The default certificate's context, for the listener's own options (handshakes without SNI). */
  get defaultContext(): SecureContext | undefined {
    return this.#default?.context;
  }

  get contextCount(): number {
    return this.#contexts.size;
  }

  /** `tls.createServer({ SNICallback })`. */
  readonly sniCallback = (serverName: string, done: SniDone): void => {
    const name = normalise(serverName);
    const known = this.#known(name);
    if (known !== undefined) {
      this.#answer(known, name, done);
      return;
    }
    let pending = this.#inflight.get(name);
    if (pending === undefined) {
      pending = this.#lookUp(name).finally(() => this.#inflight.delete(name));
      this.#inflight.set(name, pending);
    }
    pending.then(
      (found) => this.#answer(found, name, done),
      () => this.#answer(null, name, done),
    );
  };

  /**
   * Does the certificate served for `serverName` cover `host`? (HTTP/2 reuses a connection for
   * other names its certificate covers; a request for any other name gets 421.)
   */
  covers(serverName: string | undefined, host: string): boolean {
    const chosen = serverName === undefined || serverName === '' ? null : this.#known(normalise(serverName));
    const names = chosen?.names ?? this.#default?.names;
    return names !== undefined && coveredBy(names, normalise(stripPort(host)));
  }

  /** Certificates changed: every name asks the source again on its next handshake. */
  invalidate(): void {
    this.#generation++;
    this.#names.clear();
  }

  /** The remembered answer for `name`: a context, null (unknown), or undefined (ask the source). */
  #known(name: string): Context | null | undefined {
    const entry = this.#names.get(name);
    if (entry === undefined) return undefined;
    if (entry.certificate === null) {
      if (entry.expiresAt > Date.now()) return null;
      this.#names.delete(name);
      return undefined;
    }
    const context = this.#contexts.get(entry.certificate);
    if (context === undefined) return undefined; // evicted: built again on demand
    this.#contexts.delete(entry.certificate);
    this.#contexts.set(entry.certificate, context);
    return context;
  }

  async #lookUp(name: string): Promise<Context | null> {
    const generation = this.#generation;
    const material = this.#source === undefined ? undefined : await this.#source.find(name);
    let context: Context | null = null;
    if (material !== undefined) {
      context = this.#contexts.get(material.key) ?? this.#build(material);
    }
    if (generation === this.#generation) this.#remember(name, context === null ? null : (material?.key ?? null));
    return context;
  }

  #build(material: CertificateMaterial): Context | null {
    let context: Context;
    try {
      context = { context: buildSecureContext(material.certPem, material.keyPem), names: material.names };
    } catch {
      this.#metrics.tls(TlsEvent.contextFailed);
      return null;
    }
    this.#metrics.tls(TlsEvent.contextBuilt);
    this.#contexts.set(material.key, context);
    if (this.#contexts.size > this.#maxContexts) {
      this.#contexts.delete(this.#contexts.keys().next().value as string);
    }
    return context;
  }

  #remember(name: string, certificate: string | null): void {
    this.#names.delete(name);
    this.#names.set(name, { certificate, expiresAt: certificate === null ? Date.now() + this.#negativeTtlMs : 0 });
    if (this.#names.size > this.#maxNames) this.#names.delete(this.#names.keys().next().value as string);
  }

  #answer(found: Context | null, name: string, done: SniDone): void {
    if (found !== null) {
      done(null, found.context);
    } else if (this.#default !== undefined) {
      this.#metrics.tls(TlsEvent.defaultCertificate);
      done(null, this.#default.context);
    } else {
      this.#metrics.tls(TlsEvent.noCertificate);
      done(new Error(`no certificate for ${name}`));
    }
  }
}

/** A secure context under the router's TLS policy; throws when the PEMs do not make one (bad PEM, key mismatch). */
export function buildSecureContext(certPem: string, keyPem: string): SecureContext {
  return createSecureContext({ ...TLS_POLICY, cert: certPem, key: keyPem });
}

/** The DNS names of a certificate's subjectAltName (its subject CN when it has none). */
export function namesOf(certPem: string): string[] {
  const leaf = new X509Certificate(certPem);
  const alt = leaf.subjectAltName;
  if (alt !== undefined) {
    return alt
      .split(', ')
      .filter((entry) => entry.startsWith('DNS:'))
      .map((entry) => normalise(entry.slice(4)));
  }
  const cn = /(?:^|\n)CN=([^\n]+)/.exec(leaf.subject)?.[1];
  return cn === undefined ? [] : [normalise(cn)];
}

/** Exact names, and wildcards of exactly one label (`*.example.com` covers `a.example.com` only). */
export function coveredBy(names: readonly string[], host: string): boolean {
  const dot = host.indexOf('.');
  const wildcard = dot > 0 ? `*${host.slice(dot)}` : undefined;
  for (const name of names) {
    if (name === host || name === wildcard) return true;
  }
  return false;
}

function normalise(name: string): string {
  const lower = name.toLowerCase();
  return lower.endsWith('.') ? lower.slice(0, -1) : lower;
}

function stripPort(authority: string): string {
  if (authority.startsWith('[')) return authority.slice(0, authority.indexOf(']') + 1);
  const colon = authority.lastIndexOf(':');
  return colon === -1 ? authority : authority.slice(0, colon);
}

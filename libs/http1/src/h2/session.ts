import { constants, type ServerHttp2Session, type ServerHttp2Stream } from 'node:http2';
import type { TLSSocket } from 'node:tls';
import { pageFor } from '../client-connection.ts';
import type { ClientExchange } from '../exchange.ts';
import { type ForwardMetrics, OUTCOME_NAMES, Outcome, type OutcomeCode } from '../metrics.ts';
import { Pages } from '../pages.ts';
import type { HeadLimits } from '../parse/fields.ts';
import { unmapIpv4 } from '../peers.ts';
import type { RequestIds } from '../request-id.ts';
import { H2Exchange, type H2StreamContext } from './exchange.ts';
import { H2Refusal, parseH2Request } from './request-head.ts';

const { NGHTTP2_ENHANCE_YOUR_CALM, NGHTTP2_FLAG_END_STREAM } = constants;

/** What a session needs from its server: settings, limits and callbacks. */
export interface H2SessionContext {
  readonly limits: HeadLimits;
  readonly maxHeaderListSize: number;
  readonly maxHeaderCount: number;
  readonly maxConcurrentStreams: number;
  readonly headersTimeoutMs: number;
  readonly requestTimeoutMs: number;
  readonly keepAliveTimeoutMs: number;
  readonly streamIdleTimeoutMs: number;
  readonly closeGraceMs: number;
  /** Per check interval (the sweep resets the counts). */
  readonly maxResetsPerInterval: number;
  readonly maxPingsPerInterval: number;
  readonly maxSettingsPerInterval: number;
  /** Header lists over the limit one connection may send before it is closed. */
  readonly maxOversizedHeaderLists: number;
  readonly metrics: ForwardMetrics;
  readonly requestIds: RequestIds;
  readonly draining: boolean;
  now(): number;
  handle(exchange: ClientExchange): void;
  completed(exchange: ClientExchange): void;
  ended(exchange: ClientExchange): void;
  forget(session: H2Session): void;
}

/**
 * One HTTP/2 connection: its streams (each an `H2Exchange`), the check that a stream's
 * `:authority` is covered by the connection's certificate (routing is by `:authority`, never by
 * SNI: browsers reuse a connection for every name its certificate covers), timeouts, and the
 * abuse limits node:http2 does not enforce itself — each ends the connection with GOAWAY
 * ENHANCE_YOUR_CALM and is counted.
 */
export class H2Session implements H2StreamContext {
  readonly session: ServerHttp2Session;
  readonly remoteAddress: string;
  readonly socket: TLSSocket;
  readonly #ctx: H2SessionContext;
  readonly #covers: (host: string) => boolean;
  readonly #exchanges = new Set<H2Exchange>();
  readonly #createdAt: number;
  #prefaceSeen = false;
  #idleSince: number;
  #closingSince = 0;
  /** When the sweep first saw node:http2's side ended (the socket is destroyed a grace period later). */
  #destroyedSince = 0;
  #closedFor: OutcomeCode | -1 = -1;
  // Counted per check interval.
  #resets = 0;
  #pings = 0;
  #settings = 0;
  /** Most streams open at once this interval. */
  #peak = 0;
  /** Requests refused with 431 on this connection (not reset per interval). */
  #oversized = 0;
  #resetCheck: NodeJS.Immediate | null = null;
  /** nghttp2 ended the connection; what it was is judged once the streams it accepted are known. */
  #failed: Error | null = null;
  /** Streams that arrived after the connection was ended (node:http2 emits them a tick later). */
  #late = 0;
  /** When an abusive connection got its GOAWAY (it is destroyed one check interval later). */
  #abusiveSince = 0;
  /** One-entry cache of the last authority checked against the certificate. */
  #lastHost = '';
  #lastCovered = false;

  constructor(
    ctx: H2SessionContext,
    session: ServerHttp2Session,
    socket: TLSSocket,
    covers: (host: string) => boolean,
  ) {
    this.#ctx = ctx;
    this.session = session;
    this.socket = socket;
    this.#covers = covers;
    this.remoteAddress = unmapIpv4(socket.remoteAddress ?? '');
    this.#createdAt = ctx.now();
    this.#idleSince = this.#createdAt;
    session.on('stream', this.#onStream);
    session.on('remoteSettings', this.#onSettings);
    session.on('ping', this.#onPing);
    session.on('error', this.#onError);
    session.on('close', this.#onClose);
  }

  // ---- H2StreamContext ----

  get limits(): HeadLimits {
    return this.#ctx.limits;
  }
  get metrics(): ForwardMetrics {
    return this.#ctx.metrics;
  }
  get requestIds(): RequestIds {
    return this.#ctx.requestIds;
  }
  get requestTimeoutMs(): number {
    return this.#ctx.requestTimeoutMs;
  }
  get streamIdleTimeoutMs(): number {
    return this.#ctx.streamIdleTimeoutMs;
  }
  now(): number {
    return this.#ctx.now();
  }
  completed(exchange: H2Exchange): void {
    this.#ctx.completed(exchange);
  }
  ended(exchange: H2Exchange): void {
    this.#ctx.ended(exchange);
  }
  forget(exchange: H2Exchange): void {
    this.#exchanges.delete(exchange);
    if (this.#exchanges.size === 0) {
      this.#idleSince = this.#ctx.now();
      if (this.#ctx.draining) this.close();
    }
  }
  /**
   * Counted now, judged after this I/O turn: when nghttp2 ends a connection itself, every open
   * stream is aborted at once, which is not the client's doing.
   */
  clientReset(): void {
    this.#resets++;
    this.#resetCheck ??= setImmediate(this.#checkResets);
  }

  readonly #checkResets = (): void => {
    this.#resetCheck = null;
    if (this.session.destroyed || this.#closedFor >= 0) return;
    if (this.#resets > this.#ctx.maxResetsPerInterval) this.abuse(Outcome.h2RapidReset);
  };

  get streamCount(): number {
    return this.#exchanges.size;
  }

  // ---- streams ----

  readonly #onStream = (
    stream: ServerHttp2Stream,
    _headers: unknown,
    flags: number,
    rawHeaders: readonly string[],
  ): void => {
    stream.on('error', ignore);
    if (this.#closedFor >= 0 || this.#failed !== null || this.session.destroyed) {
      this.#late++;
      if (!stream.destroyed) stream.close(NGHTTP2_ENHANCE_YOUR_CALM);
      return;
    }
    if (stream.destroyed || stream.closed) {
      // Opened and reset before it could be served (rapid reset): no work is started for it.
      this.clientReset();
      return;
    }
    const ctx = this.#ctx;
    const hasBody = (flags & NGHTTP2_FLAG_END_STREAM) === 0;
    const exchange = new H2Exchange(this, stream, hasBody, rawHeaders.length >> 1);
    this.#exchanges.add(exchange);
    if (this.#exchanges.size > this.#peak) this.#peak = this.#exchanges.size;
    const refusal = parseH2Request(rawHeaders, hasBody, exchange.head, ctx.maxHeaderListSize, ctx.maxHeaderCount);
    if (refusal !== H2Refusal.none) {
      this.#refuse(exchange, refusal);
      return;
    }
    if (!this.#covered(exchange.head.host)) {
      ctx.metrics.count(Outcome.misdirected);
      exchange.refuse(Pages.misdirected);
      return;
    }
    exchange.dispatch(this.#handle);
  };

  readonly #handle = (exchange: ClientExchange): void => this.#ctx.handle(exchange);

  #refuse(exchange: H2Exchange, refusal: number): void {
    const ctx = this.#ctx;
    switch (refusal) {
      case H2Refusal.tooLarge:
        ctx.metrics.count(Outcome.h2HeadersTooLarge);
        exchange.refuse(Pages.headersTooLarge);
        if (++this.#oversized > ctx.maxOversizedHeaderLists) this.abuse(Outcome.h2HeadersTooLarge);
        return;
      case H2Refusal.connect:
        ctx.metrics.count(Outcome.rejected);
        exchange.refuse(Pages.methodNotAllowed);
        return;
      case H2Refusal.hostMismatch:
        ctx.metrics.count(Outcome.rejected);
        exchange.refuse(Pages.badHost);
        return;
      case H2Refusal.head:
        ctx.metrics.count(Outcome.rejected);
        exchange.refuse(pageFor(exchange.head.error));
        return;
      default:
        ctx.metrics.count(Outcome.rejected);
        exchange.refuse(Pages.badRequest);
    }
  }

  /** `host` (port and trailing dot stripped, lower-cased) is a name the connection's certificate covers. */
  #covered(authority: string): boolean {
    if (authority === this.#lastHost) return this.#lastCovered;
    this.#lastHost = authority;
    this.#lastCovered = this.#covers(hostName(authority));
    return this.#lastCovered;
  }

  // ---- control frames and errors ----

  readonly #onSettings = (): void => {
    this.#prefaceSeen = true;
    if (++this.#settings > this.#ctx.maxSettingsPerInterval) this.abuse(Outcome.h2SettingsFlood);
  };

  readonly #onPing = (): void => {
    if (++this.#pings > this.#ctx.maxPingsPerInterval) this.abuse(Outcome.h2PingFlood);
  };

  /**
   * node:http2 (nghttp2) ended the session: a flood of frames whose acknowledgements the peer
   * does not read, its own rapid-reset limit, more streams than allowed, or another protocol
   * error. Attributed from this interval's counts.
   */
  readonly #onError = (error: Error): void => {
    if (this.#closedFor >= 0 || this.#failed !== null) return; // our own GOAWAY
    this.#failed = error;
    setImmediate(this.#judgeFailure);
  };

  readonly #judgeFailure = (): void => {
    const error = this.#failed as Error;
    let outcome: OutcomeCode = Outcome.h2ProtocolError;
    if (/flood/i.test(error.message)) {
      if (this.#resets > this.#pings && this.#resets > this.#settings) outcome = Outcome.h2RapidReset;
      else outcome = this.#pings >= this.#settings ? Outcome.h2PingFlood : Outcome.h2SettingsFlood;
    } else if (this.#peak + this.#late >= this.#ctx.maxConcurrentStreams) {
      outcome = Outcome.h2TooManyStreams;
    } else if (this.#resets > this.#ctx.maxResetsPerInterval / 2) {
      outcome = Outcome.h2RapidReset;
    }
    this.#closedFor = outcome;
    this.#ctx.metrics.count(outcome);
  };

  /**
   * Ends an abusive connection: GOAWAY ENHANCE_YOUR_CALM now and every stream reset (no further
   * upstream work), the connection itself destroyed one check interval later — closing it while
   * the client is still sending would reset the TCP connection and could lose the GOAWAY. Counted once.
   */
  abuse(outcome: OutcomeCode): void {
    if (this.#closedFor >= 0) return;
    this.#closedFor = outcome;
    this.#ctx.metrics.count(outcome);
    this.#abusiveSince = this.#ctx.now();
    const session = this.session;
    if (session.destroyed) return;
    try {
      session.goaway(NGHTTP2_ENHANCE_YOUR_CALM, 0);
    } catch {
      session.destroy();
      return;
    }
    for (const exchange of this.#exchanges) exchange.destroy();
  }

  /** Graceful close: GOAWAY(NO_ERROR); streams under way finish; destroyed after the grace period. */
  close(): void {
    if (this.#closingSince !== 0 || this.session.destroyed) return;
    this.#closingSince = this.#ctx.now();
    this.session.close();
  }

  /**
   * Ends the connection now: GOAWAY and close. Called again once node:http2 has ended its side, it
   * destroys the socket (node:http2 waits for the client to close its side, which it may never do).
   */
  destroy(): void {
    if (!this.session.destroyed) this.session.destroy();
    else this.socket.destroy();
  }

  readonly #onClose = (): void => {
    this.#ctx.forget(this);
  };

  // ---- the server's sweep ----

  checkTimeouts(now: number): void {
    const ctx = this.#ctx;
    if (this.session.destroyed) {
      // node:http2 ended its side and waits for the client to close the connection: not forever.
      if (this.#destroyedSince === 0) this.#destroyedSince = now;
      else if (now - this.#destroyedSince >= ctx.closeGraceMs) this.socket.destroy();
      return;
    }
    // A connection nghttp2 ended keeps its counts until it is judged.
    if (this.#failed !== null) return;
    this.#resets = 0;
    this.#pings = 0;
    this.#settings = 0;
    this.#peak = this.#exchanges.size;
    if (this.#abusiveSince !== 0) {
      // The error only carries the GOAWAY code; #onError ignores it.
      if (now > this.#abusiveSince) {
        this.session.destroy(new Error(OUTCOME_NAMES[this.#closedFor]), NGHTTP2_ENHANCE_YOUR_CALM);
      }
      return;
    }
    if (this.#closingSince !== 0) {
      if (now - this.#closingSince >= ctx.closeGraceMs) this.destroy();
    } else if (!this.#prefaceSeen) {
      // The HTTP/2 equivalent of a head that does not arrive: no connection preface in time.
      if (now - this.#createdAt >= ctx.headersTimeoutMs) {
        ctx.metrics.count(Outcome.rejected);
        this.destroy();
        return;
      }
    } else if (this.#exchanges.size === 0 && now - this.#idleSince >= ctx.keepAliveTimeoutMs) {
      this.close();
    }
    for (const exchange of this.#exchanges) exchange.checkTimeouts(now);
  }
}

/** `Example.COM.:443` → `example.com`; `[::1]:443` → `[::1]`. */
export function hostName(authority: string): string {
  let end = authority.length;
  if (authority.charCodeAt(0) === 0x5b /* [ */) {
    end = authority.indexOf(']') + 1;
    if (end === 0) end = authority.length;
  } else {
    const colon = authority.lastIndexOf(':');
    if (colon >= 0) end = colon;
  }
  if (end > 0 && authority.charCodeAt(end - 1) === 0x2e /* . */) end--;
  return authority.slice(0, end).toLowerCase();
}

function ignore(): void {
  // Stream errors end in 'close'; resets are a client's right.
}

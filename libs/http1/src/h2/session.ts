import type { TLSSocket } from 'node:tls';
import { pageFor } from '../client-connection.ts';
import type { ClientExchange } from '../exchange.ts';
import { type ForwardMetrics, Outcome, type OutcomeCode } from '../metrics.ts';
import { Pages } from '../pages.ts';
import type { HeadLimits } from '../parse/fields.ts';
import { unmapIpv4 } from '../peers.ts';
import type { RequestIds } from '../request-id.ts';
import { H2Connection, type H2ConnectionHandler, type H2ConnectionLimits } from './connection.ts';
import { H2Exchange, type H2StreamContext } from './exchange.ts';
import { ErrorCode } from './frame.ts';
import { type HpackDecoder, HpackResult, type HpackResultCode } from './hpack-decoder.ts';
import { H2Refusal, parseH2Request } from './request-head.ts';
import type { H2Stream } from './stream.ts';

/** What a session needs from its server: settings, limits and callbacks. */
export interface H2SessionContext {
  readonly limits: HeadLimits;
  readonly connectionLimits: H2ConnectionLimits;
  readonly maxHeaderListSize: number;
  readonly maxHeaderCount: number;
  readonly headersTimeoutMs: number;
  readonly requestTimeoutMs: number;
  readonly keepAliveTimeoutMs: number;
  readonly streamIdleTimeoutMs: number;
  readonly closeGraceMs: number;
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
 * One HTTP/2 connection as the router sees it: each stream an `H2Exchange`, the check that a
 * stream's `:authority` is covered by the connection's certificate (routing is by `:authority`,
 * never by SNI: browsers reuse a connection for every name its certificate covers), request
 * refusals (421, 431, 400, 405), timeouts, and the outcome of a connection the framing layer ended.
 */
export class H2Session implements H2StreamContext, H2ConnectionHandler {
  readonly connection: H2Connection;
  readonly remoteAddress: string;
  readonly socket: TLSSocket;
  readonly #ctx: H2SessionContext;
  readonly #covers: (host: string) => boolean;
  readonly #createdAt: number;
  #prefaceSeen = false;
  #idleSince: number;
  /** When our GOAWAY went out (graceful or not): the socket is destroyed a grace period later. */
  #closingSince = 0;
  #closedFor: OutcomeCode | -1 = -1;
  /** When an abusive connection got its GOAWAY (destroyed once its input stops, or after the grace period). */
  #abusiveSince = 0;
  /** The connection's dropped reads at the last sweep (lingering close). */
  #lingerInputs = -1;
  /** Requests refused with 431 (or reset for a header list past twice the limit) on this connection. */
  #oversized = 0;
  /** One-entry cache of the last authority checked against the certificate. */
  #lastHost = '';
  #lastCovered = false;
  #forgotten = false;

  constructor(ctx: H2SessionContext, socket: TLSSocket, covers: (host: string) => boolean) {
    this.#ctx = ctx;
    this.socket = socket;
    this.#covers = covers;
    this.remoteAddress = unmapIpv4(socket.remoteAddress ?? '');
    this.#createdAt = ctx.now();
    this.#idleSince = this.#createdAt;
    this.connection = new H2Connection(socket, this, ctx.connectionLimits);
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

  get streamCount(): number {
    return this.connection.streamCount;
  }

  // ---- H2ConnectionHandler ----

  openStream(
    connection: H2Connection,
    id: number,
    decoder: HpackDecoder,
    result: HpackResultCode,
    endStream: boolean,
  ): H2Stream | null {
    const ctx = this.#ctx;
    if (result === HpackResult.tooLarge) {
      // Past twice the limit: decoded no further than the HPACK table needs, and reset.
      connection.refuseStream(id, ErrorCode.enhanceYourCalm);
      ctx.metrics.count(Outcome.h2HeadersTooLarge);
      if (++this.#oversized > ctx.maxOversizedHeaderLists) this.#abuse(Outcome.h2HeadersTooLarge);
      return null;
    }
    const fields = decoder.fields;
    const count = decoder.count;
    const exchange = new H2Exchange(this, connection, id, endStream, count);
    const refusal = parseH2Request(fields, count, !endStream, exchange.head, ctx.maxHeaderListSize, ctx.maxHeaderCount);
    if (refusal !== H2Refusal.none) {
      this.#refuse(exchange, refusal);
      return exchange;
    }
    if (!this.#covered(exchange.head.host)) {
      ctx.metrics.count(Outcome.misdirected);
      exchange.refuse(Pages.misdirected);
      return exchange;
    }
    exchange.dispatch(this.#handle);
    return exchange;
  }

  readonly #handle = (exchange: ClientExchange): void => this.#ctx.handle(exchange);

  #refuse(exchange: H2Exchange, refusal: number): void {
    const ctx = this.#ctx;
    switch (refusal) {
      case H2Refusal.tooLarge:
        ctx.metrics.count(Outcome.h2HeadersTooLarge);
        exchange.refuse(Pages.headersTooLarge);
        if (++this.#oversized > ctx.maxOversizedHeaderLists) this.#abuse(Outcome.h2HeadersTooLarge);
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
      case H2Refusal.protocol:
        // Malformed (RFC 9113 §8.1.1): a stream error, no response.
        ctx.metrics.count(Outcome.rejected);
        exchange.reset(ErrorCode.protocolError);
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

  peerReset(_stream: H2Stream): void {
    // Counted (and limited) by the connection; the exchange reports the request as aborted.
  }

  failed(outcome: OutcomeCode, code: number): void {
    if (this.#closedFor >= 0) return;
    this.#closedFor = outcome;
    this.#ctx.metrics.count(outcome);
    if (code === ErrorCode.enhanceYourCalm) this.#abusiveSince = this.#ctx.now();
    else this.#closingSince = this.#ctx.now();
  }

  prefaceDone(): void {
    this.#prefaceSeen = true;
  }

  idle(): void {
    this.#idleSince = this.#ctx.now();
    if (this.#ctx.draining) this.close();
  }

  closed(): void {
    if (this.#forgotten) return;
    this.#forgotten = true;
    this.#ctx.forget(this);
  }

  #abuse(outcome: OutcomeCode): void {
    this.connection.abuse(outcome);
  }

  /** Graceful close: GOAWAY(NO_ERROR); streams under way finish; destroyed after the grace period. */
  close(): void {
    if (this.#closingSince !== 0 || this.connection.destroyed) return;
    this.#closingSince = this.#ctx.now();
    this.connection.close();
  }

  /** Ends the connection now. */
  destroy(): void {
    this.connection.destroy();
  }

  // ---- the server's sweep ----

  checkTimeouts(now: number): void {
    const ctx = this.#ctx;
    const connection = this.connection;
    if (connection.destroyed) return;
    connection.tick();
    if (this.#abusiveSince !== 0) {
      // Lingering close: the socket is destroyed once the client stopped sending for a whole check
      // interval (it has read the GOAWAY by then, and destroying it resets nothing unread), or
      // after the grace period however much it sends.
      const inputs = connection.droppedInputs;
      if (inputs === this.#lingerInputs || now - this.#abusiveSince >= ctx.closeGraceMs) connection.destroy();
      this.#lingerInputs = inputs;
      return;
    }
    if (this.#closingSince !== 0) {
      // Streams under way after a graceful GOAWAY finish (their own timeouts, and a drain's
      // deadline, bound them): the grace for a client that keeps its side open starts after the last.
      if (connection.streamCount > 0) this.#closingSince = now;
      else if (now - this.#closingSince >= ctx.closeGraceMs) connection.destroy();
    } else if (!this.#prefaceSeen) {
      // The HTTP/2 equivalent of a head that does not arrive: no connection preface in time.
      if (now - this.#createdAt >= ctx.headersTimeoutMs) {
        ctx.metrics.count(Outcome.rejected);
        connection.destroy();
        return;
      }
    } else if (connection.streamCount === 0 && now - this.#idleSince >= ctx.keepAliveTimeoutMs) {
      this.close();
    }
    for (const stream of connection.streams()) (stream as H2Exchange).checkTimeouts(now);
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

import type { Socket } from 'node:net';
import type { BodyConsumer, ExchangeObserver } from './client-connection.ts';
import type { Page } from './pages.ts';
import type { RequestHead } from './parse/request-head.ts';
import type { ResponseHead } from './parse/response-head.ts';
import type { RequestFacts } from './request-facts.ts';

/**
 * One request from a client and its response, whatever the protocol: an HTTP/1.1 connection's
 * current request (`ClientConnection`, reused for every request on it) or one HTTP/2 stream
 * (`H2Exchange`). The router, static sites and the Forwarder take this, so routing, field hygiene,
 * pages, retries and accounting are written once for both protocols.
 */
export interface ClientExchange {
  // ---- the request ----
  readonly method: string;
  /** The origin-form target (`/path?query`). */
  readonly path: string;
  /** The host that decides the route (Host, the absolute-form authority, or HTTP/2's `:authority`). */
  readonly host: string;
  readonly hasBody: boolean;
  /** An HTTP/1.1 `Upgrade:` request (WebSocket); always false over HTTP/2. */
  readonly isUpgrade: boolean;
  /**
   * The request head as HTTP/1.1 field lines: what the upstream request is copied from. For an
   * HTTP/2 stream, the equivalent HTTP/1.1 head built from its fields and parsed by the same parser.
   */
  readonly head: RequestHead;
  /** The peer's address, IPv4-mapped IPv6 unwrapped. */
  readonly remoteAddress: string;
  /** Arrived over TLS. */
  readonly encrypted: boolean;
  /** The client's protocol: 10, 11 (HTTP/1.0, HTTP/1.1) or 20 (HTTP/2). */
  readonly httpVersion: number;
  /** The client's transport, for its facts (TLS version, SNI): never read from or written to by handlers. */
  readonly socket: Socket;
  /** A request field's value by lower-case name (several joined with ", "). */
  header(lowerName: string): string | undefined;

  // ---- for the application and its accounting ----
  /** Free for the application (the router keeps its routing decision here for accounting). */
  tag: number;
  /** Strict-Transport-Security for this request's response (the application's and the proxied one), '' for none. */
  hsts: string;
  /** Ids, trace context, upstream, outcome and byte counts of the request (its log record). */
  readonly facts: RequestFacts;
  /** performance.now() when the request was complete enough to dispatch. */
  readonly startedAt: number;
  /** Status of the response under way (0 until its head is written). */
  readonly status: number;

  // ---- the application's own response ----
  readonly headersSent: boolean;
  /** Gone (or going): nothing more can be sent. */
  readonly closed: boolean;
  /** `headers` is flat `[name, value, …]`. */
  writeHead(status: number, headers: readonly string[], reason?: string): void;
  /** False: wait for `onDrain` before writing more. */
  write(chunk: Buffer): boolean;
  end(chunk?: Buffer): void;
  /** A pre-built page; `close`: the connection (HTTP/1.1) or the request stream (HTTP/2) ends after it. */
  sendPage(page: Page, requestId: string, close?: boolean): void;
  /** Called once when the client can take more after `write`/`writeRaw` returned false. */
  onDrain(callback: () => void): void;
  /** Called once when the exchange ends, completed or not. */
  onFinished(callback: () => void): void;
  /** Cuts the response: the client sees it truncated (HTTP/1.1: connection closed; HTTP/2: RST_STREAM). */
  destroy(): void;

  // ---- the request body ----
  readonly requestBodyDone: boolean;
  /**
   * Streams the request body into `consumer`, framed as the upstream request head announces it
   * (`head.chunked`: chunked framing), or with `decoded` the data only.
   */
  readBody(consumer: BodyConsumer, decoded?: boolean): void;
  resumeBody(): void;

  // ---- a proxied response (the engine's Forwarder) ----
  /** The exchange under way is told when the client goes away. */
  observe(observer: ExchangeObserver | null): void;
  /**
   * The client takes response bodies without chunked framing (HTTP/1.0, HTTP/2): the Forwarder
   * de-chunks them.
   */
  readonly decodesChunked: boolean;
  /** Marks the response head as sent; true when the connection closes after it (HTTP/1.1 only). */
  beginProxiedResponse(status: number, mustClose: boolean): boolean;
  /** An interim (1xx) upstream response, relayed where the protocol allows. */
  writeInterim(head: ResponseHead): void;
  /**
   * The upstream's response head, for this client: hop-by-hop and connection-specific fields
   * removed. It may be held until the first body bytes (`writeRaw`), so that both go out in one
   * write; `flushResponseHead` sends a head still held.
   */
  writeResponseHead(head: ResponseHead, chunked: boolean, closing: boolean): void;
  /** Sends a response head `writeResponseHead` still holds (no body bytes came with it). */
  flushResponseHead(): void;
  /** Body bytes of a proxied response, passed as they are. False: wait for `onDrain`. */
  writeRaw(buf: Buffer): boolean;
  /** The last body bytes of a proxied response (`responseDone` follows): HTTP/2 ends the stream with them. */
  writeLast(buf: Buffer): void;
  /** The response is complete. */
  responseDone(): void;
}

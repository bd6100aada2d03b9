export { type BodyConsumer, ClientConnection, type ExchangeObserver, pageFor } from './client-connection.ts';
export { httpDate } from './clock.ts';
export { ConnectionLimit, Refusals } from './connection-limit.ts';
export { EngineOptionsError, positive, UpstreamError } from './errors.ts';
export type { ClientExchange } from './exchange.ts';
export { DISPATCHED_FIELD, DISPATCHED_MARKER, Forwarder, type ForwarderOptions, type NextTarget } from './forwarder.ts';
export { H2Exchange } from './h2/exchange.ts';
export { H2Server, type H2ServerOptions } from './h2/server.ts';
export {
  CONNECTION_EVENT_NAMES,
  ConnectionEvent,
  type ConnectionEventCode,
  type ConnectionMetrics,
  CountingMetrics,
  type ForwardMetrics,
  noopMetrics,
  OUTCOME_NAMES,
  Outcome,
  type OutcomeCode,
} from './metrics.ts';
export { buildPage, type Page, Pages } from './pages.ts';
export { ChunkedDecoder, type ChunkSink } from './parse/chunked.ts';
export { HEAD_ERROR_REASONS, HeadError, type HeadErrorCode, ParseResult } from './parse/errors.ts';
export { ConnectionFlag, FieldKind, type HeadLimits, MessageHead } from './parse/fields.ts';
export { isValidHostHeader } from './parse/host.ts';
export { RequestHead } from './parse/request-head.ts';
export { BodyFraming, type BodyFramingCode, ResponseHead } from './parse/response-head.ts';
export { Peers, unmapIpv4 } from './peers.ts';
export { RequestEnd, type RequestEndCode, RequestFacts } from './request-facts.ts';
export { isValidRequestId, RequestIds } from './request-id.ts';
export { HttpServer, type HttpServerOptions, listenShared, type RequestHandler } from './server.ts';
export { redirectPage, type TextPage, textPage } from './text-page.ts';
export {
  newSpanId,
  newTraceId,
  newTraceparent,
  TRACEPARENT_LENGTH,
  TRACESTATE_MAX_LENGTH,
  traceIdOf,
} from './trace-context.ts';
export { tunnel } from './tunnel.ts';
export {
  type Target,
  UpstreamConnection,
  UpstreamPool,
  type UpstreamPoolOptions,
} from './upstream-pool.ts';
export { type Forwarding, upstreamFieldList, upstreamRequestHead } from './upstream-request.ts';
export { clientResponseHead } from './upstream-response.ts';

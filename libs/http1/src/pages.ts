import { textPage } from './text-page.ts';

/**
 * A small fixed response (errors, refusals) in the one text-page format, pre-built at load time:
 * answering costs one write of pre-encoded bytes around the request id.
 */
export interface Page {
  readonly status: number;
  readonly reason: string;
  readonly body: Buffer;
  /** Flat header list (content type, length, cache-control, then extras), without the request id. */
  readonly headers: readonly string[];
  /** `HTTP/1.1 <status> <reason>` and the headers, up to the request id's value. */
  readonly head: string;
}

/** Builds a Page once (at load time): the text page, plus `extraHeaders` as flat name/value pairs. */
export function buildPage(status: number, reason: string, text: string, extraHeaders: readonly string[] = []): Page {
  const page = textPage(status, reason, text);
  const headers = [...page.headers, ...extraHeaders];
  let head = `HTTP/1.1 ${status} ${reason}\r\n`;
  for (let i = 0; i < headers.length; i += 2) head += `${headers[i]}: ${headers[i + 1]}\r\n`;
  return { status, reason, body: page.body, headers, head: `${head}x-request-id: ` };
}

/** The engine's own refusals and upstream failures. Applications add their pages with buildPage. */
export const Pages = {
  badRequest: buildPage(400, 'Bad Request', 'the request is malformed.'),
  badHost: buildPage(400, 'Bad Request', 'missing or invalid Host header.'),
  badTarget: buildPage(400, 'Bad Request', 'the request target must be a path, or an absolute http(s) URL.'),
  badBody: buildPage(400, 'Bad Request', 'the request body framing is invalid.'),
  methodNotAllowed: buildPage(405, 'Method Not Allowed', 'CONNECT is not supported.'),
  requestTimeout: buildPage(408, 'Request Timeout', 'the request was not received in time.'),
  headersTooLarge: buildPage(431, 'Request Header Fields Too Large', 'the request headers are too large.'),
  notImplemented: buildPage(501, 'Not Implemented', 'the method or transfer coding is not supported.'),
  upgradeUnsupported: buildPage(501, 'Not Implemented', 'this server does not accept protocol upgrades (WebSocket).'),
  misdirected: buildPage(
    421,
    'Misdirected Request',
    "this connection's certificate does not cover this host; open a new connection for it.",
  ),
  versionNotSupported: buildPage(505, 'HTTP Version Not Supported', 'only HTTP/1.0 and HTTP/1.1 are spoken here.'),
  badGateway: buildPage(502, 'Bad Gateway', 'the upstream could not be reached or sent an invalid response.'),
  gatewayTimeout: buildPage(504, 'Gateway Timeout', 'the upstream did not answer in time.'),
  upstreamBusy: buildPage(503, 'Service Unavailable', 'too many requests are waiting for this upstream; retry.'),
  shuttingDown: buildPage(503, 'Service Unavailable', 'this server is shutting down; retry.'),
} as const satisfies Record<string, Page>;

import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { textPage } from '@switchyard/static-site';

/**
 * The router's own small responses (format: `textPage` of @switchyard/static-site, which static sites'
 * pages use too). Bodies and header lists are built once at load time;
 * answering costs one `writeHead` and one `end` with a pre-built Buffer.
 */
export interface Page {
  readonly status: number;
  readonly reason: string;
  readonly body: Buffer;
  /** Flat header list for `res.writeHead`; the last value is the request id slot. */
  readonly headers: string[];
  /** `HTTP/1.1 <status>` … up to the request id value, for raw sockets. */
  readonly rawHead: Buffer;
  /** After the request id: the rest of the head (with `connection: close`) and the body. */
  readonly rawTail: Buffer;
}

/** Builds a Page once (at load time): the text page, plus `extraHeaders` as flat name/value pairs. */
export function buildPage(status: number, reason: string, text: string, extraHeaders: readonly string[] = []): Page {
  const page = textPage(status, reason, text);
  const body = page.body;
  const headers = [...page.headers, ...extraHeaders];
  let common = '';
  for (let i = 0; i < headers.length; i += 2) common += `${headers[i]}: ${headers[i + 1]}\r\n`;
  return {
    status,
    reason,
    body,
    headers: [...headers, 'x-request-id', ''],
    rawHead: Buffer.from(`HTTP/1.1 ${status} ${reason}\r\n${common}x-request-id: `, 'latin1'),
    rawTail: Buffer.concat([Buffer.from('\r\nconnection: close\r\n\r\n', 'latin1'), body]),
  };
}

export const Pages = {
  badRequest: buildPage(400, 'Bad Request', 'the request is malformed.'),
  badHost: buildPage(400, 'Bad Request', 'missing or invalid Host header.'),
  badTarget: buildPage(400, 'Bad Request', 'the request target must be a path, or an absolute URL naming the Host.'),
  noSuchHost: buildPage(404, 'Not Found', 'no service is configured for this host name.'),
  methodNotAllowed: buildPage(405, 'Method Not Allowed', 'CONNECT is not supported.'),
  requestTimeout: buildPage(408, 'Request Timeout', 'the request was not received in time.'),
  headersTooLarge: buildPage(431, 'Request Header Fields Too Large', 'the request headers are too large.'),
  upgradeUnsupported: buildPage(501, 'Not Implemented', 'this server does not accept protocol upgrades (WebSocket).'),
  badGateway: buildPage(502, 'Bad Gateway', 'the upstream could not be reached or sent an invalid response.'),
  suspended: buildPage(503, 'Service Unavailable', 'this service is suspended.'),
  noInstance: buildPage(503, 'Service Unavailable', 'the service has no instance ready.'),
  staticUpgrade: buildPage(501, 'Not Implemented', 'static sites do not accept protocol upgrades (WebSocket).'),
  noStaticStore: buildPage(
    503,
    'Service Unavailable',
    'this is a static site and this router has no object store configured (--static-store).',
  ),
  shuttingDown: buildPage(503, 'Service Unavailable', 'this router is shutting down; retry.'),
  gatewayTimeout: buildPage(504, 'Gateway Timeout', 'the upstream did not answer in time.'),
} as const satisfies Record<string, Page>;

/** Answers `res` with `page`. Safe to call only before headers were sent. */
export function sendPage(res: ServerResponse, p: Page, requestId: string): void {
  // writeHead copies the list synchronously, so the shared array's id slot can be reused.
  p.headers[p.headers.length - 1] = requestId;
  res.writeHead(p.status, p.headers);
  res.end(p.body);
}

/** Writes `page` as a complete HTTP/1.1 response on a raw socket and closes it. */
export function writeRawPage(socket: Socket, p: Page, requestId: string): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  socket.write(p.rawHead);
  socket.write(requestId, 'latin1');
  socket.end(p.rawTail);
}

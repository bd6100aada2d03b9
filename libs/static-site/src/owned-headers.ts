/**
 * Response headers the router sets itself for static sites (framing, connection management, validators
 * and ranges it computes, cookies on a shared platform domain). Header rules may not set them: the
 * service database refuses them when rules are saved, and the router ignores any that get through.
 * Lower-case. Every `proxy-*` name is owned as well (see `isRouterOwnedHeader`).
 */
export const ROUTER_OWNED_RESPONSE_HEADERS: ReadonlySet<string> = new Set([
  // framing and hop-by-hop (RFC 9110 §7.6.1, RFC 9112)
  'connection',
  'keep-alive',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'content-length',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  // computed per response by the router: conditional and range requests depend on them
  'content-range',
  'accept-ranges',
  'etag',
  'last-modified',
  'date',
  // redirects are rules, not headers; a request header, meaningless in a response
  'location',
  'host',
  // a static site never sets cookies on the platform's shared domains
  'set-cookie',
  // the router's request id, echoed on every response
  'x-request-id',
]);

/** Prefixes of owned header names. */
export const ROUTER_OWNED_HEADER_PREFIXES: readonly string[] = ['proxy-'];

/** Whether a header rule may not set `name` (any case). */
export function isRouterOwnedHeader(name: string): boolean {
  const lower = name.toLowerCase();
  return (
    ROUTER_OWNED_RESPONSE_HEADERS.has(lower) || ROUTER_OWNED_HEADER_PREFIXES.some((prefix) => lower.startsWith(prefix))
  );
}

import { describe, expect, it } from 'vitest';
import { isRouterOwnedHeader, ROUTER_OWNED_RESPONSE_HEADERS } from './owned-headers.ts';

describe('router-owned response headers', () => {
  it.each([
    'Content-Length',
    'transfer-encoding',
    'Connection',
    'Keep-Alive',
    'Upgrade',
    'Set-Cookie',
    'Date',
    'Trailer',
    'TE',
    'Proxy-Authenticate',
    'Proxy-Anything',
    'Host',
    'Location',
    'Content-Range',
    'Accept-Ranges',
    'ETag',
    'Last-Modified',
    'X-Request-Id',
  ])('owns %s', (name) => {
    expect(isRouterOwnedHeader(name)).toBe(true);
  });

  it.each(['Cache-Control', 'Content-Type', 'X-Frame-Options', 'Content-Security-Policy', 'Link', 'Vary'])(
    'leaves %s to header rules',
    (name) => {
      expect(isRouterOwnedHeader(name)).toBe(false);
    },
  );

  it('keeps the list lower-case', () => {
    for (const name of ROUTER_OWNED_RESPONSE_HEADERS) expect(name).toBe(name.toLowerCase());
  });
});

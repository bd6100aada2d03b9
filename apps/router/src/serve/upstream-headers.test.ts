import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientResponseHeaders, upstreamRequestHeaders } from './upstream-headers.ts';

/** The parts of an IncomingMessage the header builder reads, as Node's parser fills them. */
function message(rawHeaders: string[]): IncomingMessage {
  const headers: Record<string, string> = {};
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = (rawHeaders[i] as string).toLowerCase();
    headers[name] =
      headers[name] === undefined ? (rawHeaders[i + 1] as string) : `${headers[name]}, ${rawHeaders[i + 1]}`;
  }
  return { rawHeaders, headers } as unknown as IncomingMessage;
}

const untrusted = { clientIp: '198.51.100.9', trusted: false, proto: 'http', requestId: 'r-1' };
const trusted = { ...untrusted, trusted: true };

function toMap(list: string[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (let i = 0; i < list.length; i += 2) {
    const name = (list[i] as string).toLowerCase();
    map.set(name, [...(map.get(name) ?? []), list[i + 1] as string]);
  }
  return map;
}

describe('upstreamRequestHeaders', () => {
  it('drops hop-by-hop fields and those named in Connection, then adds its own', () => {
    const { headers, requestId } = upstreamRequestHeaders(
      message([
        'Host',
        'app.example',
        'Connection',
        'keep-alive, X-Secret, X-Forwarded-For',
        'X-Secret',
        '1',
        'Keep-Alive',
        'timeout=5',
        'TE',
        'trailers',
        'Trailer',
        'x-checksum',
        'Proxy-Authorization',
        'Basic x',
        'Proxy-Foo',
        'bar',
        'Expect',
        '100-continue',
        'X-Forwarded-For',
        '6.6.6.6',
        'Forwarded',
        'for=6.6.6.6',
        'X-Switchyard-Service-Id',
        'spoofed',
        'Accept',
        'text/html',
      ]),
      untrusted,
      ['x-switchyard-service-id', 'svc-1'],
      false,
    );
    const h = toMap(headers);
    expect([...h.keys()].sort()).toEqual(
      [
        'host',
        'accept',
        'x-forwarded-for',
        'x-forwarded-proto',
        'x-forwarded-host',
        'x-request-id',
        'x-switchyard-service-id',
      ].sort(),
    );
    expect(h.get('x-forwarded-for')).toEqual(['198.51.100.9']);
    expect(h.get('x-forwarded-host')).toEqual(['app.example']);
    expect(h.get('x-switchyard-service-id')).toEqual(['svc-1']);
    expect(requestId).toBe('r-1');
  });

  it('sends one Content-Length, and none with Transfer-Encoding', () => {
    const withLength = toMap(
      upstreamRequestHeaders(
        message(['Host', 'a', 'Content-Length', '5', 'content-length', '5']),
        untrusted,
        null,
        false,
      ).headers,
    );
    expect(withLength.get('content-length')).toEqual(['5']);
    const chunked = toMap(
      upstreamRequestHeaders(
        message(['Host', 'a', 'Transfer-Encoding', 'chunked', 'Content-Length', '5']),
        untrusted,
        null,
        false,
      ).headers,
    );
    expect(chunked.get('content-length')).toBeUndefined();
    expect(chunked.get('transfer-encoding')).toBeUndefined();
  });

  it('appends to a trusted hop X-Forwarded-For chain and keeps its proto, host and id', () => {
    const { headers, requestId } = upstreamRequestHeaders(
      message([
        'Host',
        'app.example',
        'X-Forwarded-For',
        '203.0.113.1',
        'X-Forwarded-For',
        '10.1.1.1',
        'X-Forwarded-Proto',
        'https',
        'X-Forwarded-Host',
        'www.example.com',
        'X-Request-Id',
        'lb-9',
      ]),
      trusted,
      null,
      false,
    );
    const h = toMap(headers);
    expect(h.get('x-forwarded-for')).toEqual(['203.0.113.1, 10.1.1.1, 198.51.100.9']);
    expect(h.get('x-forwarded-proto')).toEqual(['https']);
    expect(h.get('x-forwarded-host')).toEqual(['www.example.com']);
    expect(requestId).toBe('lb-9');
  });

  it('keeps Upgrade and sends Connection: upgrade for a pass-through', () => {
    const h = toMap(
      upstreamRequestHeaders(
        message(['Host', 'a', 'Connection', 'Upgrade', 'Upgrade', 'websocket', 'Sec-WebSocket-Key', 'k']),
        untrusted,
        null,
        true,
      ).headers,
    );
    expect(h.get('connection')).toEqual(['upgrade']);
    expect(h.get('upgrade')).toEqual(['websocket']);
    expect(h.get('sec-websocket-key')).toEqual(['k']);
  });
});

describe('clientResponseHeaders', () => {
  it('drops connection-level response fields and those the upstream named in Connection', () => {
    const raw = [
      'Content-Type',
      'text/plain',
      'Connection',
      'keep-alive, X-Internal',
      'Keep-Alive',
      'timeout=5',
      'Transfer-Encoding',
      'chunked',
      'X-Internal',
      'secret',
      'Set-Cookie',
      'a=1',
      'Set-Cookie',
      'b=2',
    ].map((s) => Buffer.from(s, 'latin1'));
    expect(clientResponseHeaders(raw, 'keep-alive, X-Internal')).toEqual([
      'Content-Type',
      'text/plain',
      'Set-Cookie',
      'a=1',
      'Set-Cookie',
      'b=2',
    ]);
  });
});

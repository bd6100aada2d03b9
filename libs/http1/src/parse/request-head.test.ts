import { describe, expect, it } from 'vitest';
import { HeadError, type HeadErrorCode } from './errors.ts';
import { FieldKind, type HeadLimits } from './fields.ts';
import { RequestHead } from './request-head.ts';

const LIMITS: HeadLimits = { maxHeadBytes: 1024, maxFields: 8 };

/** What a parse left behind, comparable across feeding strategies. */
function snapshot(head: RequestHead, result: number) {
  if (result <= 0) return { result, error: head.error };
  const fields: [string, string][] = [];
  for (let i = 0; i < head.fieldCount; i++) fields.push([head.name(i), head.value(i)]);
  return {
    result,
    error: head.error,
    method: head.method,
    target: head.buf.toString('latin1', head.targetStart, head.targetEnd),
    path: head.path,
    host: head.host,
    authority: head.authority,
    minorVersion: head.minorVersion,
    contentLength: head.contentLength,
    chunked: head.chunked,
    keepAlive: head.keepAlive,
    fields,
  };
}

function allAtOnce(text: string, limits = LIMITS) {
  const buf = Buffer.from(text, 'latin1');
  const head = new RequestHead(limits);
  head.reset(buf, 0);
  return snapshot(head, head.parse(buf.length));
}

/** The same bytes revealed one at a time, as a connection receiving them slowly would. */
function byteByByte(text: string, limits = LIMITS) {
  const buf = Buffer.from(text, 'latin1');
  const head = new RequestHead(limits);
  head.reset(buf, 0);
  let result = 0;
  for (let limit = 1; limit <= buf.length && result === 0; limit++) result = head.parse(limit);
  return snapshot(head, result);
}

const ok = (text: string) => {
  const s = allAtOnce(text);
  expect(s.error, `${JSON.stringify(text)}: ${s.error}`).toBe(HeadError.none);
  return s;
};

describe('RequestHead: accepted heads', () => {
  it('parses an origin-form GET', () => {
    const s = ok('GET /a?b=1 HTTP/1.1\r\nHost: app.example\r\nAccept: */*\r\n\r\n');
    expect(s).toMatchObject({
      method: 'GET',
      target: '/a?b=1',
      path: '/a?b=1',
      host: 'app.example',
      authority: null,
      minorVersion: 1,
      contentLength: -1,
      chunked: false,
      keepAlive: true,
      fields: [
        ['Host', 'app.example'],
        ['Accept', '*/*'],
      ],
    });
  });

  it('trims OWS around values but keeps inner whitespace', () => {
    const s = ok('GET / HTTP/1.1\r\nHost:\t app.example \t\r\nX-A:  a  b \r\nX-Empty:\r\n\r\n');
    expect(s.fields).toEqual([
      ['Host', 'app.example'],
      ['X-A', 'a  b'],
      ['X-Empty', ''],
    ]);
  });

  it('takes the route from an absolute-form authority', () => {
    const s = ok('GET http://b.example:8080/x?y HTTP/1.1\r\nHost: a.example\r\n\r\n');
    expect(s).toMatchObject({ authority: 'b.example:8080', host: 'b.example:8080', path: '/x?y' });
    expect(ok('GET https://b.example?q HTTP/1.1\r\nHost: a\r\n\r\n').path).toBe('/?q');
    expect(ok('GET http://b.example HTTP/1.0\r\n\r\n').path).toBe('/');
  });

  it('returns the end of the head, leaving a pipelined request after it', () => {
    const first = 'GET / HTTP/1.1\r\nHost: a\r\n\r\n';
    expect(ok(`${first}GET /2 HTTP/1.1\r\n`).result).toBe(first.length);
  });

  it('skips empty lines before the request line (RFC 9112 §2.2), counting them in the head', () => {
    const text = '\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n';
    expect(ok(text)).toMatchObject({ method: 'GET', result: text.length });
  });

  it('reads framing and connection fields', () => {
    expect(ok('POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 0012\r\n\r\n').contentLength).toBe(12);
    expect(ok('POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: Chunked\r\n\r\n').chunked).toBe(true);
    expect(ok('POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked  \r\n\r\n').chunked).toBe(true);
    expect(ok('GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n').keepAlive).toBe(false);
    expect(ok('GET / HTTP/1.0\r\nHost: a\r\n\r\n').keepAlive).toBe(false);
    expect(ok('GET / HTTP/1.0\r\nHost: a\r\nConnection: Keep-Alive\r\n\r\n').keepAlive).toBe(true);
  });

  it('marks fields named in Connection as hop-by-hop, but never Host or Content-Length', () => {
    const buf = Buffer.from(
      'POST / HTTP/1.1\r\nHost: a\r\nConnection: x-a, host, content-length\r\nX-A: 1\r\nContent-Length: 0\r\n\r\n',
      'latin1',
    );
    const head = new RequestHead(LIMITS);
    head.reset(buf, 0);
    expect(head.parse(buf.length)).toBe(buf.length);
    expect([0, 1, 2, 3].map((i) => head.kind(i))).toEqual([
      FieldKind.host,
      FieldKind.hopByHop,
      FieldKind.hopByHop,
      FieldKind.contentLength,
    ]);
  });
});

const REFUSED: readonly (readonly [string, string, HeadErrorCode])[] = [
  ['unknown method', 'FOO / HTTP/1.1\r\nHost: a\r\n\r\n', HeadError.unknownMethod],
  ['lower-case method', 'get / HTTP/1.1\r\nHost: a\r\n\r\n', HeadError.unknownMethod],
  ['CONNECT', 'CONNECT a.example:443 HTTP/1.1\r\nHost: a\r\n\r\n', HeadError.connect],
  ['asterisk-form', 'OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n', HeadError.asteriskForm],
  ['authority-form', 'GET a.example:443 HTTP/1.1\r\nHost: a\r\n\r\n', HeadError.badTarget],
  ['userinfo', 'GET http://u@a.example/ HTTP/1.1\r\nHost: a\r\n\r\n', HeadError.badTarget],
  ['other scheme', 'GET ftp://a.example/ HTTP/1.1\r\nHost: a\r\n\r\n', HeadError.badTarget],
  ['obs-text in the target', 'GET /caf\xe9 HTTP/1.1\r\nHost: a\r\n\r\n', HeadError.badRequestLine],
  ['NUL in the target', 'GET /a\x00 HTTP/1.1\r\nHost: a\r\n\r\n', HeadError.badRequestLine],
  ['two spaces', 'GET  / HTTP/1.1\r\nHost: a\r\n\r\n', HeadError.badRequestLine],
  ['a bare LF before the request line', '\nGET / HTTP/1.1\r\nHost: a\r\n\r\n', HeadError.badRequestLine],
  ['a bare CR before the request line', '\rGET / HTTP/1.1\r\nHost: a\r\n\r\n', HeadError.badLineEnding],
  ['HTTP/2.0', 'GET / HTTP/2.0\r\nHost: a\r\n\r\n', HeadError.unsupportedVersion],
  ['HTTP/1.2', 'GET / HTTP/1.2\r\nHost: a\r\n\r\n', HeadError.unsupportedVersion],
  ['lower-case version', 'GET / http/1.1\r\nHost: a\r\n\r\n', HeadError.badVersion],
  ['bare LF after the request line', 'GET / HTTP/1.1\nHost: a\r\n\r\n', HeadError.badLineEnding],
  ['space before the colon', 'GET / HTTP/1.1\r\nHost : a\r\n\r\n', HeadError.badFieldName],
  ['non-token name', 'GET / HTTP/1.1\r\nHost: a\r\nX(a): 1\r\n\r\n', HeadError.badFieldName],
  ['empty name', 'GET / HTTP/1.1\r\nHost: a\r\n: 1\r\n\r\n', HeadError.badFieldName],
  ['obs-fold', 'GET / HTTP/1.1\r\nHost: a\r\nX-A: 1\r\n 2\r\n\r\n', HeadError.obsFold],
  ['NUL in a value', 'GET / HTTP/1.1\r\nHost: a\r\nX-A: 1\x002\r\n\r\n', HeadError.badFieldValue],
  ['DEL in a value', 'GET / HTTP/1.1\r\nHost: a\r\nX-A: 1\x7f\r\n\r\n', HeadError.badFieldValue],
  ['bare LF after a field', 'GET / HTTP/1.1\r\nHost: a\nX-A: 1\r\n\r\n', HeadError.badLineEnding],
  ['bare CR in a value', 'GET / HTTP/1.1\r\nHost: a\rb\r\n\r\n', HeadError.badLineEnding],
  ['bare LF ending the head', 'GET / HTTP/1.1\r\nHost: a\r\n\n', HeadError.badLineEnding],
  ['no Host', 'GET / HTTP/1.1\r\n\r\n', HeadError.missingHost],
  ['no Host on HTTP/1.0', 'GET / HTTP/1.0\r\n\r\n', HeadError.missingHost],
  ['absolute-form without Host on HTTP/1.1', 'GET http://a/ HTTP/1.1\r\n\r\n', HeadError.missingHost],
  ['two Hosts', 'GET / HTTP/1.1\r\nHost: a\r\nhost: a\r\n\r\n', HeadError.duplicateHost],
  ['a Host with a space', 'GET / HTTP/1.1\r\nHost: a b\r\n\r\n', HeadError.badHost],
  ['an empty Host', 'GET / HTTP/1.1\r\nHost: \r\n\r\n', HeadError.badHost],
  ['port out of range', 'GET / HTTP/1.1\r\nHost: a:65536\r\n\r\n', HeadError.badHost],
  ['signed Content-Length', 'POST / HTTP/1.1\r\nHost: a\r\nContent-Length: +5\r\n\r\n', HeadError.badContentLength],
  ['listed Content-Length', 'POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5, 5\r\n\r\n', HeadError.badContentLength],
  ['empty Content-Length', 'POST / HTTP/1.1\r\nHost: a\r\nContent-Length:\r\n\r\n', HeadError.badContentLength],
  [
    'huge Content-Length',
    'POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 9999999999999999\r\n\r\n',
    HeadError.badContentLength,
  ],
  [
    'two equal Content-Lengths',
    'POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\n',
    HeadError.duplicateContentLength,
  ],
  [
    'Content-Length with chunked',
    'POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n',
    HeadError.contentLengthWithChunked,
  ],
  [
    'gzip, chunked',
    'POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n',
    HeadError.unsupportedTransferCoding,
  ],
  [
    'identity',
    'POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: identity\r\n\r\n',
    HeadError.unsupportedTransferCoding,
  ],
  [
    'chunked, gzip',
    'POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, gzip\r\n\r\n',
    HeadError.badTransferEncoding,
  ],
  [
    'chunked twice',
    'POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, chunked\r\n\r\n',
    HeadError.badTransferEncoding,
  ],
  [
    'chunked in two fields',
    'POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n',
    HeadError.badTransferEncoding,
  ],
  // llhttp reads a comma or HTAB after `chunked` as another coding: chunked is then not last.
  [
    'chunked then a comma',
    'POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked,\r\n\r\n',
    HeadError.badTransferEncoding,
  ],
  [
    'chunked then HTAB',
    'POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\t\r\n\r\n',
    HeadError.badTransferEncoding,
  ],
  [
    'chunked then SP HTAB',
    'POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked \t\r\n\r\n',
    HeadError.badTransferEncoding,
  ],
  [
    'chunked, then an empty Transfer-Encoding',
    'POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding:  \r\n\r\n',
    HeadError.badTransferEncoding,
  ],
  ['only commas', 'POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: , ,\r\n\r\n', HeadError.badTransferEncoding],
  [
    'chunked on HTTP/1.0',
    'POST / HTTP/1.0\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n',
    HeadError.badTransferEncoding,
  ],
  [
    'an empty Transfer-Encoding',
    'POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: \r\n\r\n',
    HeadError.badTransferEncoding,
  ],
];

describe('RequestHead: refused heads', () => {
  it.each(REFUSED)('%s', (_name, text, error) => {
    expect(allAtOnce(text)).toEqual({ result: -1, error });
  });

  it('refuses more fields than the limit', () => {
    const fields = 'X-A: 1\r\n'.repeat(LIMITS.maxFields);
    expect(allAtOnce(`GET / HTTP/1.1\r\nHost: a\r\n${fields}\r\n`).error).toBe(HeadError.tooManyFields);
  });

  it('grows its field table past the initial slots, up to the limit (a connection starts small)', () => {
    const limits: HeadLimits = { maxHeadBytes: 16_384, maxFields: 256 };
    const fields = Array.from({ length: 199 }, (_, i) => `X-F${i}: v${i}\r\n`).join('');
    const text = `GET / HTTP/1.1\r\nHost: a\r\n${fields}\r\n`;
    const parsed = allAtOnce(text, limits);
    expect(parsed.fields).toHaveLength(200);
    expect(parsed.fields?.[199]).toEqual(['X-F198', 'v198']);
    expect(byteByByte(text, limits)).toEqual(parsed);
    const tooMany = Array.from({ length: 256 }, (_, i) => `X-F${i}: v\r\n`).join('');
    expect(allAtOnce(`GET / HTTP/1.1\r\nHost: a\r\n${tooMany}\r\n`, limits).error).toBe(HeadError.tooManyFields);
  });

  it('refuses a head larger than the limit, complete or not', () => {
    const big = `GET / HTTP/1.1\r\nHost: a\r\nX-A: ${'v'.repeat(LIMITS.maxHeadBytes)}\r\n\r\n`;
    expect(allAtOnce(big).error).toBe(HeadError.headTooLarge);
    expect(allAtOnce(big.slice(0, LIMITS.maxHeadBytes + 10)).error).toBe(HeadError.headTooLarge);
  });

  it('waits for more bytes while the head is incomplete', () => {
    expect(allAtOnce('GET / HTTP/1.1\r\nHost: a\r\n')).toEqual({ result: 0, error: HeadError.none });
    expect(allAtOnce('\r\n')).toEqual({ result: 0, error: HeadError.none });
  });
});

describe('RequestHead: incremental parsing', () => {
  const inputs = [
    'GET /a?b=1 HTTP/1.1\r\nHost: app.example\r\nAccept: */*\r\nX-A:  a  b \r\n\r\n',
    'POST http://b.example/x HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n',
    '\r\nPUT / HTTP/1.0\r\nHost: a:8080\r\nContent-Length: 3\r\n\r\nabc',
    ...REFUSED.map(([, text]) => text),
  ];
  it.each(inputs.map((text) => [JSON.stringify(text).slice(0, 60), text]))(
    'byte by byte = all at once: %s',
    (_, text) => {
      expect(byteByByte(text)).toEqual(allAtOnce(text));
    },
  );

  it('keeps offsets right when the partial head is moved (rebase)', () => {
    const text = 'GET http://b.example/x HTTP/1.1\r\nHost: a\r\nX-A: 1\r\n\r\n';
    const first = Buffer.from(`junk${text.slice(0, 40)}`, 'latin1');
    const head = new RequestHead(LIMITS);
    head.reset(first, 4);
    expect(head.parse(first.length)).toBe(0);
    const moved = Buffer.from(text, 'latin1');
    head.rebase(moved, 0);
    expect(snapshot(head, head.parse(moved.length))).toEqual(allAtOnce(text));
  });
});

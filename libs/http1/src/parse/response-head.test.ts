import { describe, expect, it } from 'vitest';
import { HeadError, type HeadErrorCode } from './errors.ts';
import type { HeadLimits } from './fields.ts';
import { BodyFraming, type BodyFramingCode, ResponseHead } from './response-head.ts';

const LIMITS: HeadLimits = { maxHeadBytes: 1024, maxFields: 8 };

function snapshot(head: ResponseHead, result: number) {
  if (result <= 0) return { result, error: head.error };
  const fields: [string, string][] = [];
  for (let i = 0; i < head.fieldCount; i++) fields.push([head.name(i), head.value(i)]);
  return {
    result,
    error: head.error,
    status: head.status,
    statusLineEnd: head.statusLineEnd,
    minorVersion: head.minorVersion,
    contentLength: head.contentLength,
    chunked: head.chunked,
    reusable: head.reusable,
    framing: head.framing(false),
    headFraming: head.framing(true),
    fields,
  };
}

function allAtOnce(text: string) {
  const buf = Buffer.from(text, 'latin1');
  const head = new ResponseHead(LIMITS);
  head.reset(buf, 0);
  return snapshot(head, head.parse(buf.length));
}

function byteByByte(text: string) {
  const buf = Buffer.from(text, 'latin1');
  const head = new ResponseHead(LIMITS);
  head.reset(buf, 0);
  let result = 0;
  for (let limit = 1; limit <= buf.length && result === 0; limit++) result = head.parse(limit);
  return snapshot(head, result);
}

const ACCEPTED: readonly (readonly [string, number, BodyFramingCode, boolean])[] = [
  // text, status, framing of a GET response, reusable
  ['HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n', 200, BodyFraming.length, true],
  ['HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n', 200, BodyFraming.none, true],
  ['HTTP/1.1 200\r\n\r\n', 200, BodyFraming.close, true],
  ['HTTP/1.1 200 \r\nTransfer-Encoding: chunked\r\n\r\n', 200, BodyFraming.chunked, true],
  [
    'HTTP/1.1 404 Not \tFound caf\xe9\r\nConnection: close\r\nContent-Length: 3\r\n\r\n',
    404,
    BodyFraming.length,
    false,
  ],
  ['HTTP/1.0 200 OK\r\nContent-Length: 3\r\n\r\n', 200, BodyFraming.length, false],
  ['HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 3\r\n\r\n', 200, BodyFraming.length, true],
  ['HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n', 204, BodyFraming.none, true],
  ['HTTP/1.1 304 Not Modified\r\nContent-Length: 1234\r\n\r\n', 304, BodyFraming.none, true],
  ['HTTP/1.1 100 Continue\r\n\r\n', 100, BodyFraming.none, true],
  ['HTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\n\r\n', 103, BodyFraming.none, true],
  ['HTTP/1.1 999 Odd\r\n\r\n', 999, BodyFraming.close, true],
];

describe('ResponseHead: accepted heads', () => {
  it.each(ACCEPTED)('%j', (text, status, framing, reusable) => {
    const s = allAtOnce(text);
    expect(s).toMatchObject({ result: text.length, error: HeadError.none, status, framing, reusable });
    expect(s.headFraming).toBe(BodyFraming.none);
  });

  it('ends the status line where the fields start', () => {
    expect(allAtOnce('HTTP/1.1 200 OK\r\nX-A: 1\r\n\r\n')).toMatchObject({ statusLineEnd: 17, fields: [['X-A', '1']] });
  });
});

const REFUSED: readonly (readonly [string, string, HeadErrorCode])[] = [
  ['HTTP/2', 'HTTP/2 200 OK\r\n\r\n', HeadError.badStatusLine],
  ['HTTP/1.2', 'HTTP/1.2 200 OK\r\n\r\n', HeadError.badStatusLine],
  ['lower-case version', 'http/1.1 200 OK\r\n\r\n', HeadError.badStatusLine],
  ['two-digit status', 'HTTP/1.1 20 OK\r\n\r\n', HeadError.badStatusLine],
  ['four-digit status', 'HTTP/1.1 2000 OK\r\n\r\n', HeadError.badStatusLine],
  ['status below 100', 'HTTP/1.1 099 OK\r\n\r\n', HeadError.badStatusLine],
  ['control byte in the reason', 'HTTP/1.1 200 O\x01K\r\n\r\n', HeadError.badStatusLine],
  ['bare LF after the status line', 'HTTP/1.1 200 OK\n\r\n', HeadError.badLineEnding],
  ['space before a colon', 'HTTP/1.1 200 OK\r\nContent-Length : 1\r\n\r\n', HeadError.badFieldName],
  ['obs-fold', 'HTTP/1.1 200 OK\r\nX-A: 1\r\n\t2\r\n\r\n', HeadError.obsFold],
  ['NUL in a value', 'HTTP/1.1 200 OK\r\nX-A: \x00\r\n\r\n', HeadError.badFieldValue],
  [
    'Content-Length with chunked',
    'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: 1\r\n\r\n',
    HeadError.contentLengthWithChunked,
  ],
  [
    'two Content-Lengths',
    'HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n',
    HeadError.duplicateContentLength,
  ],
  ['signed Content-Length', 'HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n', HeadError.badContentLength],
  ['gzip', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n', HeadError.unsupportedTransferCoding],
  ['chunked, gzip', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, gzip\r\n\r\n', HeadError.badTransferEncoding],
  ['chunked then HTAB', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\t\r\n\r\n', HeadError.badTransferEncoding],
  ['204 with chunked', 'HTTP/1.1 204 No Content\r\nTransfer-Encoding: chunked\r\n\r\n', HeadError.badTransferEncoding],
  ['204 with a length', 'HTTP/1.1 204 No Content\r\nContent-Length: 3\r\n\r\n', HeadError.badTransferEncoding],
  // llhttp takes an HTTP/1.0 interim response, or one saying close, as the connection's last message.
  ['1xx from HTTP/1.0', 'HTTP/1.0 100 Continue\r\n\r\n', HeadError.badInterimResponse],
  ['1xx with Connection: close', 'HTTP/1.1 103 Early Hints\r\nConnection: close\r\n\r\n', HeadError.badInterimResponse],
  ['1xx with a length', 'HTTP/1.1 100 Continue\r\nContent-Length: 5\r\n\r\n', HeadError.badInterimResponse],
  ['1xx with chunked', 'HTTP/1.1 100 Continue\r\nTransfer-Encoding: chunked\r\n\r\n', HeadError.badInterimResponse],
];

describe('ResponseHead: refused heads', () => {
  it.each(REFUSED)('%s', (_name, text, error) => {
    expect(allAtOnce(text)).toEqual({ result: -1, error });
  });

  it('waits for more bytes while the head is incomplete', () => {
    expect(allAtOnce('HTTP/1.1 200 OK\r\nX-A: 1\r\n')).toEqual({ result: 0, error: HeadError.none });
    expect(allAtOnce('HTTP/1.1 2')).toEqual({ result: 0, error: HeadError.none });
  });
});

describe('ResponseHead: incremental parsing', () => {
  const inputs = [...ACCEPTED.map(([text]) => text), ...REFUSED.map(([, text]) => text)];
  it.each(inputs.map((text) => [JSON.stringify(text).slice(0, 60), text]))(
    'byte by byte = all at once: %s',
    (_, text) => {
      expect(byteByByte(text)).toEqual(allAtOnce(text));
    },
  );
});

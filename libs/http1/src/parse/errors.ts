/**
 * Why a head was refused. Parsers return `ParseResult.error` and leave one of these in the head's
 * `error`; the connection maps it to a status (400, 405, 431, 501, 505 for requests; 502 for
 * upstream responses). Small integers so a head carries one without allocating.
 */
export const HeadError = {
  none: 0,
  badRequestLine: 1,
  unknownMethod: 2,
  connect: 3,
  badTarget: 4,
  asteriskForm: 5,
  badVersion: 6,
  unsupportedVersion: 7,
  badFieldName: 8,
  badFieldValue: 9,
  obsFold: 10,
  badLineEnding: 11,
  headTooLarge: 12,
  tooManyFields: 13,
  badContentLength: 14,
  duplicateContentLength: 15,
  contentLengthWithChunked: 16,
  badTransferEncoding: 17,
  unsupportedTransferCoding: 18,
  missingHost: 19,
  duplicateHost: 20,
  badHost: 21,
  badStatusLine: 22,
  badChunk: 23,
  badInterimResponse: 24,
} as const;

export type HeadErrorCode = (typeof HeadError)[keyof typeof HeadError];

/** For logs and tests: what each code means. */
export const HEAD_ERROR_REASONS: Readonly<Record<HeadErrorCode, string>> = {
  0: 'no error',
  1: 'malformed request line',
  2: 'unknown method',
  3: 'CONNECT is not supported',
  4: 'the request target must be a path or an absolute http(s) URL',
  5: 'asterisk-form targets are not supported',
  6: 'malformed HTTP version',
  7: 'only HTTP/1.0 and HTTP/1.1 are spoken here',
  8: 'invalid header field name',
  9: 'invalid character in a header field value',
  10: 'obsolete line folding',
  11: 'bare CR or LF',
  12: 'header section too large',
  13: 'too many header fields',
  14: 'invalid Content-Length',
  15: 'more than one Content-Length',
  16: 'Content-Length together with Transfer-Encoding',
  17: 'Transfer-Encoding must end in chunked, once',
  18: 'unsupported transfer coding',
  19: 'missing Host',
  20: 'more than one Host',
  21: 'invalid Host',
  22: 'malformed status line',
  23: 'invalid chunked framing',
  24: 'an interim (1xx) response from HTTP/1.0, with framing fields, or closing the connection',
};

/** What a parse call returns, besides a complete head's length (a positive number). */
export const ParseResult = {
  /** The head is not complete yet: call again with more bytes. */
  needMore: 0,
  /** The head is refused; its `error` says why. */
  error: -1,
} as const;

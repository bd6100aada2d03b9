import { caseSeed, Random } from './random.ts';

/**
 * Seeded generators of request and response byte streams for the differential tests: mostly
 * well-formed messages with, now and then, the hostile variations a request smuggler or a broken
 * upstream produces (obs-fold, bare CR/LF, whitespace before a colon, odd Content-Length and
 * Transfer-Encoding, bad chunk framing, control bytes, odd targets and versions, pipelining, huge
 * heads). Every case is a function of (seed, index) alone.
 */

export interface RequestCase {
  readonly index: number;
  /** The bytes a client sends on one connection (one message or several pipelined). */
  readonly bytes: Buffer;
}

export interface ResponseCase {
  readonly index: number;
  /** The method of the request the response answers (HEAD responses have no body). */
  readonly method: 'GET' | 'HEAD';
  /** The bytes the upstream sends, after which it closes the connection. */
  readonly bytes: Buffer;
}

export function requestCase(seed: number, index: number): RequestCase {
  const r = new Random(caseSeed(seed, index));
  let s = '';
  if (r.chance(0.03)) s += r.pick(['\r\n', '\r\n\r\n', '\n', ' ']);
  const messages = r.weighted([
    [80, 1],
    [12, 2],
    [8, 3],
  ]);
  for (let i = 0; i < messages; i++) s += requestMessage(r);
  return { index, bytes: mutate(r, Buffer.from(s, 'latin1')) };
}

export function responseCase(seed: number, index: number): ResponseCase {
  const r = new Random(caseSeed(seed ^ 0x5bd1e995, index));
  const method = r.chance(0.1) ? 'HEAD' : 'GET';
  let s = '';
  if (r.chance(0.12)) {
    const n = r.range(1, 2);
    for (let i = 0; i < n; i++) s += interimResponse(r);
  }
  s += finalResponse(r, method === 'HEAD');
  return { index, method, bytes: mutate(r, Buffer.from(s, 'latin1')) };
}

// --- pieces ---------------------------------------------------------------------------------

const HOSTILE_BYTES = '\x00\x01\x08\x0b\x0c\x1f\x7f\r\n\t \x80\xff:;,"@#\\';
const TOKEN_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-.^_`|~";
const VALUE_CHARS = 'abcdefghijklmnopqrstuvwxyz ABCDEFGHIJ0123456789-_.,;=/"()<>?@[]{}\\!*%+~:';

function eol(r: Random): string {
  return r.chance(0.01) ? r.pick(['\n', '\r', '\r\r\n', '\n\r', '\r\n\r']) : '\r\n';
}

function method(r: Random): string {
  return r.weighted([
    [60, 'GET'],
    [15, 'POST'],
    [4, 'PUT'],
    [3, 'HEAD'],
    [2, 'DELETE'],
    [2, 'OPTIONS'],
    [2, 'PATCH'],
    [1, r.pick(['TRACE', 'PROPFIND', 'M-SEARCH', 'QUERY', 'PURGE', 'MKCALENDAR', 'SOURCE', 'LINK', 'REPORT'])],
    [1, 'CONNECT'],
    [1, 'PRI'],
    [2, r.pick(['get', 'Get', 'FOO', 'BREW', 'GETS', 'G', 'POSTX', 'DESCRIBE', 'PAUSE', 'SETUP', 'TEARDOWN'])],
    [1, r.pick(['GE\x00T', 'GET\t', 'G(T', 'GET/', 'GÉT', '', 'GET GET'])],
    [1, r.string(TOKEN_CHARS, r.range(1, 20))],
  ]);
}

function target(r: Random): string {
  const path = () =>
    r.pick(['/', '/index.html', '/a/b/c', '/search?q=x&y=1', '/%20x', '/~user/', '/a;b=c', '/?', '/a?b?c']);
  return r.weighted([
    [70, path()],
    [5, `/${r.string("abcdefghijklmnopqrstuvwxyz0123456789-._~%!$&'()*+,;=:@/?", r.range(1, 60))}`],
    [4, `http://${host(r)}${r.pick(['', '/', '/x?y=1', '?q'])}`],
    [2, `${r.pick(['https://', 'HTTP://', 'ftp://', 'http:/', 'http:///', 'ws://'])}${host(r)}/p`],
    [1, r.pick(['http://user@example.com/', 'http://user:pw@example.com/', 'http://example.com/#frag', '/a#b'])],
    [2, '*'],
    [1, r.pick(['example.com:443', 'example.com', '//evil.example/x', 'x', '%2F', ''])],
    [3, `/${r.pick(['a', 'b'])}${r.pick(HOSTILE_BYTES.split(''))}${r.pick(['', 'z'])}`],
    [1, `/${r.string('\x80\xa0\xc3\xa9\xff', r.range(1, 4))}`],
    [1, `/${'a'.repeat(r.range(2000, 9000))}`],
  ]);
}

function version(r: Random): string {
  return r.weighted([
    [85, 'HTTP/1.1'],
    [8, 'HTTP/1.0'],
    [1, r.pick(['HTTP/2.0', 'HTTP/0.9', 'HTTP/1.2', 'HTTP/3.0', 'HTTP/1.9', 'HTTP/9.9'])],
    [
      1,
      r.pick([
        'http/1.1',
        'HTTP/11',
        'HTTP/1.10',
        'HTTP/ 1.1',
        'HTTP/1.1 ',
        'HTTP/1',
        'HTTPS/1.1',
        'HTTP/1.a',
        'HTTP/01.1',
        'HTTP/1.1\x00',
      ]),
    ],
  ]);
}

function host(r: Random): string {
  return r.weighted([
    [70, r.pick(['example.com', 'app-7.onswitchyard.app', 'www.customer-3.com', 'a_b.example'])],
    [
      10,
      r.pick(['example.com:8080', '127.0.0.1', '127.0.0.1:3000', '[::1]', '[::1]:80', 'EXAMPLE.COM', 'example.com.']),
    ],
    [
      5,
      r.pick(['', ' ', 'a b', 'ex@mple.com', 'example.com:99999', 'example.com:', 'example.com:0', 'example.com:8o']),
    ],
    [3, r.pick(['[::1', '::1', 'exa/mple.com', 'example.com, other.com', 'x'.repeat(300), 'ex\x01ample.com'])],
  ]);
}

/** A field line as it appears on the wire, from name and value, now and then malformed. */
function fieldLine(r: Random, name: string, value: string): string {
  const sep = r.weighted([
    [85, ': '],
    [8, ':'],
    [2, ':\t'],
    [2, ':   '],
    [1, ' : '],
    [1, r.pick(['\t:', ' :', '\x00:', ': \x00'])],
  ]);
  const trail = r.chance(0.04) ? r.pick([' ', '\t', '  ', ' \t']) : '';
  let line = name + sep + value + trail + eol(r);
  if (r.chance(0.01)) line += `${r.pick([' ', '\t', '  '])}${r.pick(['folded', 'x', ''])}${eol(r)}`;
  return line;
}

const COMMON_FIELDS: readonly (readonly [string, () => string])[] = [
  ['User-Agent', () => 'curl/8.5.0'],
  ['Accept', () => '*/*'],
  ['Accept-Encoding', () => 'gzip, deflate, br'],
  ['Accept-Language', () => 'en-US,en;q=0.9'],
  ['Cookie', () => 'a=1; b=2'],
  ['X-Forwarded-For', () => '10.0.0.1, 10.0.0.2'],
  ['X-Request-Id', () => 'abc-123'],
  ['Cache-Control', () => 'no-cache'],
  ['Referer', () => 'https://example.com/x'],
  ['Authorization', () => 'Bearer abc.def.ghi'],
  ['If-None-Match', () => '"etag-1", W/"etag-2"'],
  ['Te', () => 'trailers'],
  ['Upgrade-Insecure-Requests', () => '1'],
  ['Sec-Fetch-Mode', () => 'navigate'],
  ['Keep-Alive', () => 'timeout=5'],
];

function otherFields(r: Random): string[] {
  const lines: string[] = [];
  const n = r.weighted([
    [40, 0],
    [40, r.range(1, 5)],
    [15, r.range(6, 20)],
    [3, r.range(40, 130)],
  ]);
  for (let i = 0; i < n; i++) {
    const [name, value] = r.pick(COMMON_FIELDS);
    lines.push(fieldLine(r, name, value()));
  }
  if (r.chance(0.1)) {
    // A field with a random token name, and now and then a name or value with hostile bytes.
    lines.push(fieldLine(r, r.string(TOKEN_CHARS, r.range(1, 30)), r.string(VALUE_CHARS, r.range(0, 80))));
  }
  if (r.chance(0.06)) {
    const name = r.pick(['X-Bad Name', 'X-Bad\x00', 'X(Bad)', 'X-Bad/', '', 'X-Bad\x7f', 'Ünicode', 'X-"q"', 'X-A\tB']);
    lines.push(fieldLine(r, name, 'v'));
  }
  if (r.chance(0.06)) {
    const c = r.pick(HOSTILE_BYTES.split(''));
    lines.push(fieldLine(r, 'X-Value', `a${c}b`));
  }
  if (r.chance(0.02)) lines.push(fieldLine(r, 'X-Empty', ''));
  if (r.chance(0.02)) lines.push(fieldLine(r, 'X-Obs-Text', 'caf\xe9 \x80\xff'));
  if (r.chance(0.015)) lines.push(fieldLine(r, 'X-Long', 'v'.repeat(r.range(4000, 20000))));
  return lines;
}

function contentLengthValue(r: Random, n: number): string {
  return r.weighted([
    [85, String(n)],
    [2, `0${n}`],
    [2, `+${n}`],
    [1, `-${n}`],
    [2, `${n}, ${n}`],
    [1, `${n},${n + 1}`],
    [1, `${n} ${n}`],
    [1, ''],
    [1, r.pick(['0x10', '1e2', '1.0', 'abc'])],
    [
      1,
      r.pick([
        '99999999999999999999',
        '18446744073709551616',
        '9007199254740993',
        '999999999999999',
        '1000000000000000',
      ]),
    ],
  ]);
}

function transferEncodingValue(r: Random): string {
  return r.weighted([
    [70, 'chunked'],
    [4, r.pick(['Chunked', 'CHUNKED', 'cHuNkEd'])],
    [4, 'gzip, chunked'],
    [3, 'chunked, gzip'],
    [2, r.pick(['gzip', 'identity', 'deflate', 'compress'])],
    [2, 'chunked, chunked'],
    [2, r.pick(['chunked ', ' chunked', 'chunked,', ',chunked', 'gzip,chunked', 'gzip ,chunked', 'gzip, , chunked'])],
    [
      1,
      r.pick(['chunk', 'chunkedx', 'xchunked', 'chunked;q=1', '"chunked"', 'chun ked', 'chunked\x00', 'chunked\x0b']),
    ],
  ]);
}

interface Framing {
  lines: string[];
  body: string;
}

/** Framing fields and the body that goes with them. */
function framing(r: Random, wantsBody: boolean, isResponse: boolean): Framing {
  const kind = r.weighted([
    [wantsBody ? 10 : 65, 'none'],
    [wantsBody ? 50 : 20, 'length'],
    [wantsBody ? 30 : 10, 'chunked'],
    [4, 'both'],
    [3, 'two-lengths'],
    [2, 'two-te'],
  ]);
  const lines: string[] = [];
  let body = '';
  const data = (n: number) => (n <= 64 ? randomBody(r, n) : 'b'.repeat(n));
  switch (kind) {
    case 'none':
      if (isResponse && r.chance(0.5)) body = data(r.range(0, 40));
      break;
    case 'length': {
      const n = r.weighted([
        [60, r.range(0, 40)],
        [8, r.range(100, 5000)],
        [1, 0],
      ]);
      lines.push(
        fieldLine(r, r.pick(['Content-Length', 'content-length', 'CONTENT-LENGTH']), contentLengthValue(r, n)),
      );
      const actual = r.chance(0.05) ? Math.max(0, n + r.range(-3, 3)) : n;
      body = data(actual);
      break;
    }
    case 'chunked':
      lines.push(fieldLine(r, r.pick(['Transfer-Encoding', 'transfer-encoding']), transferEncodingValue(r)));
      body = chunkedBody(r);
      break;
    case 'both': {
      const first = r.chance(0.5);
      const cl = fieldLine(r, 'Content-Length', String(r.range(0, 30)));
      const te = fieldLine(r, 'Transfer-Encoding', transferEncodingValue(r));
      lines.push(first ? cl : te, first ? te : cl);
      body = chunkedBody(r);
      break;
    }
    case 'two-lengths': {
      const n = r.range(0, 30);
      lines.push(fieldLine(r, 'Content-Length', String(n)));
      lines.push(fieldLine(r, 'Content-Length', String(r.chance(0.6) ? n : n + 1)));
      body = data(n);
      break;
    }
    case 'two-te':
      lines.push(fieldLine(r, 'Transfer-Encoding', r.pick(['gzip', 'chunked', 'identity', '', ','])));
      lines.push(fieldLine(r, 'Transfer-Encoding', r.pick(['chunked', 'gzip', 'chunked, chunked', '', ' ', ','])));
      body = chunkedBody(r);
      break;
  }
  return { lines, body };
}

function randomBody(r: Random, n: number): string {
  // Mostly printable; now and then CRLF and bytes that look like the start of another message.
  return r.chance(0.2)
    ? r.string('abc\r\n\x00\xff GET/HTTP1.:', n)
    : r.string('abcdefghijklmnopqrstuvwxyz0123456789', n);
}

function chunkSize(r: Random, n: number): string {
  const hex = n.toString(16);
  return r.weighted([
    [80, hex],
    [5, hex.toUpperCase()],
    [4, `000${hex}`],
    [1, `-${hex}`],
    [1, `+${hex}`],
    [1, `0x${hex}`],
    [1, ` ${hex}`],
    [1, `${hex} `],
    [1, `${hex}\t`],
    [
      1,
      r.pick([
        'ffffffffffffffffffff',
        '10000000000000000',
        '7fffffffffffffff',
        'fffffffffffff',
        '00000000000000000001',
      ]),
    ],
  ]);
}

function chunkExtension(r: Random): string {
  return r.weighted([
    [88, ''],
    [6, r.pick([';a', ';a=b', ';name=value', ';a="quoted value"', ';a=b;c=d', ';a="q\\"e"', ';a="x;y"'])],
    [2, r.pick([' ;a=b', '; a=b', ';a =b', ';a= b', '\t;a'])],
    [
      4,
      r.pick([
        ';',
        ';=b',
        ';a=',
        ';a="unterminated',
        ';a=\x00',
        ';a b',
        ';a=b c',
        ';a="\x01"',
        ';\x7f',
        ';a=b\n',
        ';a="\r"',
      ]),
    ],
  ]);
}

function chunkedBody(r: Random): string {
  let s = '';
  const chunks = r.weighted([
    [20, 0],
    [50, r.range(1, 3)],
    [10, r.range(4, 12)],
  ]);
  for (let i = 0; i < chunks; i++) {
    const n = r.weighted([
      [80, r.range(1, 40)],
      [10, r.range(100, 4000)],
    ]);
    s += chunkSize(r, n) + chunkExtension(r) + eol(r);
    const actual = r.chance(0.03) ? Math.max(0, n + r.range(-2, 2)) : n;
    s += r.string('abcdefghijklmnopqrstuvwxyz0123456789\r\n', actual);
    s += r.weighted([
      [97, '\r\n'],
      [1, ''],
      [1, '\n'],
      [1, r.pick(['\r', 'x\r\n', '\r\r\n'])],
    ]);
  }
  if (r.chance(0.04)) return s; // no last chunk: the body never ends
  s += r.weighted([
    [90, '0'],
    [5, '000'],
    [3, r.pick(['0;a=b', '0;a="x"', '0;'])],
    [2, r.pick(['0 ', '-0', '+0', '00000000000000000000'])],
  ]);
  s += eol(r);
  if (r.chance(0.08)) {
    s += r.weighted([
      [5, 'X-Trailer: value\r\n'],
      [2, 'Expires: never\r\nX-T: 1\r\n'],
      [1, r.pick(['X Bad: v\r\n', 'X-T:\x00\r\n', 'X-T: a\r\n b\r\n', ': v\r\n', 'X-T v\r\n', 'X-T: v\n'])],
    ]);
  }
  s += r.weighted([
    [95, '\r\n'],
    [2, ''],
    [2, '\n'],
    [1, r.pick(['\r', 'x\r\n'])],
  ]);
  return s;
}

function requestMessage(r: Random): string {
  const m = method(r);
  const sp1 = r.chance(0.02) ? r.pick(['  ', '\t', '\x00']) : ' ';
  const sp2 = r.chance(0.02) ? r.pick(['  ', '\t', '\x0b']) : ' ';
  let head = m + sp1 + target(r) + sp2 + version(r) + eol(r);
  const lines: string[] = [];
  const hostCount = r.weighted([
    [92, 1],
    [4, 0],
    [4, 2],
  ]);
  for (let i = 0; i < hostCount; i++) lines.push(fieldLine(r, r.pick(['Host', 'Host', 'host', 'HOST']), host(r)));
  lines.push(...otherFields(r));
  const f = framing(r, m === 'POST' || m === 'PUT' || m === 'PATCH', false);
  lines.push(...f.lines);
  const connection = [
    'keep-alive',
    'close',
    'Close',
    'TE',
    'x-a, keep-alive',
    'close, x-b',
    'keep-alive, close',
    'closed',
  ];
  if (r.chance(0.08)) lines.push(fieldLine(r, 'Connection', r.pick(connection)));
  if (r.chance(0.01)) lines.push(fieldLine(r, 'Connection', r.pick(connection)));
  if (r.chance(0.03)) lines.push(fieldLine(r, 'Expect', '100-continue'));
  shuffle(r, lines);
  head += lines.join('');
  head += r.chance(0.01) ? r.pick(['\n', '\r', ' \r\n']) : '\r\n';
  return head + f.body;
}

function statusLine(r: Random, status: number, reason: string): string {
  const v = r.weighted([
    [90, 'HTTP/1.1'],
    [7, 'HTTP/1.0'],
    [1, r.pick(['HTTP/2', 'HTTP/2.0', 'HTTP/1.2', 'HTTP/0.9'])],
    [1, r.pick(['http/1.1', 'HTTP/1.1 ', 'HTTP/11', 'HTTP/1.x', 'HTTP 1.1', 'ICY'])],
  ]);
  const code = r.weighted([
    [95, String(status)],
    [1, r.pick(['20', '2000', '0200', '2x0', '099', '000', '600', '999'])],
  ]);
  const sep = r.chance(0.02) ? r.pick(['  ', '\t', '']) : ' ';
  const rs = r.weighted([
    [85, ` ${reason}`],
    [5, ''],
    [3, ' '],
    [2, ` ${reason} \t`],
    [2, ` caf\xe9`],
    [1, ` O${r.pick(HOSTILE_BYTES.split(''))}K`],
  ]);
  return v + sep + code + rs + eol(r);
}

function interimResponse(r: Random): string {
  const status = r.pick([100, 100, 102, 103]);
  let s = statusLine(r, status, status === 103 ? 'Early Hints' : 'Continue');
  if (status === 103) s += fieldLine(r, 'Link', '</style.css>; rel=preload; as=style');
  if (r.chance(0.1)) s += fieldLine(r, 'Content-Length', r.pick(['0', '5']));
  if (r.chance(0.05)) s += fieldLine(r, 'Transfer-Encoding', 'chunked');
  return `${s}\r\n`;
}

function finalResponse(r: Random, isHead: boolean): string {
  const [status, reason] = r.weighted<readonly [number, string]>([
    [60, [200, 'OK']],
    [4, [201, 'Created']],
    [6, [204, 'No Content']],
    [2, [206, 'Partial Content']],
    [4, [301, 'Moved Permanently']],
    [6, [304, 'Not Modified']],
    [6, [404, 'Not Found']],
    [4, [500, 'Internal Server Error']],
    [2, [502, 'Bad Gateway']],
    [1, [r.pick([199, 299, 418, 599, 999, 600]), 'Odd']],
  ]);
  let s = statusLine(r, status, reason);
  const lines: string[] = [];
  if (r.chance(0.7)) lines.push(fieldLine(r, 'Date', 'Thu, 03 Dec 2026 10:00:00 GMT'));
  if (r.chance(0.5)) lines.push(fieldLine(r, 'Content-Type', 'text/plain; charset=utf-8'));
  if (r.chance(0.2)) lines.push(fieldLine(r, 'Set-Cookie', 'a=1; Path=/; HttpOnly'));
  if (r.chance(0.1)) lines.push(fieldLine(r, 'Connection', r.pick(['keep-alive', 'close', 'x-a'])));
  if (r.chance(0.3)) {
    for (const line of otherFields(r)) lines.push(line);
  }
  const f = framing(r, !isHead && status !== 204 && status !== 304, true);
  lines.push(...f.lines);
  shuffle(r, lines);
  s += lines.join('');
  s += r.chance(0.01) ? r.pick(['\n', '\r', ' \r\n']) : '\r\n';
  return s + f.body;
}

function shuffle<T>(r: Random, items: T[]): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = r.int(i + 1);
    const t = items[i] as T;
    items[i] = items[j] as T;
    items[j] = t;
  }
}

/** Now and then: one byte of the message replaced, inserted or removed. */
function mutate(r: Random, bytes: Buffer): Buffer {
  if (bytes.length === 0 || !r.chance(0.06)) return bytes;
  const end = Math.min(bytes.length, 400);
  const at = r.int(end);
  const byte = r.chance(0.7) ? HOSTILE_BYTES.charCodeAt(r.int(HOSTILE_BYTES.length)) : r.int(256);
  switch (r.int(3)) {
    case 0: {
      const copy = Buffer.from(bytes);
      copy[at] = byte;
      return copy;
    }
    case 1:
      return Buffer.concat([bytes.subarray(0, at), Buffer.from([byte]), bytes.subarray(at)]);
    default:
      return Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + 1)]);
  }
}

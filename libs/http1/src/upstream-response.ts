import { FieldKind } from './parse/fields.ts';
import type { ResponseHead } from './parse/response-head.ts';

const CHUNKED = 'transfer-encoding: chunked\r\n';
const CLOSE = 'connection: close\r\n';
const STS = 'strict-transport-security: ';

/**
 * The response head for the client: the upstream's bytes as they are when nothing has to change;
 * otherwise copied without its hop-by-hop field lines (Connection, Keep-Alive, Transfer-Encoding,
 * those named in Connection, …), as HTTP/1.1, with `transfer-encoding: chunked` when the chunked
 * body is passed through and `connection: close` when the client connection ends after it. With
 * `hsts`, the edge's Strict-Transport-Security replaces the upstream's.
 */
export function clientResponseHead(head: ResponseHead, chunked: boolean, close: boolean, hsts = ''): Buffer {
  const src = head.buf;
  let dropped = false;
  for (let i = 0; i < head.fieldCount; i++) {
    if (head.kind(i) === FieldKind.hopByHop) {
      dropped = true;
      break;
    }
  }
  if (!dropped && !chunked && !close && hsts === '' && head.minorVersion === 1) {
    return src.subarray(head.start, head.end);
  }

  const sts = hsts === '' ? '' : `${STS}${hsts}\r\n`;
  const out = Buffer.allocUnsafe(head.end - head.start + CHUNKED.length + CLOSE.length + sts.length);
  let n = out.write('HTTP/1.1', 0, 'latin1');
  n += src.copy(out, n, head.start + 8, head.statusLineEnd);
  n = head.copyLines(
    out,
    n,
    (i) => head.kind(i) !== FieldKind.hopByHop && (sts === '' || !head.nameIs(i, 'strict-transport-security')),
  );
  n += out.write(sts, n, 'latin1');
  if (chunked) n += out.write(CHUNKED, n, 'latin1');
  if (close) n += out.write(CLOSE, n, 'latin1');
  out[n++] = 0x0d;
  out[n++] = 0x0a;
  return out.subarray(0, n);
}

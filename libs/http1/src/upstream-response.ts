import { FieldKind } from './parse/fields.ts';
import type { ResponseHead } from './parse/response-head.ts';

const CHUNKED = 'transfer-encoding: chunked\r\n';
const CLOSE = 'connection: close\r\n';

/**
 * The response head for the client: the upstream's bytes as they are when nothing has to change;
 * otherwise copied without its hop-by-hop field lines (Connection, Keep-Alive, Transfer-Encoding,
 * those named in Connection, …), as HTTP/1.1, with `transfer-encoding: chunked` when the chunked
 * body is passed through and `connection: close` when the client connection ends after it.
 */
export function clientResponseHead(head: ResponseHead, chunked: boolean, close: boolean): Buffer {
  const src = head.buf;
  let dropped = false;
  for (let i = 0; i < head.fieldCount; i++) {
    if (head.kind(i) === FieldKind.hopByHop) {
      dropped = true;
      break;
    }
  }
  if (!dropped && !chunked && !close && head.minorVersion === 1) return src.subarray(head.start, head.end);

  const out = Buffer.allocUnsafe(head.end - head.start + CHUNKED.length + CLOSE.length);
  let n = out.write('HTTP/1.1', 0, 'latin1');
  n += src.copy(out, n, head.start + 8, head.statusLineEnd);
  n = head.copyLines(out, n, (i) => head.kind(i) !== FieldKind.hopByHop);
  if (chunked) n += out.write(CHUNKED, n, 'latin1');
  if (close) n += out.write(CLOSE, n, 'latin1');
  out[n++] = 0x0d;
  out[n++] = 0x0a;
  return out.subarray(0, n);
}

import { FieldKind } from '../parse/fields.ts';
import type { ResponseHead } from '../parse/response-head.ts';
import type { HpackEncoder } from './hpack-encoder.ts';

/**
 * An upstream's HTTP/1.1 response head as an HTTP/2 header block: `:status`, then its fields with
 * hop-by-hop ones (Connection, Keep-Alive, Transfer-Encoding, Upgrade, Proxy-*, TE, Trailer and
 * those named in Connection — RFC 9113 §8.2.2's connection-specific fields among them) left out,
 * names lower-cased (§8.2). With `hsts`, the edge's Strict-Transport-Security replaces the upstream's.
 * Also for 1xx interim responses (103 Early Hints).
 */
export function encodeResponseHead(enc: HpackEncoder, head: ResponseHead, hsts: string): void {
  enc.reset();
  enc.status(head.status);
  for (let i = 0; i < head.fieldCount; i++) {
    if (head.kind(i) === FieldKind.hopByHop) continue;
    const name = head.name(i).toLowerCase();
    if (hsts !== '' && name === 'strict-transport-security') continue;
    enc.field(name, head.value(i));
  }
  if (hsts !== '') enc.field('strict-transport-security', hsts);
}

/**
 * An application's response fields (flat `[name, value, …]`): names lower-cased, connection-specific
 * fields dropped, a `date` added unless the application sent one, Strict-Transport-Security with `hsts`.
 */
export function encodeApplicationFields(
  enc: HpackEncoder,
  status: number,
  headers: readonly string[],
  date: string,
  hsts: string,
): void {
  enc.reset();
  enc.status(status);
  let dated = false;
  for (let i = 0; i < headers.length; i += 2) {
    const name = (headers[i] as string).toLowerCase();
    if (isConnectionSpecific(name)) continue;
    if (name === 'date') dated = true;
    enc.field(name, headers[i + 1] as string);
  }
  if (!dated) enc.field('date', date);
  if (hsts !== '') enc.field('strict-transport-security', hsts);
}

/** Connection-specific fields (RFC 9113 §8.2.2): never sent over HTTP/2. */
export function isConnectionSpecific(name: string): boolean {
  switch (name) {
    case 'connection':
    case 'keep-alive':
    case 'proxy-connection':
    case 'transfer-encoding':
    case 'upgrade':
      return true;
    default:
      return false;
  }
}

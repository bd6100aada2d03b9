import { FieldKind } from '../parse/fields.ts';
import type { ResponseHead } from '../parse/response-head.ts';

/**
 * An upstream's HTTP/1.1 response head as an HTTP/2 field list (flat, `:status` first), for
 * `ServerHttp2Stream.respond`: hop-by-hop fields (Connection, Keep-Alive, Transfer-Encoding,
 * Upgrade, Proxy-*, TE, Trailer and those named in Connection — RFC 9113 §8.2.2's
 * connection-specific fields among them) are left out; names lower-cased (§8.2). With `hsts`, the
 * edge's Strict-Transport-Security replaces the upstream's.
 */
export function h2ResponseFields(head: ResponseHead, hsts: string): string[] {
  const out = [':status', String(head.status)];
  for (let i = 0; i < head.fieldCount; i++) {
    if (head.kind(i) === FieldKind.hopByHop) continue;
    const name = head.name(i).toLowerCase();
    if (hsts !== '' && name === 'strict-transport-security') continue;
    out.push(name, head.value(i));
  }
  if (hsts !== '') out.push('strict-transport-security', hsts);
  return out;
}

/** The same, as the object `additionalHeaders` takes (1xx interim responses): repeated names become arrays. */
export function h2InterimFields(head: ResponseHead): Record<string, string | string[] | number> {
  const out: Record<string, string | string[] | number> = { ':status': head.status };
  for (let i = 0; i < head.fieldCount; i++) {
    if (head.kind(i) === FieldKind.hopByHop) continue;
    const name = head.name(i).toLowerCase();
    const value = head.value(i);
    const seen = out[name];
    if (seen === undefined) out[name] = value;
    else if (Array.isArray(seen)) seen.push(value);
    else out[name] = [String(seen), value];
  }
  return out;
}

/**
 * An application's response fields (flat `[name, value, …]`) for HTTP/2: `:status` first, names
 * lower-cased, connection-specific fields dropped (node:http2 refuses them), a `date` added unless
 * the application sent one (a response relayed from elsewhere), Strict-Transport-Security with `hsts`.
 */
export function h2ApplicationFields(status: number, headers: readonly string[], date: string, hsts: string): string[] {
  const out = [':status', String(status)];
  let dated = false;
  for (let i = 0; i < headers.length; i += 2) {
    const name = (headers[i] as string).toLowerCase();
    if (isConnectionSpecific(name)) continue;
    if (name === 'date') dated = true;
    out.push(name, headers[i + 1] as string);
  }
  if (!dated) out.push('date', date);
  if (hsts !== '') out.push('strict-transport-security', hsts);
  return out;
}

function isConnectionSpecific(name: string): boolean {
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

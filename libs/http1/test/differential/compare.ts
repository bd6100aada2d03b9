import type { HeadErrorCode } from '../../src/parse/errors.ts';
import type { EngineResult } from './engine.ts';
import type { OracleResult } from './oracle.ts';

/**
 * The rule the differential tests enforce: the engine never accepts what llhttp rejects, and for
 * every message both accept they agree on method, target (or status), field names and values
 * (OWS-trimmed), body bytes and — through those — the message boundaries.
 */
export type Verdict =
  | { readonly kind: 'bothAccept' }
  | { readonly kind: 'bothReject' }
  /** We refused a message llhttp accepted (or was still reading). */
  | { readonly kind: 'onlyUs'; readonly error: HeadErrorCode }
  /** llhttp refused what we were still waiting on more bytes for: nothing accepted either way. */
  | { readonly kind: 'onlyLlhttp' }
  /** The input ended inside a message for both. */
  | { readonly kind: 'incomplete' }
  | { readonly kind: 'violation'; readonly reason: string };

/**
 * Errors node:http reports when the input ends inside a message: "incomplete", not a verdict on
 * the bytes. (Requests are half-closed after the case's bytes; responses end with the close.)
 */
const END_OF_INPUT = new Set(['HPE_INVALID_EOF_STATE', 'ECONNRESET', 'aborted']);

function trimOws(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && (s.charCodeAt(a) === 0x20 || s.charCodeAt(a) === 0x09)) a++;
  while (b > a && (s.charCodeAt(b - 1) === 0x20 || s.charCodeAt(b - 1) === 0x09)) b--;
  return s.slice(a, b);
}

function pairs(raw: readonly string[]): [string, string][] {
  const out: [string, string][] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) out.push([raw[i] as string, trimOws(raw[i + 1] as string)]);
  return out;
}

function sameHeaders(ours: readonly (readonly [string, string])[], raw: readonly string[]): string | null {
  const theirs = pairs(raw);
  if (ours.length !== theirs.length) return `${ours.length} fields vs llhttp's ${theirs.length}`;
  for (let i = 0; i < ours.length; i++) {
    const [n, v] = ours[i] as readonly [string, string];
    const [tn, tv] = theirs[i] as [string, string];
    if (n !== tn || v !== tv) return `field ${i}: ${JSON.stringify([n, v])} vs llhttp's ${JSON.stringify([tn, tv])}`;
  }
  return null;
}

export function compare(ours: EngineResult, theirs: OracleResult, isResponse: boolean): Verdict {
  const violation = (reason: string): Verdict => ({ kind: 'violation', reason });
  const theirError = theirs.error;
  const theirErrorIsEnd = theirError !== null && END_OF_INPUT.has(theirError);

  for (let i = 0; i < ours.interim.length; i++) {
    const m = ours.interim[i] as EngineResult['interim'][number];
    const t = theirs.interim[i];
    if (t === undefined) return violation(`interim ${i} (${m.status}) accepted; llhttp: ${theirError ?? 'none seen'}`);
    if (t.status !== m.status) return violation(`interim ${i}: status ${m.status} vs llhttp's ${t.status}`);
    const h = sameHeaders(m.headers, t.rawHeaders);
    if (h !== null) return violation(`interim ${i}: ${h}`);
  }

  const n = ours.messages.length;
  for (let i = 0; i < n; i++) {
    const m = ours.messages[i] as EngineResult['messages'][number];
    const t = theirs.messages[i];
    if (t === undefined) return violation(`message ${i} accepted; llhttp: ${theirError ?? 'no message'}`);
    if (!t.complete) return violation(`message ${i} complete for us; llhttp: ${theirError ?? 'body not finished'}`);
    if (isResponse) {
      if (m.status !== t.status) return violation(`message ${i}: status ${m.status} vs llhttp's ${t.status}`);
      if (ours.interim.length !== theirs.interim.length) {
        return violation(`${ours.interim.length} interim responses vs llhttp's ${theirs.interim.length}`);
      }
    } else {
      if (m.method !== t.method) return violation(`message ${i}: method ${m.method} vs llhttp's ${t.method}`);
      if (m.url !== t.url)
        return violation(`message ${i}: target ${JSON.stringify(m.url)} vs ${JSON.stringify(t.url)}`);
      // Keeping a connection llhttp would close means parsing bytes it never would; closing one it
      // would keep only stops early (HTTP/1.0 "keep-alive, close": we close).
      if (m.keepAlive && !t.keepAlive) return violation(`message ${i}: keep-alive, llhttp would close`);
    }
    const h = sameHeaders(m.headers, t.rawHeaders);
    if (h !== null) return violation(`message ${i}: ${h}`);
    const body = Buffer.concat(t.chunks);
    if (!body.equals(m.body)) {
      return violation(`message ${i}: body of ${m.body.length} bytes vs llhttp's ${body.length}`);
    }
  }

  // A response ends the exchange: what the upstream sends after it is not part of it. And after
  // a request that closes the connection nothing more is parsed (by either side).
  if (isResponse && n > 0) return { kind: 'bothAccept' };
  if (n > 0 && !(ours.messages[n - 1] as EngineResult['messages'][number]).keepAlive) {
    return { kind: 'bothAccept' };
  }
  const next = theirs.messages[n];
  if (ours.error !== null) {
    if (theirError !== null && !theirErrorIsEnd && (next === undefined || !next.complete))
      return { kind: 'bothReject' };
    return { kind: 'onlyUs', error: ours.error };
  }
  if (ours.incomplete) {
    if (next?.complete) return violation(`message ${n}: llhttp completed it, we wait for more bytes`);
    if (theirError !== null && !theirErrorIsEnd) return { kind: 'onlyLlhttp' };
    return { kind: 'incomplete' };
  }
  if (next !== undefined) return violation(`llhttp parsed a message ${n} in bytes we took as body`);
  if (theirError !== null) return violation(`all bytes accepted; llhttp: ${theirError}`);
  return { kind: 'bothAccept' };
}

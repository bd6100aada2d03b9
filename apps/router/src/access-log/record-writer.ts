import { isIP } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { type ClientExchange, type Peers, RequestEnd } from '@switchyard/http1';
import {
  BYTES_IN,
  BYTES_OUT,
  DECISION,
  DURATION,
  END,
  FLAG_PATH_CUT,
  FLAG_UPGRADE,
  FLAGS,
  INSTANCE_PORT,
  LENGTHS,
  MINOR_VERSION,
  NONE,
  OUTCOME,
  RECORD_BYTES,
  RETRIES,
  STATUS,
  STRING_CAPS,
  STRINGS_AT,
  Str,
  TIME,
  TLS,
  TLS_VERSIONS,
  UPSTREAM,
} from './layout.ts';
import { RingWriter } from './ring.ts';

export interface RecordWriterOptions {
  /** Fraction of requests recorded, 0 < rate ≤ 1. */
  sampleRate: number;
  /** Keep the query string in the path (otherwise cut at `?`). */
  includeQuery: boolean;
  /** Trusted hops: for them the client address is taken from X-Forwarded-For. */
  peers: Peers;
}

/**
 * A serving thread's side of the access log: when a request ends, copies its numbers and the
 * bytes of its short strings into this thread's ring (layout.ts) — no formatting, no string built,
 * no write. The path and user agent are copied from the request head's own bytes.
 */
export class AccessRecordWriter {
  readonly #ring: RingWriter;
  readonly #bytes: Buffer;
  readonly #f64: Float64Array;
  readonly #u16: Uint16Array;
  readonly #sampleRate: number;
  readonly #includeQuery: boolean;
  readonly #peers: Peers;

  constructor(ring: SharedArrayBuffer, options: RecordWriterOptions) {
    this.#ring = new RingWriter(ring);
    this.#bytes = this.#ring.bytes;
    this.#f64 = this.#ring.f64;
    this.#u16 = this.#ring.u16;
    this.#sampleRate = options.sampleRate;
    this.#includeQuery = options.includeQuery;
    this.#peers = options.peers;
  }

  /** Records the request that just ended on `conn`, with the router's decision (`conn.tag`). */
  write(conn: ClientExchange): void {
    if (this.#sampleRate < 1 && Math.random() >= this.#sampleRate) return;
    const at = this.#ring.claim();
    if (at < 0) return;
    const f64 = this.#f64;
    const u16 = this.#u16;
    const b = this.#bytes;
    const facts = conn.facts;
    const head = conn.head;
    const refused = facts.end === RequestEnd.refused;
    const upstream = facts.upstream;
    const socket = conn.socket as TLSSocket;

    f64[(at + TIME) >> 3] = Date.now();
    f64[(at + DURATION) >> 3] = performance.now() - conn.startedAt;
    f64[(at + UPSTREAM) >> 3] = facts.upstreamMs;
    f64[(at + BYTES_IN) >> 3] = facts.bytesIn;
    f64[(at + BYTES_OUT) >> 3] = facts.bytesOut;
    u16[(at + STATUS) >> 1] = conn.status;
    u16[(at + INSTANCE_PORT) >> 1] = upstream === null ? 0 : upstream.port;
    b[at + END] = facts.end;
    b[at + DECISION] = refused ? NONE : conn.tag;
    b[at + OUTCOME] = facts.outcome < 0 ? NONE : facts.outcome;
    b[at + RETRIES] = facts.retries;
    b[at + MINOR_VERSION] = conn.httpVersion === 20 ? 2 : head.minorVersion;
    b[at + TLS] = socket.encrypted === true ? tlsCode(socket.getProtocol()) : 0;
    let flags = 0;
    if (!refused && conn.isUpgrade) flags |= FLAG_UPGRADE;

    const lengths = (at + LENGTHS) >> 1;
    let p = at + STRINGS_AT;
    const end = at + RECORD_BYTES;
    p = this.#string(lengths, Str.method, p, head.method);
    p = this.#string(lengths, Str.requestId, p, facts.requestId);
    p = this.#string(lengths, Str.traceId, p, facts.traceId);
    p = this.#string(lengths, Str.serviceId, p, facts.label);
    p = this.#string(
      lengths,
      Str.client,
      p,
      this.#peers.trusts(conn.remoteAddress) ? clientOf(conn, this.#peers) : conn.remoteAddress,
    );
    p = this.#string(lengths, Str.instanceHost, p, upstream === null ? '' : upstream.host);
    p = this.#string(
      lengths,
      Str.sni,
      p,
      socket.encrypted === true && typeof socket.servername === 'string' ? socket.servername : '',
    );
    p = this.#string(lengths, Str.host, p, head.host);
    // The user agent and the path, as bytes of the head.
    const src = head.buf;
    const ua = head.find('user-agent');
    let n = 0;
    if (ua >= 0) {
      const s = head.valueStart(ua);
      const e = Math.min(head.valueEnd(ua), s + (STRING_CAPS[Str.userAgent] as number));
      for (let i = s; i < e; i++) b[p + n++] = src[i] as number;
    }
    u16[lengths + Str.userAgent] = n;
    p += n;
    n = 0;
    const room = end - p;
    let s = head.authority === null ? head.targetStart : head.pathStart;
    const e = head.targetEnd;
    if (head.authority !== null && (s === e || src[s] === 0x3f)) b[p + n++] = 0x2f; // an empty absolute-form path is "/"
    for (; s < e; s++) {
      const c = src[s] as number;
      if (c === 0x3f && !this.#includeQuery) break;
      if (n === room) {
        flags |= FLAG_PATH_CUT;
        break;
      }
      b[p + n++] = c;
    }
    u16[lengths + Str.path] = n;
    b[at + FLAGS] = flags;
    this.#ring.publish();
  }

  /** Copies a latin1 string's bytes, cut at its cap; returns the next offset. */
  #string(lengths: number, which: number, p: number, s: string): number {
    const b = this.#bytes;
    const n = Math.min(s.length, STRING_CAPS[which] as number);
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      b[p + i] = c > 0xff ? 0x3f : c;
    }
    this.#u16[lengths + which] = n;
    return p + n;
  }
}

function tlsCode(protocol: string | null): number {
  const code = protocol === null ? -1 : TLS_VERSIONS.indexOf(protocol);
  return code < 0 ? 0 : code;
}

/**
 * The client behind trusted hops: the X-Forwarded-For entry nearest the router that is not itself
 * a trusted hop. Only computed for requests from trusted peers.
 */
function clientOf(conn: ClientExchange, peers: Peers): string {
  const xff = conn.header('x-forwarded-for');
  if (xff === undefined) return conn.remoteAddress;
  const hops = xff.split(',');
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = (hops[i] as string).trim();
    if (hop !== '' && (i === 0 || isIP(hop) === 0 || !peers.trusts(hop))) return hop;
  }
  return conn.remoteAddress;
}

import { ChunkedDecoder, type ChunkSink } from '../../src/parse/chunked.ts';
import { HeadError, type HeadErrorCode } from '../../src/parse/errors.ts';
import type { HeadLimits, MessageHead } from '../../src/parse/fields.ts';
import { RequestHead } from '../../src/parse/request-head.ts';
import { BodyFraming, ResponseHead } from '../../src/parse/response-head.ts';
import type { Random } from './random.ts';

/**
 * Our side of the differential tests: the engine's pure parsers driven as a connection drives
 * them — the head parsed as bytes arrive (random slices, so resumption is exercised too), then
 * the body framed by Content-Length or the ChunkedDecoder, then the next pipelined message.
 */

/** The engine's defaults (server.ts, upstream-pool.ts). */
export const REQUEST_LIMITS: HeadLimits = { maxHeadBytes: 16_384, maxFields: 100 };
export const RESPONSE_LIMITS: HeadLimits = { maxHeadBytes: 32_768, maxFields: 256 };

export interface EngineMessage {
  readonly method: string;
  readonly url: string;
  readonly status: number;
  /** Names and values as the engine would forward them (values without surrounding OWS). */
  readonly headers: readonly (readonly [string, string])[];
  readonly body: Buffer;
  readonly keepAlive: boolean;
}

export interface EngineResult {
  readonly interim: { status: number; headers: readonly (readonly [string, string])[] }[];
  /** Messages whose head and body were complete and accepted. */
  readonly messages: EngineMessage[];
  /** Why the next message was refused (HeadError.badChunk for chunked framing), or null. */
  error: HeadErrorCode | null;
  /** The input ended inside a message (neither accepted nor refused yet). */
  incomplete: boolean;
}

class Collector implements ChunkSink {
  chunks: Buffer[] = [];
  chunkData(buf: Buffer, start: number, end: number): void {
    this.chunks.push(Buffer.from(buf.subarray(start, end)));
  }
}

/** How many more bytes "arrive" next: mostly all of them, sometimes a few at a time. */
function step(r: Random): number {
  return r.weighted([
    [6, 1 << 30],
    [2, r.range(1, 8)],
    [2, r.range(9, 200)],
  ]);
}

/** Parses a head from `start`, revealing the bytes in slices. >0: its end, 0: incomplete, -1: refused. */
function parseHead(head: RequestHead | ResponseHead, bytes: Buffer, start: number, r: Random): number {
  head.reset(bytes, start);
  let limit = start;
  for (;;) {
    limit = Math.min(bytes.length, limit + step(r));
    const end = head.parse(limit);
    if (end !== 0 || limit === bytes.length) return end;
  }
}

/** Feeds a chunked body in slices. >0: offset past the message, 0: incomplete, -1: refused. */
function parseChunked(decoder: ChunkedDecoder, bytes: Buffer, start: number, r: Random): number {
  let p = start;
  while (p < bytes.length) {
    const end = Math.min(bytes.length, p + step(r));
    const q = decoder.feed(bytes, p, end);
    if (q < 0) return -1;
    if (decoder.done) return q;
    p = end;
  }
  return 0;
}

function headers(head: MessageHead): [string, string][] {
  const out: [string, string][] = [];
  for (let i = 0; i < head.fieldCount; i++) out.push([head.name(i), head.value(i)]);
  return out;
}

export function engineRequests(bytes: Buffer, r: Random): EngineResult {
  const result: EngineResult = { interim: [], messages: [], error: null, incomplete: false };
  const head = new RequestHead(REQUEST_LIMITS);
  const decoder = new ChunkedDecoder();
  let off = 0;
  while (off < bytes.length) {
    const end = parseHead(head, bytes, off, r);
    if (end < 0) {
      result.error = head.error;
      return result;
    }
    if (end === 0) {
      result.incomplete = true;
      return result;
    }
    let body: Buffer;
    if (head.chunked) {
      const sink = new Collector();
      decoder.reset(sink);
      const bodyEnd = parseChunked(decoder, bytes, end, r);
      if (bodyEnd < 0) {
        result.error = HeadError.badChunk;
        return result;
      }
      if (bodyEnd === 0) {
        result.incomplete = true;
        return result;
      }
      body = Buffer.concat(sink.chunks);
      off = bodyEnd;
    } else {
      const n = Math.max(0, head.contentLength);
      if (end + n > bytes.length) {
        result.incomplete = true;
        return result;
      }
      body = bytes.subarray(end, end + n);
      off = end + n;
    }
    result.messages.push({
      method: head.method,
      url: bytes.toString('latin1', head.targetStart, head.targetEnd),
      status: 0,
      headers: headers(head),
      body,
      keepAlive: head.keepAlive,
    });
    // The connection closes after this exchange: whatever follows is never parsed.
    if (!head.keepAlive) break;
  }
  return result;
}

export function engineResponse(bytes: Buffer, isHead: boolean, r: Random): EngineResult {
  const result: EngineResult = { interim: [], messages: [], error: null, incomplete: false };
  const head = new ResponseHead(RESPONSE_LIMITS);
  let off = 0;
  for (;;) {
    const end = parseHead(head, bytes, off, r);
    if (end < 0) {
      result.error = head.error;
      return result;
    }
    if (end === 0) {
      result.incomplete = true;
      return result;
    }
    if (head.status >= 200 || head.status === 101) {
      off = end;
      break;
    }
    result.interim.push({ status: head.status, headers: headers(head) });
    off = end;
  }
  let body: Buffer;
  switch (head.framing(isHead)) {
    case BodyFraming.none:
      body = Buffer.alloc(0);
      break;
    case BodyFraming.length:
      if (off + head.contentLength > bytes.length) {
        result.incomplete = true;
        return result;
      }
      body = bytes.subarray(off, off + head.contentLength);
      break;
    case BodyFraming.chunked: {
      const sink = new Collector();
      const decoder = new ChunkedDecoder();
      decoder.reset(sink);
      const bodyEnd = parseChunked(decoder, bytes, off, r);
      if (bodyEnd < 0) {
        result.error = HeadError.badChunk;
        return result;
      }
      if (bodyEnd === 0) {
        result.incomplete = true;
        return result;
      }
      body = Buffer.concat(sink.chunks);
      break;
    }
    default:
      body = bytes.subarray(off); // close-delimited: up to the upstream's close
  }
  result.messages.push({
    method: '',
    url: '',
    status: head.status,
    headers: headers(head),
    body,
    keepAlive: head.reusable,
  });
  return result;
}

import { type Service, v1 } from '@switchyard/proto';

/**
 * A routing record as the cache holds it: the encoded `Service` *without* its stamp (fields 11
 * `version` and 12 `commit_time_ms`) as a latin1 string — one flat heap object with no pointers
 * inside, ~1 byte per encoded byte — and the stamp beside it. Sending appends the stamp's two
 * fields after the content: a protobuf message is a concatenation of its fields in any order, so
 * the client decodes the same `Service` as if it had been encoded whole. Immutable: a change
 * replaces the object, so an array of references taken at one moment is a snapshot of that moment.
 *
 * Held as objects with their fields decoded, a million services took ~813 B each on the heap;
 * held this way they take the encoded size plus ~100 B (the id key, the map entry, this object).
 */
export interface StoredRecord {
  /** The encoded Service without fields 11 and 12, one char per byte. */
  readonly content: string;
  readonly version: number;
  readonly commitTimeMs: number;
}

/** A record's id with its unstamped encoding, as the follower produces them from database rows. */
export interface RecordContent {
  readonly id: string;
  readonly content: string;
}

// Keys of Service.version (field 11) and Service.commit_time_ms (field 12), both varints.
const VERSION_KEY = (11 << 3) | 0;
const COMMIT_TIME_KEY = (12 << 3) | 0;
const LENGTH_DELIMITED = 2;
/** ServiceBatch.services, field 1: how a page of services is encoded in one go and then split. */
const BATCH_SERVICES_KEY = (1 << 3) | LENGTH_DELIMITED;

/** Bytes of `value` (a non-negative safe integer) as a varint. */
export function varintLength(value: number): number {
  let length = 1;
  for (let v = value; v >= 0x80; v = Math.floor(v / 0x80)) length++;
  return length;
}

/** Writes `value` (a non-negative safe integer) as a varint at `offset`; returns the offset after it. */
export function writeVarint(target: Uint8Array, offset: number, value: number): number {
  let at = offset;
  let v = value;
  while (v >= 0x80) {
    target[at++] = (v % 0x80) | 0x80;
    v = Math.floor(v / 0x80);
  }
  target[at++] = v;
  return at;
}

function readVarint(bytes: Uint8Array, offset: number): [value: number, next: number] {
  let value = 0;
  let scale = 1;
  let at = offset;
  for (;;) {
    const byte = bytes[at++] as number;
    value += (byte & 0x7f) * scale;
    if (byte < 0x80) return [value, at];
    scale *= 0x80;
  }
}

function checkStamp(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${what} ${value} is not a non-negative integer`);
}

/** Encoded size of the record's Service message, stamp included (zero stamps are left out, as protobuf does). */
export function stampedLength(record: StoredRecord): number {
  let length = record.content.length;
  if (record.version !== 0) length += 1 + varintLength(record.version);
  if (record.commitTimeMs !== 0) length += 1 + varintLength(record.commitTimeMs);
  return length;
}

/** Writes the record's Service message, stamp included, at `offset`; returns the offset after it. */
export function writeStamped(record: StoredRecord, target: Buffer, offset: number): number {
  let at = offset + target.write(record.content, offset, 'latin1');
  if (record.version !== 0) {
    target[at++] = VERSION_KEY;
    at = writeVarint(target, at, record.version);
  }
  if (record.commitTimeMs !== 0) {
    target[at++] = COMMIT_TIME_KEY;
    at = writeVarint(target, at, record.commitTimeMs);
  }
  return at;
}

/** A stored record with a stamp. */
export function stamp(content: string, version: number, commitTimeMs: number): StoredRecord {
  checkStamp(version, 'version');
  checkStamp(commitTimeMs, 'commit time');
  return { content, version, commitTimeMs };
}

/**
 * The unstamped encodings of `services` (whatever their `version`/`commitTimeMs` say is left out).
 * One encode of the whole page into one buffer, then split: no buffer per record.
 */
export function encodeContents(services: readonly Service[]): RecordContent[] {
  const unstamped = services.map((service) => ({ ...service, version: 0, commitTimeMs: 0 }));
  const bytes = v1.ServiceBatch.encode({ services: unstamped }).finish();
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: RecordContent[] = [];
  let at = 0;
  for (const service of services) {
    if (buffer[at] !== BATCH_SERVICES_KEY) throw new Error('unexpected field in an encoded ServiceBatch');
    const [length, start] = readVarint(buffer, at + 1);
    out.push({ id: service.id as string, content: buffer.toString('latin1', start, start + length) });
    at = start + length;
  }
  return out;
}

/** The record as a decoded Service (GetServices, tests). */
export function decodeRecord(record: StoredRecord): Service {
  const service = v1.Service.decode(Buffer.from(record.content, 'latin1'));
  if (record.version !== 0) service.version = record.version;
  if (record.commitTimeMs !== 0) service.commitTimeMs = record.commitTimeMs;
  return service;
}

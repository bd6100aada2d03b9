import { type GetServicesResponse, routeCacheService, v1, type WatchEvent } from '@switchyard/proto';
import { framedMessage, isFramed, messageOf } from './grpc-framing.ts';
import { type StoredRecord, stampedLength, varintLength, writeStamped, writeVarint } from './stored-record.ts';

/** Each ServiceBatch or Delta message is cut once its encoded size passes this (well under 1 MiB). */
export const TARGET_MESSAGE_BYTES = 256 * 1024;

/** One encoded WatchEvent, and the version a client has once it has applied it (0 inside a snapshot). */
export interface EncodedEvent {
  /** The WatchEvent message. */
  bytes: Buffer;
  /** The same bytes behind their gRPC frame header (`bytes` is a view into it): what streams write. */
  frame: Buffer;
  version: number;
}

/** An event around a frame made by `framedMessage`. */
function framedEvent(frame: Buffer, version: number): EncodedEvent {
  return { bytes: messageOf(frame), frame, version };
}

/** An event from a message encoded elsewhere (small ones: start, end, heartbeat), framed with one copy. */
function copyToFrame(bytes: Uint8Array, version: number): EncodedEvent {
  const frame = framedMessage(bytes.length);
  frame.set(bytes, 5);
  return framedEvent(frame, version);
}

// Field numbers of WatchEvent's oneof and of Delta/ServiceBatch (route_cache.proto). Messages are
// assembled from already-encoded records: a protobuf message is a concatenation of its fields.
const LENGTH_DELIMITED = 2;
const EVENT_SERVICE_BATCH_KEY = (2 << 3) | LENGTH_DELIMITED;
const EVENT_DELTA_KEY = (4 << 3) | LENGTH_DELIMITED;
const BATCH_SERVICES_KEY = (1 << 3) | LENGTH_DELIMITED;
const DELTA_UPSERTS_KEY = (2 << 3) | LENGTH_DELIMITED;
const DELTA_REMOVED_IDS_KEY = (3 << 3) | LENGTH_DELIMITED;

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export function encodeEvent(event: WatchEvent): Buffer {
  return toBuffer(v1.WatchEvent.encode(event).finish());
}

/** Size of a length-delimited field holding `length` bytes. */
function fieldLength(length: number): number {
  return 1 + varintLength(length) + length;
}

/** One encoded ServiceBatch event, and the index after its last record. */
export interface EncodedBatch {
  event: EncodedEvent;
  end: number;
}

export function snapshotStartEvent(version: number, total: number): EncodedEvent {
  return copyToFrame(encodeEvent({ snapshotStart: { version, total } }), 0);
}

export function snapshotEndEvent(version: number): EncodedEvent {
  return copyToFrame(encodeEvent({ snapshotEnd: { version } }), version);
}

/**
 * The WatchEvent `{ <eventKey>: { <head> <recordKey>: record… <tail> } }` in one buffer of its exact
 * size behind its gRPC frame header (returned: the frame): the records' stored bytes are copied in
 * once, with their stamps.
 */
function assemble(
  eventKey: number,
  recordKey: number,
  records: readonly StoredRecord[],
  from: number,
  to: number,
  head: Uint8Array = EMPTY,
  tail: Uint8Array = EMPTY,
): Buffer {
  let inner = head.length + tail.length;
  for (let i = from; i < to; i++) inner += fieldLength(stampedLength(records[i] as StoredRecord));
  const frame = framedMessage(fieldLength(inner));
  const bytes = messageOf(frame);
  bytes[0] = eventKey;
  let at = writeVarint(bytes, 1, inner);
  bytes.set(head, at);
  at += head.length;
  for (let i = from; i < to; i++) {
    const record = records[i] as StoredRecord;
    bytes[at++] = recordKey;
    at = writeVarint(bytes, at, stampedLength(record));
    at = writeStamped(record, bytes, at);
  }
  bytes.set(tail, at);
  return frame;
}

const EMPTY = new Uint8Array(0);

/** Index after the records from `from` that fit one message (at least one record). */
function cut(records: readonly StoredRecord[], from: number, to: number): number {
  let size = 0;
  let i = from;
  while (i < to && size < TARGET_MESSAGE_BYTES) size += (records[i++] as StoredRecord).content.length + 24;
  return i;
}

/** ServiceBatch events of records[from, to), cut by encoded size; lazy, one batch at a time. */
export function* serviceBatches(
  records: readonly StoredRecord[],
  from = 0,
  to = records.length,
): Generator<EncodedBatch> {
  for (let start = from; start < to; ) {
    const end = cut(records, start, to);
    yield {
      event: framedEvent(assemble(EVENT_SERVICE_BATCH_KEY, BATCH_SERVICES_KEY, records, start, end), 0),
      end,
    };
    start = end;
  }
}

/**
 * A snapshot as encoded events: SnapshotStart, ServiceBatch chunks cut by encoded size, SnapshotEnd.
 * Lazy, so a slow client costs one chunk of memory at a time, not the whole region.
 */
export function* snapshotEvents(version: number, records: readonly StoredRecord[]): Generator<EncodedEvent> {
  yield snapshotStartEvent(version, records.length);
  for (const batch of serviceBatches(records)) yield batch.event;
  yield snapshotEndEvent(version);
}

/** Delta.removed_ids fields of ids[from, to). */
function removedIdFields(ids: readonly string[], from: number, to: number): Buffer {
  let size = 0;
  for (let i = from; i < to; i++) size += fieldLength(Buffer.byteLength(ids[i] as string));
  const bytes = Buffer.allocUnsafe(size);
  let at = 0;
  for (let i = from; i < to; i++) {
    const id = ids[i] as string;
    bytes[at++] = DELTA_REMOVED_IDS_KEY;
    at = writeVarint(bytes, at, Buffer.byteLength(id));
    at += bytes.write(id, at, 'utf8');
  }
  return bytes;
}

/**
 * A change as Delta events cut by encoded size. Every chunk but the last carries `previousVersion`,
 * so a client that stops half-way resumes from a version it really has.
 */
export function* deltaEvents(change: {
  previousVersion: number;
  version: number;
  upserts: readonly StoredRecord[];
  removedIds: readonly string[];
  commitTimeMs: number;
}): Generator<EncodedEvent> {
  const { upserts, removedIds } = change;
  const head = (version: number) => v1.Delta.encode({ version, commitTimeMs: change.commitTimeMs }).finish();
  const event = (version: number, records: [number, number], ids: [number, number]): EncodedEvent =>
    framedEvent(
      assemble(
        EVENT_DELTA_KEY,
        DELTA_UPSERTS_KEY,
        upserts,
        records[0],
        records[1],
        head(version),
        removedIdFields(removedIds, ids[0], ids[1]),
      ),
      version,
    );
  let start = 0;
  while (start < upserts.length) {
    const end = cut(upserts, start, upserts.length);
    if (end === upserts.length) break; // the last records go out with the removals
    yield event(change.previousVersion, [start, end], [0, 0]);
    start = end;
  }
  let idStart = 0;
  let size = 0;
  for (let i = start; i < upserts.length; i++) size += (upserts[i] as StoredRecord).content.length + 24;
  for (let i = 0; i < removedIds.length; i++) {
    size += (removedIds[i] as string).length + 4;
    if (size >= TARGET_MESSAGE_BYTES && i + 1 < removedIds.length) {
      yield event(change.previousVersion, [start, upserts.length], [idStart, i + 1]);
      start = upserts.length;
      idStart = i + 1;
      size = 0;
    }
  }
  yield event(change.version, [start, upserts.length], [idStart, removedIds.length]);
}

export function heartbeatEvent(version: number, commitTimeMs: number): EncodedEvent {
  return copyToFrame(encodeEvent({ heartbeat: { version, commitTimeMs } }), version);
}

/**
 * The RouteCache service definition, with Watch also accepting already-encoded Buffers and gRPC frames
 * (`EncodedEvent.frame`: sent as they are where `installFramedPassThrough` is in place; otherwise this
 * hands grpc-js the message inside, which it frames as any other).
 */
export const cacheServiceDefinition = {
  ...routeCacheService,
  watch: {
    ...routeCacheService.watch,
    responseSerialize: (event: Buffer | WatchEvent): Buffer =>
      isFramed(event)
        ? messageOf(event)
        : Buffer.isBuffer(event)
          ? event
          : routeCacheService.watch.responseSerialize(event),
  },
};

export type { GetServicesResponse };

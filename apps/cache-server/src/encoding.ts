import { type GetServicesResponse, routeCacheService, type Service, v1, type WatchEvent } from '@switchyard/proto';

/** Each ServiceBatch or Delta message is cut once its encoded size passes this (well under 1 MiB). */
export const TARGET_MESSAGE_BYTES = 256 * 1024;

/** One encoded WatchEvent, and the version a client has once it has applied it (0 inside a snapshot). */
export interface EncodedEvent {
  bytes: Buffer;
  version: number;
}

// Field numbers of WatchEvent's oneof and of Delta/ServiceBatch (route_cache.proto). Messages are
// assembled from already-encoded records: a protobuf message is a concatenation of its fields.
const EVENT_SERVICE_BATCH = 2;
const EVENT_DELTA = 4;
const BATCH_SERVICES = 1;
const DELTA_UPSERTS = 2;
const DELTA_REMOVED_IDS = 3;
const LENGTH_DELIMITED = 2;

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function varint(value: number): number[] {
  const out: number[] = [];
  let v = value;
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
  return out;
}

/** A length-delimited field: key, length, bytes. */
function field(fieldNumber: number, bytes: Uint8Array): Uint8Array[] {
  return [Uint8Array.from([...varint((fieldNumber << 3) | LENGTH_DELIMITED), ...varint(bytes.length)]), bytes];
}

function concat(parts: Uint8Array[]): Buffer {
  return Buffer.concat(parts);
}

export function encodeEvent(event: WatchEvent): Buffer {
  return toBuffer(v1.WatchEvent.encode(event).finish());
}

export function encodeService(service: Service): Uint8Array {
  return v1.Service.encode(service).finish();
}

function wrap(fieldNumber: number, inner: Buffer): Buffer {
  return concat(field(fieldNumber, inner));
}

/** One encoded ServiceBatch event, and the index after its last record. */
export interface EncodedBatch {
  event: EncodedEvent;
  end: number;
}

export function snapshotStartEvent(version: number, total: number): EncodedEvent {
  return { bytes: encodeEvent({ snapshotStart: { version, total } }), version: 0 };
}

export function snapshotEndEvent(version: number): EncodedEvent {
  return { bytes: encodeEvent({ snapshotEnd: { version } }), version };
}

/** ServiceBatch events of records[from, to), cut by encoded size; lazy, one batch at a time. */
export function* serviceBatches(records: readonly Service[], from = 0, to = records.length): Generator<EncodedBatch> {
  let batch: Uint8Array[] = [];
  let size = 0;
  for (let i = from; i < to; i++) {
    const bytes = encodeService(records[i] as Service);
    batch.push(...field(BATCH_SERVICES, bytes));
    size += bytes.length + 6;
    if (size >= TARGET_MESSAGE_BYTES) {
      yield { event: { bytes: wrap(EVENT_SERVICE_BATCH, concat(batch)), version: 0 }, end: i + 1 };
      batch = [];
      size = 0;
    }
  }
  if (size > 0) yield { event: { bytes: wrap(EVENT_SERVICE_BATCH, concat(batch)), version: 0 }, end: to };
}

/**
 * A snapshot as encoded events: SnapshotStart, ServiceBatch chunks cut by encoded size, SnapshotEnd.
 * Lazy, so a slow client costs one chunk of memory at a time, not the whole region.
 */
export function* snapshotEvents(version: number, records: readonly Service[]): Generator<EncodedEvent> {
  yield snapshotStartEvent(version, records.length);
  for (const batch of serviceBatches(records)) yield batch.event;
  yield snapshotEndEvent(version);
}

/**
 * A change as Delta events cut by encoded size. Every chunk but the last carries `previousVersion`,
 * so a client that stops half-way resumes from a version it really has.
 */
export function* deltaEvents(change: {
  previousVersion: number;
  version: number;
  upserts: readonly Service[];
  removedIds: readonly string[];
  commitTimeMs: number;
}): Generator<EncodedEvent> {
  let pending: Uint8Array[] = [];
  let pendingIds: string[] = [];
  let size = 0;
  const flush = (version: number): EncodedEvent => {
    const parts: Uint8Array[] = [v1.Delta.encode({ version, commitTimeMs: change.commitTimeMs }).finish()];
    for (const bytes of pending) parts.push(...field(DELTA_UPSERTS, bytes));
    for (const id of pendingIds) parts.push(...field(DELTA_REMOVED_IDS, Buffer.from(id, 'utf8')));
    pending = [];
    pendingIds = [];
    size = 0;
    return { bytes: wrap(EVENT_DELTA, concat(parts)), version };
  };
  for (const record of change.upserts) {
    const bytes = encodeService(record);
    pending.push(bytes);
    size += bytes.length + 6;
    if (size >= TARGET_MESSAGE_BYTES) yield flush(change.previousVersion);
  }
  for (const id of change.removedIds) {
    pendingIds.push(id);
    size += id.length + 4;
    if (size >= TARGET_MESSAGE_BYTES) yield flush(change.previousVersion);
  }
  yield flush(change.version);
}

export function heartbeatEvent(version: number, commitTimeMs: number): EncodedEvent {
  return { bytes: encodeEvent({ heartbeat: { version, commitTimeMs } }), version };
}

/** The RouteCache service definition, with Watch also accepting already-encoded Buffers. */
export const cacheServiceDefinition = {
  ...routeCacheService,
  watch: {
    ...routeCacheService.watch,
    responseSerialize: (event: Buffer | WatchEvent): Buffer =>
      Buffer.isBuffer(event) ? event : routeCacheService.watch.responseSerialize(event),
  },
};

export type { GetServicesResponse };

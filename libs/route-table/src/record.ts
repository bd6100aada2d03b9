import { InvalidRecordError } from './errors.ts';
import { normalizeHostname } from './hostname.ts';
import {
  alignUp,
  FLAG_HTTPS_REDIRECT,
  INST_HOST,
  INST_HOST_LENGTH,
  INST_PORT,
  INST_READY,
  INSTANCE_BYTES,
  KIND_STATIC,
  KIND_WEB,
  MAX_INSTANCES,
  MAX_SHORT_STRING_BYTES,
  PLAN_FREE,
  PLAN_PAID,
  REC_BLOB_LENGTH,
  REC_BUILD_LENGTH,
  REC_BYTES,
  REC_CELL,
  REC_FIXED_BYTES,
  REC_FLAGS,
  REC_HOST_COUNT,
  REC_HSTS_LENGTH,
  REC_ID_LENGTH,
  REC_INSTANCE_COUNT,
  REC_KIND,
  REC_PLAN,
  REC_STATE,
  REC_STRINGS,
  REC_VERSION,
  RECORD_ALIGN,
  STATE_ACTIVE,
  STATE_SUSPENDED,
} from './layout.ts';
import type { TableViews } from './table-buffers.ts';

/** One upstream endpoint of a web service. */
export interface InstanceInput {
  readonly host: string;
  readonly port: number;
  readonly ready: boolean;
}

/**
 * A service as the writer takes it. `kind`, `plan` and `state` use the protobuf enum values
 * (KIND_WEB/KIND_STATIC, PLAN_FREE/PLAN_PAID, STATE_ACTIVE/STATE_SUSPENDED), so a decoded
 * `switchyard.routing.v1.Service` maps field by field.
 */
export interface ServiceRecord {
  readonly id: string;
  readonly kind: number;
  readonly plan: number;
  readonly state: number;
  /** The cache's version of this record; read back as a Number (exact below 2^53). */
  readonly version?: number | bigint;
  /** Any case, may carry a port or a trailing dot; a leading `*.` marks a wildcard. */
  readonly hostnames: readonly string[];
  readonly instances?: readonly InstanceInput[];
  /** Static sites: the build being served; empty or absent when none. */
  readonly activeBuildId?: string;
  /** Opaque bytes for the static/activator paths (rules, scaler reference, ...). */
  readonly blob?: Uint8Array;
  /** Plain-HTTP requests are redirected to HTTPS. */
  readonly httpsRedirect?: boolean;
  /** The Strict-Transport-Security value for HTTPS responses (ASCII); empty or absent: none. */
  readonly hstsHeader?: string;
}

/** A record checked and measured, ready to be written into an arena. */
export interface PreparedRecord {
  readonly id: string;
  readonly kind: number;
  readonly plan: number;
  readonly state: number;
  readonly version: number;
  /** Normalised, without duplicates. */
  readonly hostnames: readonly string[];
  readonly instances: readonly InstanceInput[];
  readonly buildId: string;
  readonly blob: Uint8Array | undefined;
  readonly flags: number;
  readonly hsts: string;
  /** Record size in the arena, aligned. */
  readonly bytes: number;
  /** Where the string area starts, relative to the record. */
  readonly stringsAt: number;
}

const PRINTABLE_FIRST = 0x21;
const PRINTABLE_LAST = 0x7e;
const MAX_PORT = 65535;

function checkId(id: unknown): string {
  if (typeof id !== 'string' || id.length === 0 || id.length > MAX_SHORT_STRING_BYTES) {
    throw new InvalidRecordError(String(id), `id must be 1-${MAX_SHORT_STRING_BYTES} characters`);
  }
  for (let i = 0; i < id.length; i++) {
    const code = id.charCodeAt(i);
    if (code < PRINTABLE_FIRST || code > PRINTABLE_LAST) throw new InvalidRecordError(id, 'id must be printable ASCII');
  }
  return id;
}

function checkCode(id: string, field: string, value: number, a: number, b: number): number {
  if (value !== a && value !== b) throw new InvalidRecordError(id, `${field} must be ${a} or ${b}, got ${value}`);
  return value;
}

const ASCII_LAST = 0x7f;

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > ASCII_LAST) return false;
  return true;
}

/** Writes `text` as UTF-8 at `at`; returns the byte count. */
function writeText(views: TableViews, at: number, text: string): number {
  if (!isAscii(text)) return views.arenaText.write(text, at, 'utf8');
  const arena8 = views.arena8;
  for (let i = 0; i < text.length; i++) arena8[at + i] = text.charCodeAt(i);
  return text.length;
}

function shortStringBytes(id: string, field: string, value: string): number {
  const bytes = isAscii(value) ? value.length : Buffer.byteLength(value, 'utf8');
  if (bytes > MAX_SHORT_STRING_BYTES)
    throw new InvalidRecordError(id, `${field} longer than ${MAX_SHORT_STRING_BYTES} bytes`);
  return bytes;
}

const SMALL_LIST = 16;

/** Normalised and without duplicates; the input array itself when it already is (no garbage). */
function normalizeHostnames(raw: readonly string[]): readonly string[] {
  if (raw.length > SMALL_LIST) return [...new Set(raw.map(normalizeHostname))];
  let out: string[] | undefined;
  for (let i = 0; i < raw.length; i++) {
    const hostname = normalizeHostname(raw[i] as string);
    const earlier = out ?? raw;
    const upTo = out ? out.length : i;
    let duplicate = false;
    for (let j = 0; j < upTo; j++) if (earlier[j] === hostname) duplicate = true;
    if (out) {
      if (!duplicate) out.push(hostname);
    } else if (duplicate || hostname !== raw[i]) {
      out = raw.slice(0, i);
      if (!duplicate) out.push(hostname);
    }
  }
  return out ?? raw;
}

/** Validates and measures a record; throws InvalidRecordError / InvalidHostnameError. */
export function prepareRecord(record: ServiceRecord): PreparedRecord {
  const id = checkId(record.id);
  const kind = checkCode(id, 'kind', record.kind, KIND_WEB, KIND_STATIC);
  const plan = checkCode(id, 'plan', record.plan, PLAN_FREE, PLAN_PAID);
  const state = checkCode(id, 'state', record.state, STATE_ACTIVE, STATE_SUSPENDED);
  const instances = record.instances ?? [];
  if (instances.length > MAX_INSTANCES) throw new InvalidRecordError(id, `more than ${MAX_INSTANCES} instances`);
  const buildId = record.activeBuildId ?? '';
  const blob = record.blob && record.blob.length > 0 ? record.blob : undefined;

  const hostnames = normalizeHostnames(record.hostnames);

  const hsts = record.hstsHeader ?? '';
  if (!isAscii(hsts)) throw new InvalidRecordError(id, 'hstsHeader must be ASCII');
  const flags = record.httpsRedirect === true ? FLAG_HTTPS_REDIRECT : 0;
  let strings = id.length + shortStringBytes(id, 'activeBuildId', buildId) + shortStringBytes(id, 'hstsHeader', hsts);
  for (const instance of instances) {
    if (!Number.isInteger(instance.port) || instance.port < 1 || instance.port > MAX_PORT) {
      throw new InvalidRecordError(id, `instance port ${instance.port} out of range`);
    }
    strings += shortStringBytes(id, 'instance host', instance.host);
  }
  const stringsAt = REC_FIXED_BYTES + instances.length * INSTANCE_BYTES + hostnames.length * 4;
  const bytes = alignUp(stringsAt + strings + (blob?.length ?? 0), RECORD_ALIGN);
  const version = record.version === undefined ? 0 : Number(record.version);
  return { id, kind, plan, state, version, hostnames, instances, buildId, blob, flags, hsts, bytes, stringsAt };
}

/**
 * Writes a prepared record at `at` (not yet published), its hostname list zeroed: the writer
 * fills in each hostname's key entry (recordHostListAt) before publishing.
 */
export function writeRecord(views: TableViews, at: number, record: PreparedRecord, cell: number): void {
  const { arena8, arena16, arena32, arenaF64 } = views;
  const instances = record.instances;
  arena32[(at + REC_BYTES) >> 2] = record.bytes;
  arena8[at + REC_KIND] = record.kind;
  arena8[at + REC_PLAN] = record.plan;
  arena8[at + REC_STATE] = record.state;
  arena8[at + REC_FLAGS] = record.flags;
  arena8[at + REC_ID_LENGTH] = record.id.length;
  arenaF64[(at + REC_VERSION) >> 3] = record.version;
  arena32[(at + REC_CELL) >> 2] = cell;
  arena16[(at + REC_INSTANCE_COUNT) >> 1] = instances.length;
  arena32[(at + REC_HOST_COUNT) >> 2] = record.hostnames.length;
  arena32[(at + REC_BLOB_LENGTH) >> 2] = record.blob?.length ?? 0;
  arena32[(at + REC_STRINGS) >> 2] = record.stringsAt;

  let text = at + record.stringsAt;
  if (record.blob) {
    arena8.set(record.blob, text);
    text += record.blob.length;
  }
  text += writeText(views, text, record.id);
  const buildBytes = writeText(views, text, record.buildId);
  arena8[at + REC_BUILD_LENGTH] = buildBytes;
  text += buildBytes;
  arena8[at + REC_HSTS_LENGTH] = writeText(views, text, record.hsts);
  text += record.hsts.length;
  for (let i = 0; i < instances.length; i++) {
    const instance = instances[i] as InstanceInput;
    const slot = at + REC_FIXED_BYTES + i * INSTANCE_BYTES;
    const hostBytes = writeText(views, text, instance.host);
    arena16[(slot + INST_PORT) >> 1] = instance.port;
    arena8[slot + INST_READY] = instance.ready ? 1 : 0;
    arena8[slot + INST_HOST_LENGTH] = hostBytes;
    arena32[(slot + INST_HOST) >> 2] = text - at;
    text += hostBytes;
  }
}

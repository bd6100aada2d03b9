/**
 * Writes a routing record's `Service` message (proto/switchyard/routing/v1/service.proto) straight from
 * database fields into one reused buffer: no decoded object, no protobufjs writer. The bytes are the
 * ones protobufjs writes for the `Service` that `toServiceRecord` builds from the same row (fields in
 * number order, proto3 defaults left out, `static_site` present for static services even when empty,
 * no stamp): `record-writer.test.ts` checks that, byte for byte.
 *
 * Use: `begin`, the service's own fields (`service`), then in this order its hostnames, instances,
 * static rules and header rules, then `finish`, which appends the fields numbered after them.
 */

const LENGTH_DELIMITED = 2;
const VARINT = 0;
const key = (field: number, wire: number) => (field << 3) | wire;

const SERVICE_ID = key(1, LENGTH_DELIMITED);
const SERVICE_NAME = key(2, LENGTH_DELIMITED);
const SERVICE_KIND = key(3, VARINT);
const SERVICE_PLAN = key(4, VARINT);
const SERVICE_STATE = key(5, VARINT);
const SERVICE_REGION = key(6, LENGTH_DELIMITED);
const SERVICE_HOSTNAMES = key(7, LENGTH_DELIMITED);
const SERVICE_INSTANCES = key(8, LENGTH_DELIMITED);
const SERVICE_STATIC_SITE = key(9, LENGTH_DELIMITED);
const SERVICE_SCALER_REF = key(10, LENGTH_DELIMITED);
const SERVICE_HTTPS_REDIRECT = key(13, VARINT);
const SERVICE_HSTS = key(14, LENGTH_DELIMITED);
const INSTANCE_HOST = key(1, LENGTH_DELIMITED);
const INSTANCE_PORT = key(2, VARINT);
const INSTANCE_READY = key(3, VARINT);
const STATIC_ACTIVE_BUILD = key(1, LENGTH_DELIMITED);
const STATIC_RULES = key(2, LENGTH_DELIMITED);
const STATIC_HEADER_RULES = key(3, LENGTH_DELIMITED);
const RULE_SOURCE = key(1, LENGTH_DELIMITED);
const RULE_DESTINATION = key(2, LENGTH_DELIMITED);
const RULE_STATUS = key(3, VARINT);
const RULE_FORCE = key(4, VARINT);
const HEADER_RULE_PATTERN = key(1, LENGTH_DELIMITED);
const HEADER_RULE_HEADERS = key(2, LENGTH_DELIMITED);
const HEADER_NAME = key(1, LENGTH_DELIMITED);
const HEADER_VALUE = key(2, LENGTH_DELIMITED);
const HSTS_MAX_AGE = key(1, VARINT);
const HSTS_INCLUDE_SUBDOMAINS = key(2, VARINT);
const HSTS_PRELOAD = key(3, VARINT);

/** Length of `value` (0 ≤ value < 2^32) as a varint. */
function varint32Length(value: number): number {
  return value < 0x80 ? 1 : value < 0x4000 ? 2 : value < 0x20_0000 ? 3 : value < 0x1000_0000 ? 4 : 5;
}

/** A growable byte buffer with the few protobuf primitives the record needs. */
class Bytes {
  buffer: Buffer;
  length = 0;

  constructor(size: number) {
    this.buffer = Buffer.allocUnsafe(size);
  }

  ensure(extra: number): void {
    if (this.length + extra <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.length + extra));
    this.buffer.copy(grown, 0, 0, this.length);
    this.buffer = grown;
  }

  byte(value: number): void {
    this.ensure(1);
    this.buffer[this.length++] = value;
  }

  varint(value: number): void {
    this.ensure(10);
    let v = value;
    while (v >= 0x80) {
      this.buffer[this.length++] = (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
    }
    this.buffer[this.length++] = v;
  }

  /** `source[from, from + length)` as a length-delimited field `fieldKey`. */
  field(fieldKey: number, source: Uint8Array, from: number, length: number): void {
    this.ensure(6 + length);
    this.buffer[this.length++] = fieldKey;
    this.varint(length);
    const target = this.buffer;
    let at = this.length;
    if (length < 64) {
      // Short fields (most of them) by hand: a subarray or copy call costs more than the bytes.
      for (let i = from, end = from + length; i < end; i++) target[at++] = source[i] as number;
    } else {
      target.set(source.subarray(from, from + length), at);
      at += length;
    }
    this.length = at;
  }

  /** A JavaScript string as a length-delimited field (UTF-8). */
  stringField(fieldKey: number, value: string): void {
    const length = Buffer.byteLength(value);
    this.ensure(6 + length);
    this.buffer[this.length++] = fieldKey;
    this.varint(length);
    this.length += this.buffer.write(value, this.length, 'utf8');
  }

  append(other: Bytes): void {
    this.ensure(other.length);
    other.buffer.copy(this.buffer, this.length, 0, other.length);
    this.length += other.length;
  }
}

/** A service's own fields (the row of `services`), as numbers and byte ranges of `source`. */
export interface ServiceFields {
  /** Proto enum numbers (ServiceKind, Plan, ServiceState); 0 leaves the field out. */
  kind: number;
  plan: number;
  state: number;
  httpsRedirect: boolean;
  /** null: no HSTS policy (no field 14). */
  hstsMaxAge: number | null;
  hstsIncludeSubdomains: boolean;
  hstsPreload: boolean;
}

/** Writes one `Service` message at a time into a reused buffer. */
export class RecordWriter {
  readonly #record = new Bytes(64 * 1024);
  /** StaticSite's rules and header rules, wrapped into field 9 by `finish`. */
  readonly #static = new Bytes(16 * 1024);
  /** The fields after field 8, known from the service row but written last. */
  readonly #activeBuild = new Bytes(256);
  readonly #scalerRef = new Bytes(4096);
  readonly #region: Buffer;
  readonly #fields: ServiceFields = {
    kind: 0,
    plan: 0,
    state: 0,
    httpsRedirect: false,
    hstsMaxAge: null,
    hstsIncludeSubdomains: false,
    hstsPreload: false,
  };
  #hasActiveBuild = false;
  #idStart = 0;

  /** `region`: every record's field 6 (the region being loaded). */
  constructor(region: string) {
    this.#region = Buffer.from(region, 'utf8');
  }

  /**
   * Starts a record: id (`id`: the uuid's 36 characters), name, kind, plan, state, region. `name`,
   * `activeBuild` and `scalerRef` are byte ranges of `source` (`length` -1: NULL). `fields` is read
   * here only (the caller may reuse it).
   */
  begin(
    id: Uint8Array,
    source: Uint8Array,
    name: number,
    nameLength: number,
    fields: ServiceFields,
    activeBuild: number,
    activeBuildLength: number,
    scalerRef: number,
    scalerRefLength: number,
  ): void {
    const record = this.#record;
    record.length = 0;
    this.#static.length = 0;
    const own = this.#fields;
    own.kind = fields.kind;
    own.plan = fields.plan;
    own.state = fields.state;
    own.httpsRedirect = fields.httpsRedirect;
    own.hstsMaxAge = fields.hstsMaxAge;
    own.hstsIncludeSubdomains = fields.hstsIncludeSubdomains;
    own.hstsPreload = fields.hstsPreload;
    record.field(SERVICE_ID, id, 0, 36);
    this.#idStart = 2;
    if (nameLength > 0) record.field(SERVICE_NAME, source, name, nameLength);
    if (fields.kind !== 0) {
      record.byte(SERVICE_KIND);
      record.varint(fields.kind);
    }
    if (fields.plan !== 0) {
      record.byte(SERVICE_PLAN);
      record.varint(fields.plan);
    }
    if (fields.state !== 0) {
      record.byte(SERVICE_STATE);
      record.varint(fields.state);
    }
    if (this.#region.length > 0) record.field(SERVICE_REGION, this.#region, 0, this.#region.length);
    this.#activeBuild.length = 0;
    this.#hasActiveBuild = activeBuildLength > 0;
    if (this.#hasActiveBuild) this.#activeBuild.field(STATIC_ACTIVE_BUILD, source, activeBuild, activeBuildLength);
    this.#scalerRef.length = 0;
    if (scalerRefLength > 0) this.#scalerRef.field(SERVICE_SCALER_REF, source, scalerRef, scalerRefLength);
  }

  hostname(source: Uint8Array, from: number, length: number): void {
    this.#record.field(SERVICE_HOSTNAMES, source, from, length);
  }

  instance(source: Uint8Array, host: number, hostLength: number, port: number, ready: boolean): void {
    const record = this.#record;
    let inner = 0;
    if (hostLength > 0) inner += 1 + varint32Length(hostLength) + hostLength;
    if (port !== 0) inner += 1 + varint32Length(port);
    if (ready) inner += 2;
    record.byte(SERVICE_INSTANCES);
    record.varint(inner);
    if (hostLength > 0) record.field(INSTANCE_HOST, source, host, hostLength);
    if (port !== 0) {
      record.byte(INSTANCE_PORT);
      record.varint(port);
    }
    if (ready) {
      record.byte(INSTANCE_READY);
      record.byte(1);
    }
  }

  /** A static site's redirect/rewrite rule (ignored unless the service is static, as toServiceRecord does). */
  rule(
    source: Uint8Array,
    from: number,
    fromLength: number,
    to: number,
    toLength: number,
    status: number,
    force: boolean,
  ): void {
    const out = this.#static;
    let inner = 0;
    if (fromLength > 0) inner += 1 + varint32Length(fromLength) + fromLength;
    if (toLength > 0) inner += 1 + varint32Length(toLength) + toLength;
    if (status !== 0) inner += 1 + varint32Length(status);
    if (force) inner += 2;
    out.byte(STATIC_RULES);
    out.varint(inner);
    if (fromLength > 0) out.field(RULE_SOURCE, source, from, fromLength);
    if (toLength > 0) out.field(RULE_DESTINATION, source, to, toLength);
    if (status !== 0) {
      out.byte(RULE_STATUS);
      out.varint(status);
    }
    if (force) {
      out.byte(RULE_FORCE);
      out.byte(1);
    }
  }

  /** A static site's header rule; `headers` as stored (a JSON array of `{ name, value }`). */
  headerRule(source: Uint8Array, pattern: number, patternLength: number, headers: readonly HeaderJson[]): void {
    const rule = new Bytes(256);
    if (patternLength > 0) rule.field(HEADER_RULE_PATTERN, source, pattern, patternLength);
    const header = new Bytes(256);
    for (const { name, value } of headers) {
      header.length = 0;
      if (typeof name === 'string' && name !== '') header.stringField(HEADER_NAME, name);
      if (typeof value === 'string' && value !== '') header.stringField(HEADER_VALUE, value);
      rule.byte(HEADER_RULE_HEADERS);
      rule.varint(header.length);
      rule.append(header);
    }
    this.#static.byte(STATIC_HEADER_RULES);
    this.#static.varint(rule.length);
    this.#static.append(rule);
  }

  /** Appends the fields after the children (static site, scaler ref, HTTPS redirect, HSTS). */
  finish(): void {
    const record = this.#record;
    const fields = this.#fields;
    if (fields.kind === STATIC_KIND) {
      record.byte(SERVICE_STATIC_SITE);
      record.varint(this.#activeBuild.length + this.#static.length);
      record.append(this.#activeBuild);
      record.append(this.#static);
    }
    record.append(this.#scalerRef);
    if (fields.httpsRedirect) {
      record.byte(SERVICE_HTTPS_REDIRECT);
      record.byte(1);
    }
    if (fields.hstsMaxAge !== null) {
      const maxAge = fields.hstsMaxAge;
      const inner =
        (maxAge !== 0 ? 1 + varint32Length(maxAge) : 0) +
        (fields.hstsIncludeSubdomains ? 2 : 0) +
        (fields.hstsPreload ? 2 : 0);
      record.byte(SERVICE_HSTS);
      record.varint(inner);
      if (maxAge !== 0) {
        record.byte(HSTS_MAX_AGE);
        record.varint(maxAge);
      }
      if (fields.hstsIncludeSubdomains) {
        record.byte(HSTS_INCLUDE_SUBDOMAINS);
        record.byte(1);
      }
      if (fields.hstsPreload) {
        record.byte(HSTS_PRELOAD);
        record.byte(1);
      }
    }
  }

  /** The finished record's id. */
  id(): string {
    return latin1(this.#record.buffer, this.#idStart, this.#idStart + 36);
  }

  /** The finished record's bytes as a latin1 string (one char per byte: how the cache holds records). */
  content(): string {
    return latin1(this.#record.buffer, 0, this.#record.length);
  }

  /** The finished record's bytes (valid until the next `begin`). */
  bytes(): Buffer {
    return this.#record.buffer.subarray(0, this.#record.length);
  }
}

/**
 * `buffer.toString('latin1', start, end)` without its argument handling (a million calls per load):
 * Buffer's own `latin1Slice`, which toString ends in, where this Node has it.
 */
const latin1: (buffer: Buffer, start: number, end: number) => string =
  typeof (Buffer.prototype as { latin1Slice?: unknown }).latin1Slice === 'function'
    ? (buffer, start, end) =>
        (buffer as unknown as { latin1Slice(s: number, e: number): string }).latin1Slice(start, end)
    : (buffer, start, end) => buffer.toString('latin1', start, end);

/** ServiceKind.SERVICE_KIND_STATIC */
const STATIC_KIND = 2;

/** One element of `static_header_rules.headers`. */
export interface HeaderJson {
  name?: unknown;
  value?: unknown;
}

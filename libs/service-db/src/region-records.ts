import pg from 'pg';
import {
  CopyFormatError,
  CopyOut,
  compareUuid,
  END,
  NEED_DATA,
  readInt64,
  TUPLE,
  writeUuidText,
} from './copy-binary.ts';
import { type HeaderJson, RecordWriter, type ServiceFields } from './record-writer.ts';
import { type ChangeStamp, changelogBound, type RegionSnapshot } from './records.ts';

/**
 * The region as ordered streams of flat rows, one binary COPY each, all read at once on their own
 * connections from one exported snapshot and merged by service id in the cache as they arrive. No
 * aggregation in PostgreSQL (json_agg per service was ~40 % of the load) and no sort of the whole
 * region in one go (one ORDER BY over a union of every row sorted ~4.7 M rows on disk): each stream is
 * a plain join in its own order, and PostgreSQL produces them side by side. `%REGION%` and `%FROM%` are
 * literals (COPY takes no parameters).
 */
const STREAMS = {
  /** id, name, scaler_ref, active_build_id, packed small fields, hsts_max_age */
  services: `SELECT s.id, s.name, s.scaler_ref, s.active_build_id,
       CASE s.kind WHEN 'web' THEN 1 WHEN 'static' THEN 2 ELSE 0 END
        + CASE s.plan WHEN 'free' THEN 4 WHEN 'paid' THEN 8 ELSE 0 END
        + CASE s.state WHEN 'active' THEN 16 WHEN 'suspended' THEN 32 ELSE 0 END
        + s.https_redirect::int * 64 + s.hsts_include_subdomains::int * 128 + s.hsts_preload::int * 256,
       s.hsts_max_age
     FROM services s WHERE s.region = %REGION% ORDER BY s.id`,
  /** service_id, xid, changed_at: every change from `%FROM%` on, of every region (the others become removals). */
  changes: `SELECT service_id, xid, changed_at FROM route_changes WHERE xid >= %FROM% ORDER BY service_id`,
  /** service_id, hostname */
  hostnames: `SELECT h.service_id, h.hostname FROM hostnames h JOIN services s ON s.id = h.service_id
     WHERE s.region = %REGION% ORDER BY h.service_id, h.hostname`,
  /** service_id, host, port, ready */
  instances: `SELECT i.service_id, i.host, i.port, i.ready FROM instances i JOIN services s ON s.id = i.service_id
     WHERE s.region = %REGION% ORDER BY i.service_id, i.host, i.port`,
  /** service_id, kind (0 rule, 1 header rule), source | pattern, destination | headers (JSON), status, force */
  rules: `SELECT r.service_id, 0, r.source, r.destination, r.status, r.force, r.position
       FROM static_rules r JOIN services s ON s.id = r.service_id WHERE s.region = %REGION%
     UNION ALL
     SELECT hr.service_id, 1, hr.pattern, hr.headers::text, NULL, NULL, hr.position
       FROM static_header_rules hr JOIN services s ON s.id = hr.service_id WHERE s.region = %REGION%
     ORDER BY 1, 2, 7`,
};

/** Microseconds from the Unix epoch to PostgreSQL's (2000-01-01), in ms. */
const PG_EPOCH_MS = 946_684_800_000;

/** Receives each record as the cache holds it: its id, its `Service` bytes without the stamp (latin1), the stamp. */
export type RecordSink = (id: string, content: string, version: number, commitTimeMs: number) => void;

/**
 * Every service of `region` from one REPEATABLE READ snapshot, each handed to `onRecord` as its encoded
 * `Service` (without stamp) — the bytes protobufjs would write for `toServiceRecord` of the row — and
 * its stamp, exactly as `loadRegionSnapshot` stamps it (same snapshot, same changelog rule). The rows
 * come as binary COPY streams (`STREAMS`), read side by side on their own short-lived connections that
 * share the first one's snapshot (`pg_export_snapshot`), and each record is written straight from the
 * row bytes: no object per row or per record on the way, and the cache encodes while PostgreSQL still
 * produces. `connect` opens those extra connections (four, closed before this returns).
 */
export async function loadRegionRecords(
  pool: pg.Pool,
  region: string,
  onRecord: RecordSink,
  opts: { stampHorizonMs?: number; connect?: () => Promise<pg.Client> } = {},
): Promise<RegionSnapshot> {
  const connect =
    opts.connect ??
    (async () => {
      const client = new pg.Client(pool.options);
      await client.connect();
      return client;
    });
  const client = await pool.connect();
  const helpers: pg.Client[] = [];
  let broken = false;
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const head = await client.query<{ version: string; now_ms: string; snapshot: string }>(
      `SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS version,
              floor(extract(epoch FROM statement_timestamp()) * 1000)::text AS now_ms,
              pg_export_snapshot() AS snapshot`,
    );
    const { version, now_ms, snapshot } = head.rows[0] as { version: string; now_ms: string; snapshot: string };
    const snapshotVersion = Number(version);
    const stamping = opts.stampHorizonMs !== undefined;
    const completeSince = stamping ? await changelogBound(client, snapshotVersion, opts.stampHorizonMs as number) : 0;
    // Without stamping, no changelog row qualifies.
    const from = stamping ? completeSince : 2 ** 62;
    const sql = (text: string) =>
      text.replaceAll('%REGION%', client.escapeLiteral(region)).replaceAll('%FROM%', `'${from}'::xid8`);
    // A COPY is the whole region in one statement, where a cursor's FETCH was 5,000 rows: it gets ten
    // times the connection's per-statement limits (server statement_timeout, client query_timeout),
    // still bounded so that a silent network cut ends it.
    const limit = 10 * (Number((pool.options as { query_timeout?: number }).query_timeout) || 0);
    const copy = async (db: pg.ClientBase, text: string, fields: number) => {
      // Room to sort in memory instead of on disk, for this transaction only.
      await db.query(`SET LOCAL work_mem = '128MB'`);
      if (limit > 0) await db.query(`SET LOCAL statement_timeout = ${limit}`);
      const out = new CopyOut(`COPY (${sql(text)}) TO STDOUT (FORMAT binary)`, fields);
      if (limit > 0) out.query_timeout = limit;
      db.query(out as unknown as pg.Submittable);
      return out;
    };
    const opened = await Promise.all([0, 1, 2, 3].map(() => connect()));
    helpers.push(...opened);
    await Promise.all(
      helpers.map(async (helper) => {
        await helper.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
        await helper.query(`SET TRANSACTION SNAPSHOT ${client.escapeLiteral(snapshot)}`);
      }),
    );
    const [changes, hostnames, instances, rules] = helpers as [pg.Client, pg.Client, pg.Client, pg.Client];
    const streams = await Promise.all([
      copy(client, STREAMS.services, 6),
      copy(changes, STREAMS.changes, 3),
      copy(hostnames, STREAMS.hostnames, 2),
      copy(instances, STREAMS.instances, 4),
      copy(rules, STREAMS.rules, 7),
    ]);
    const removed = new Map<string, ChangeStamp>();
    const count = await mergeStreams(
      streams,
      region,
      (id, content, xid, ms) => {
        if (!stamping) onRecord(id, content, 0, 0);
        else if (xid < 0) onRecord(id, content, completeSince, 0);
        else onRecord(id, content, Math.min(xid + 1, snapshotVersion), ms);
      },
      (id, xid, ms) => removed.set(id, { version: Math.min(xid + 1, snapshotVersion), commitTimeMs: ms }),
    );
    await Promise.all(streams.map((stream) => stream.done()));
    await Promise.all(helpers.map((helper) => helper.query('COMMIT')));
    await client.query('COMMIT');
    return { version: snapshotVersion, count, commitTimeMs: Number(now_ms), completeSince, removed };
  } catch (err) {
    // A COPY given up half-way leaves its connection mid-protocol: closed, not reused.
    broken = true;
    throw err;
  } finally {
    client.release(broken);
    await Promise.all(helpers.map((helper) => helper.end().catch(() => undefined)));
  }
}

// Field positions in the streams.
const ID = 0;
const S_NAME = 1;
const S_SCALER_REF = 2;
const S_ACTIVE_BUILD = 3;
const S_PACKED = 4;
const S_HSTS_MAX_AGE = 5;
const C_XID = 1;
const C_CHANGED_AT = 2;
const H_HOSTNAME = 1;
const I_HOST = 1;
const I_PORT = 2;
const I_READY = 3;
const R_KIND = 1;
const R_A = 2;
const R_B = 3;
const R_STATUS = 4;
const R_FORCE = 5;

/** `source.next()` until it is not NEED_DATA, waiting for data in between: TUPLE or END. */
async function fill(source: CopyOut): Promise<number> {
  let result = source.next();
  while (result === NEED_DATA) {
    await source.more();
    result = source.next();
  }
  return result;
}

/**
 * Merges the five ordered streams into records: each service row with its changes (the newest xid and
 * time: `onRecord(id, content, xid | -1, ms)`), hostnames, instances and rules; changes of ids that
 * are not services of the region go to `onRemoved`. Returns the number of records.
 */
async function mergeStreams(
  streams: CopyOut[],
  region: string,
  onRecord: (id: string, content: string, xid: number, ms: number) => void,
  onRemoved: (id: string, xid: number, ms: number) => void,
): Promise<number> {
  const [services, changes, hostnames, instances, rules] = streams as [CopyOut, CopyOut, CopyOut, CopyOut, CopyOut];
  const writer = new RecordWriter(region);
  const fields: ServiceFields = {
    kind: 0,
    plan: 0,
    state: 0,
    httpsRedirect: false,
    hstsMaxAge: null,
    hstsIncludeSubdomains: false,
    hstsPreload: false,
  };
  const idText = Buffer.alloc(36);
  // Each `next()` is tried first and awaited only when its data ran out: an await per row (millions)
  // would cost a microtask each.
  let r = 0;
  let hasHostname = (await fill(hostnames)) === TUPLE;
  let hasInstance = (await fill(instances)) === TUPLE;
  let hasRule = (await fill(rules)) === TUPLE;
  let count = 0;

  // The changelog stream is consumed a group (one id's changes) at a time, and never waited for while
  // records can be built: its first row comes only after PostgreSQL sorted it (a million rows after a
  // bulk import, seconds), so records wait in `pending` (id order) until the changes reach them.
  const group = Buffer.alloc(16);
  let groupXid = -1;
  let groupUs = 0;
  let groupOpen = false;
  let groupReady = false;
  let changeCurrent = false;
  let changesEnded = false;
  /** 1: a complete group is ready; 0: more data needed; -1: no more groups. */
  const nextGroup = (): number => {
    if (groupReady) return 1;
    for (;;) {
      if (!changeCurrent) {
        if (changesEnded) {
          if (!groupOpen) return -1;
          groupOpen = false;
          groupReady = true;
          return 1;
        }
        const result = changes.next();
        if (result === NEED_DATA) return 0;
        if (result === END) {
          changesEnded = true;
          continue;
        }
        changeCurrent = true;
      }
      const at = changes.starts[ID] as number;
      if (groupOpen && compareUuid(changes.bytes, at, group, 0) !== 0) {
        groupOpen = false;
        groupReady = true;
        return 1;
      }
      if (!groupOpen) {
        changes.bytes.copy(group, 0, at, at + 16);
        groupXid = -1;
        groupUs = Number.NEGATIVE_INFINITY;
        groupOpen = true;
      }
      const x = readInt64(changes.bytes, changes.starts[C_XID] as number);
      const t = readInt64(changes.bytes, changes.starts[C_CHANGED_AT] as number);
      if (x > groupXid) groupXid = x;
      if (t > groupUs) groupUs = t;
      changeCurrent = false;
    }
  };
  const groupMs = () => Math.floor(groupUs / 1000) + PG_EPOCH_MS;
  const removeGroup = () => {
    writeUuidText(group, 0, idText, 0);
    onRemoved(idText.toString('latin1'), groupXid, groupMs());
    groupReady = false;
  };

  // Records built and not yet handed over: their ids (binary, for the merge with the changes) and strings.
  let pendingKeys = Buffer.allocUnsafe(16 * 4096);
  const pendingIds: string[] = [];
  const pendingContents: string[] = [];
  let head = 0;
  /** Hands over the pending records the changes have reached; false when the changes need more data first. */
  const drain = (): boolean => {
    while (head < pendingIds.length) {
      const ready = nextGroup();
      if (ready === 0) return false;
      let xid = -1;
      let ms = 0;
      if (ready === 1) {
        const order = compareUuid(group, 0, pendingKeys, head * 16);
        if (order < 0) {
          removeGroup(); // changes of an id that is no service of the region
          continue;
        }
        if (order === 0) {
          xid = groupXid;
          ms = groupMs();
          groupReady = false;
        }
      }
      onRecord(pendingIds[head] as string, pendingContents[head] as string, xid, ms);
      head++;
    }
    // Emptied in place: while the changes keep pace this runs once per record.
    pendingIds.length = 0;
    pendingContents.length = 0;
    head = 0;
    return true;
  };
  const hold = (key: Buffer, keyAt: number, id: string, content: string) => {
    const n = pendingIds.length;
    if ((n + 1) * 16 > pendingKeys.length) {
      const grown = Buffer.allocUnsafe(pendingKeys.length * 2);
      pendingKeys.copy(grown, 0, 0, n * 16);
      pendingKeys = grown;
    }
    key.copy(pendingKeys, n * 16, keyAt, keyAt + 16);
    pendingIds.push(id);
    pendingContents.push(content);
  };

  for (;;) {
    r = services.next();
    if (r === NEED_DATA) r = await fill(services);
    if (r !== TUPLE) break;
    const bytes = services.bytes;
    const starts = services.starts;
    const lengths = services.lengths;
    const idAt = starts[ID] as number;
    writeUuidText(bytes, idAt, idText, 0);
    const packed = bytes.readInt32BE(starts[S_PACKED] as number);
    fields.kind = packed & 3;
    fields.plan = (packed >> 2) & 3;
    fields.state = (packed >> 4) & 3;
    if (fields.kind === 0 || fields.plan === 0 || fields.state === 0) {
      throw new CopyFormatError(`service ${idText.toString('latin1')}: unknown kind, plan or state`);
    }
    fields.httpsRedirect = (packed & 64) !== 0;
    fields.hstsIncludeSubdomains = (packed & 128) !== 0;
    fields.hstsPreload = (packed & 256) !== 0;
    fields.hstsMaxAge =
      (lengths[S_HSTS_MAX_AGE] as number) < 0 ? null : bytes.readInt32BE(starts[S_HSTS_MAX_AGE] as number);
    writer.begin(
      idText,
      bytes,
      starts[S_NAME] as number,
      lengths[S_NAME] as number,
      fields,
      starts[S_ACTIVE_BUILD] as number,
      lengths[S_ACTIVE_BUILD] as number,
      starts[S_SCALER_REF] as number,
      lengths[S_SCALER_REF] as number,
    );
    // The service's tuple stays valid while the other streams advance: each source has its own buffer.
    while (hasHostname) {
      const order = compareUuid(hostnames.bytes, hostnames.starts[ID] as number, bytes, idAt);
      if (order > 0) break;
      if (order < 0) throw new CopyFormatError('a hostname of no service of the region');
      writer.hostname(hostnames.bytes, hostnames.starts[H_HOSTNAME] as number, hostnames.lengths[H_HOSTNAME] as number);
      r = hostnames.next();
      if (r === NEED_DATA) r = await fill(hostnames);
      hasHostname = r === TUPLE;
    }
    while (hasInstance) {
      const order = compareUuid(instances.bytes, instances.starts[ID] as number, bytes, idAt);
      if (order > 0) break;
      if (order < 0) throw new CopyFormatError('an instance of no service of the region');
      const at = instances.starts;
      writer.instance(
        instances.bytes,
        at[I_HOST] as number,
        instances.lengths[I_HOST] as number,
        instances.bytes.readInt32BE(at[I_PORT] as number),
        instances.bytes[at[I_READY] as number] !== 0,
      );
      r = instances.next();
      if (r === NEED_DATA) r = await fill(instances);
      hasInstance = r === TUPLE;
    }
    while (hasRule) {
      const order = compareUuid(rules.bytes, rules.starts[ID] as number, bytes, idAt);
      if (order > 0) break;
      if (order < 0) throw new CopyFormatError('a static rule of no service of the region');
      // Rules of a web service are not part of its record (toServiceRecord).
      if (fields.kind === 2) writeRule(writer, rules);
      r = rules.next();
      if (r === NEED_DATA) r = await fill(rules);
      hasRule = r === TUPLE;
    }
    writer.finish();
    hold(bytes, idAt, writer.id(), writer.content());
    drain();
    count++;
  }
  while (!drain()) await changes.more();
  for (;;) {
    const ready = nextGroup();
    if (ready === -1) break;
    if (ready === 0) await changes.more();
    else removeGroup();
  }
  if (hasHostname || hasInstance || hasRule) throw new CopyFormatError('a child row of no service of the region');
  return count;
}

function writeRule(writer: RecordWriter, rules: CopyOut): void {
  const { bytes, starts, lengths } = rules;
  if (bytes.readInt32BE(starts[R_KIND] as number) === 0) {
    writer.rule(
      bytes,
      starts[R_A] as number,
      lengths[R_A] as number,
      starts[R_B] as number,
      lengths[R_B] as number,
      bytes.readInt32BE(starts[R_STATUS] as number),
      bytes[starts[R_FORCE] as number] !== 0,
    );
    return;
  }
  const at = starts[R_B] as number;
  const headers = JSON.parse(bytes.toString('utf8', at, at + (lengths[R_B] as number))) as HeaderJson[];
  writer.headerRule(bytes, starts[R_A] as number, lengths[R_A] as number, headers);
}

import { Plan, type Service, ServiceKind, ServiceState } from '@switchyard/proto';
import type pg from 'pg';
import type { Queryable } from './queryable.ts';
import { type RouteRow, selectServiceRows } from './service-rows.ts';
import { isUuid } from './validate.ts';

export const SNAPSHOT_PAGE_SIZE = 5_000;

const KIND = { web: ServiceKind.SERVICE_KIND_WEB, static: ServiceKind.SERVICE_KIND_STATIC } as const;
const PLAN = { free: Plan.PLAN_FREE, paid: Plan.PLAN_PAID } as const;
const STATE = { active: ServiceState.SERVICE_STATE_ACTIVE, suspended: ServiceState.SERVICE_STATE_SUSPENDED } as const;

/** Database row -> routing record. `version` and `commitTimeMs` are left 0: the cache stamps them. */
export function toServiceRecord(row: RouteRow): Service {
  return {
    id: row.id,
    name: row.name,
    kind: KIND[row.kind],
    plan: PLAN[row.plan],
    state: STATE[row.state],
    region: row.region,
    hostnames: row.hostnames,
    instances: row.instances,
    staticSite:
      row.kind === 'static'
        ? { activeBuildId: row.active_build_id ?? '', rules: row.rules, headerRules: row.header_rules }
        : null,
    scalerRef: row.scaler_ref,
    // Only when set, so records of services without TLS settings stay as small as before.
    ...(row.https_redirect ? { httpsRedirect: true } : {}),
    ...(row.hsts_max_age === null
      ? {}
      : {
          hsts: {
            maxAgeSeconds: row.hsts_max_age,
            includeSubdomains: row.hsts_include_subdomains,
            preload: row.hsts_preload,
          },
        }),
    version: 0,
    commitTimeMs: 0,
  };
}

/** Current records of the given services, of every region, ordered by id; ids that do not exist are absent. */
export async function loadServices(db: Queryable, ids: readonly string[]): Promise<Service[]> {
  const wanted = [...new Set(ids.filter(isUuid).map((id) => id.toLowerCase()))].sort();
  const services: Service[] = [];
  // Bounded statements: a catch-up after a bulk change can name hundreds of thousands of services.
  for (let start = 0; start < wanted.length; start += SNAPSHOT_PAGE_SIZE) {
    const rows = await selectServiceRows(db, 's.id = ANY($1::uuid[])', [
      wanted.slice(start, start + SNAPSHOT_PAGE_SIZE),
    ]);
    for (const row of rows) services.push(toServiceRecord(row));
  }
  return services;
}

/** Each service's newest change from xid `$2` on: its xid and commit time (Unix ms), as text. */
export const LAST_CHANGES = `SELECT service_id, max(xid)::text AS xid, floor(extract(epoch FROM max(changed_at)) * 1000)::text AS ms
     FROM route_changes WHERE xid >= $2::xid8 GROUP BY service_id`;

/**
 * Every service of `region` with its child rows, in id order, as one set-based statement: each child
 * table is read once (merge joins on `service_id`), where paging with correlated subqueries probed
 * four indexes per service (at 100,000 services: 6.0 s of PostgreSQL execution against 3.5 s).
 * Hostnames come as JSON, not as a text[]: JSON.parse is native, node-postgres's array parser is not
 * (it was the loader's largest entry in a profile); instances as `[host, port, ready]` arrays, which
 * PostgreSQL builds 2-3x faster than objects (0.36-0.39 s against 0.77-1.22 s for 175,000 instances). With each
 * service its newest change in the
 * changelog from xid `$2` on (none when `$2` is null). `$1` is the region.
 */
const REGION_ROWS = `SELECT s.id, s.name, s.kind, s.plan, s.state, s.region, s.scaler_ref, s.active_build_id,
       s.https_redirect, s.hsts_max_age, s.hsts_include_subdomains, s.hsts_preload,
       coalesce(h.names, '[]') AS hostnames, coalesce(i.list, '[]') AS instances,
       coalesce(r.list, '[]') AS rules, coalesce(hr.list, '[]') AS header_rules,
       c.xid AS last_change_xid, c.ms AS last_change_ms
     FROM services s
     LEFT JOIN (SELECT service_id, json_agg(hostname ORDER BY hostname) AS names FROM hostnames
                WHERE service_id IN (SELECT id FROM services WHERE region = $1) GROUP BY service_id) h
       ON h.service_id = s.id
     LEFT JOIN (SELECT service_id, json_agg(json_build_array(host, port, ready) ORDER BY host, port) AS list
                FROM instances
                WHERE service_id IN (SELECT id FROM services WHERE region = $1) GROUP BY service_id) i
       ON i.service_id = s.id
     LEFT JOIN (SELECT service_id,
                       json_agg(json_build_object('source', source, 'destination', destination, 'status', status,
                                                  'force', force) ORDER BY position) AS list
                FROM static_rules
                WHERE service_id IN (SELECT id FROM services WHERE region = $1) GROUP BY service_id) r
       ON r.service_id = s.id
     LEFT JOIN (SELECT service_id,
                       json_agg(json_build_object('pattern', pattern, 'headers', headers) ORDER BY position) AS list
                FROM static_header_rules
                WHERE service_id IN (SELECT id FROM services WHERE region = $1) GROUP BY service_id) hr
       ON hr.service_id = s.id
     LEFT JOIN (${LAST_CHANGES}) c ON c.service_id = s.id
     WHERE s.region = $1
     ORDER BY s.id`;

/** A service's newest change within the changelog that was read: the version after it, and its time. */
export interface ChangeStamp {
  version: number;
  commitTimeMs: number;
}

export interface RegionSnapshot {
  /** The snapshot's xmin: every transaction below it is reflected. */
  version: number;
  count: number;
  commitTimeMs: number;
  /** With `stampHorizonMs`: the oldest changelog xid read (see `loadRegionSnapshot`); else 0. */
  completeSince: number;
  /** With `stampHorizonMs`: services changed from `completeSince` on that are not in the region. */
  removed: Map<string, ChangeStamp>;
}

/**
 * Every service of `region` from one REPEATABLE READ snapshot, read through a cursor page by page, so
 * that 1 M services never sit in memory at once. `version` is that snapshot's xmin: follow the change
 * feed from it.
 *
 * With `stampHorizonMs`, every record comes stamped from the changelog of the same snapshot, so that a
 * client of another cache can resume on this one: `completeSince` is the oldest xid of a change
 * committed within the horizon (never below the pruning horizon, never above `version`); a record whose
 * newest change from there on has xid `x` gets version `min(x + 1, version)` (a client at version `v`
 * lacks that change exactly when `x >= v`) and that change's time, a record without one
 * `completeSince` and 0; ids changed from there on that are not in the region come back in `removed`.
 */
export async function loadRegionSnapshot(
  pool: pg.Pool,
  region: string,
  onBatch: (services: Service[]) => void | Promise<void>,
  opts: { pageSize?: number; stampHorizonMs?: number } = {},
): Promise<RegionSnapshot> {
  const pageSize = opts.pageSize ?? SNAPSHOT_PAGE_SIZE;
  const client = await pool.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    // The first statement fixes the transaction's snapshot; its xmin is the version.
    const head = await client.query<{ version: string; now_ms: string }>(
      `SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS version,
              floor(extract(epoch FROM statement_timestamp()) * 1000)::text AS now_ms`,
    );
    const { version, now_ms } = head.rows[0] as { version: string; now_ms: string };
    const snapshotVersion = Number(version);
    const stamping = opts.stampHorizonMs !== undefined;
    const completeSince = stamping ? await changelogBound(client, snapshotVersion, opts.stampHorizonMs as number) : 0;
    const from = stamping ? String(completeSince) : null;
    // One row per service of a freshly seeded million-service region: room to aggregate the changelog in
    // memory instead of on disk (3x faster here), for this transaction only.
    if (stamping) await client.query(`SET LOCAL work_mem = '256MB'`);
    await client.query(`DECLARE region_rows NO SCROLL CURSOR FOR ${REGION_ROWS}`, [region, from]);
    const stamp = (row: RegionRow): Service => {
      const service = toServiceRecord({
        ...row,
        instances: row.instances.map(([host, port, ready]) => ({ host, port, ready })),
      });
      if (!stamping) return service;
      if (row.last_change_xid === null) service.version = completeSince;
      else service.version = Math.min(Number(row.last_change_xid) + 1, snapshotVersion);
      service.commitTimeMs = row.last_change_ms === null ? 0 : Number(row.last_change_ms);
      return service;
    };
    const page = async (): Promise<RegionRow[]> =>
      (await client.query<RegionRow>(`FETCH ${Number(pageSize)} FROM region_rows`)).rows;
    let count = 0;
    let rows = await page();
    while (rows.length > 0) {
      // Ask for the next page before handing this one over, so the database works while the caller does.
      const next = rows.length < pageSize ? undefined : page();
      next?.catch(() => undefined); // surfaced by the await below; avoids an unhandled rejection meanwhile
      count += rows.length;
      await onBatch(rows.map(stamp));
      rows = next ? await next : [];
    }
    const removed = new Map<string, ChangeStamp>();
    if (stamping) {
      const gone = await client.query<{ id: string; xid: string; ms: string }>(
        `SELECT c.service_id::text AS id, c.xid, c.ms FROM (${LAST_CHANGES}) c
         WHERE NOT EXISTS (SELECT 1 FROM services s WHERE s.id = c.service_id AND s.region = $1)`,
        [region, from],
      );
      for (const row of gone.rows) {
        removed.set(row.id, { version: Math.min(Number(row.xid) + 1, snapshotVersion), commitTimeMs: Number(row.ms) });
      }
    }
    await client.query('COMMIT');
    return { version: snapshotVersion, count, commitTimeMs: Number(now_ms), completeSince, removed };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

interface RegionRow extends Omit<RouteRow, 'instances'> {
  instances: [host: string, port: number, ready: boolean][];
  last_change_xid: string | null;
  last_change_ms: string | null;
}

/**
 * The oldest xid of a change committed within the last `horizonMs` (never below the pruning horizon,
 * never above `version`, at least 1): every change from it on is in the changelog, so a client at or
 * above it can resume with deltas, and reading from there costs the horizon's changes, not the
 * changelog's whole history.
 */
export async function changelogBound(client: pg.PoolClient, version: number, horizonMs: number): Promise<number> {
  const bound = await client.query<{ since: string }>(
    `SELECT least($2::xid8, greatest(
       (SELECT pruned_below FROM route_changes_horizon),
       coalesce(
         (SELECT min(xid) FROM route_changes WHERE changed_at >= clock_timestamp() - make_interval(secs => $1 / 1000.0)),
         $2::xid8)
     ))::text AS since`,
    [horizonMs, String(version)],
  );
  return Math.max(1, Number(bound.rows[0]?.since ?? version));
}

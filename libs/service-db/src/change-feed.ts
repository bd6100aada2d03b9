import type { Queryable } from './queryable.ts';
import { type RouteRow, serviceRowsSql } from './service-rows.ts';

/** Channel of the constant-payload wake-up NOTIFY sent once per transaction that changed routing state. */
export const ROUTE_CHANGES_CHANNEL = 'switchyard_route_changes';

export interface ChangeBatch {
  /** xmin of the snapshot the changes were read with: every transaction below it is reflected. */
  version: number;
  /** Services touched by transactions with xid >= sinceVersion that were committed in that snapshot. */
  serviceIds: string[];
  /** Each service's own latest `changed_at` among those changes (Unix ms), in `serviceIds`' order. */
  commitTimesMs: number[];
  /** Latest `changed_at` among those changes (Unix ms), 0 when there are none. */
  commitTimeMs: number;
  /** The changelog no longer covers `sinceVersion` (pruned or truncated, or 0 = nothing loaded yet): reload in full. */
  resyncRequired: boolean;
  /**
   * With `rowsUpTo`: the current rows of the changed services that still exist (any region, by id), read
   * in the same snapshot as the changelog; absent when more than `rowsUpTo` services changed.
   */
  rows?: RouteRow[];
}

/**
 * The changelog read (one statement, one snapshot); $1 is the reader's version. The tail of route_changes
 * is read through route_changes_since (migrations/0003: always by index). Exported for EXPLAIN.
 */
export const CHANGELOG_READ_SQL = changelogReadSql(false);

/**
 * The changelog read; with `withRows`, also the changed services' rows as JSON when at most $2 services
 * changed (the usual case: one round trip per change instead of two; a bulk change is fetched in pages).
 */
function changelogReadSql(withRows: boolean): string {
  const rows = withRows
    ? `, CASE WHEN cardinality(per.ids) <= $2::int
              THEN (SELECT coalesce(json_agg(r), '[]') FROM (${serviceRowsSql('s.id IN (SELECT service_id FROM latest)')}) r)
         END AS rows`
    : '';
  return `WITH changes AS (SELECT service_id, changed_at FROM route_changes_since($1::xid8)),
          latest AS (SELECT service_id, max(changed_at) AS changed_at FROM changes GROUP BY service_id)
     SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS version,
            (SELECT pruned_below::text FROM route_changes_horizon) AS pruned_below,
            per.ids, per.commit_times_ms,
            (SELECT floor(extract(epoch FROM max(changed_at)) * 1000)::text FROM latest) AS commit_ms${rows}
       FROM (SELECT coalesce(array_agg(service_id::text), '{}') AS ids,
                    coalesce(array_agg(floor(extract(epoch FROM changed_at) * 1000)::float8), '{}') AS commit_times_ms
               FROM latest) per`;
}

const CHANGELOG_READ_WITH_ROWS_SQL = changelogReadSql(true);

/**
 * Reads the changes since `sinceVersion` in one statement, hence one snapshot (DESIGN.md "Versions").
 * A transaction that started earlier and commits later has an xid >= the version returned now, so the
 * next read from that version sees it. An open transaction holds `version` back but not the changes of
 * transactions that committed after it started.
 */
export async function readChanges(
  db: Queryable,
  sinceVersion: number,
  opts: { rowsUpTo?: number } = {},
): Promise<ChangeBatch> {
  const since = versionText(sinceVersion);
  const withRows = opts.rowsUpTo !== undefined;
  const { rows } = await db.query<{
    version: string;
    pruned_below: string;
    ids: string[];
    commit_times_ms: number[];
    commit_ms: string | null;
    rows?: RouteRow[] | null;
  }>(
    // Named: parsed and planned once per connection (planning was a third of a read's time at 100 changes).
    withRows
      ? { name: 'switchyard-changelog-read-rows', text: CHANGELOG_READ_WITH_ROWS_SQL, values: [since, opts.rowsUpTo] }
      : { name: 'switchyard-changelog-read', text: CHANGELOG_READ_SQL, values: [since] },
  );
  const row = rows[0];
  if (!row) throw new Error('readChanges: no row returned');
  const prunedBelow = Number(row.pruned_below);
  return {
    version: Number(row.version),
    serviceIds: row.ids,
    commitTimesMs: row.commit_times_ms,
    commitTimeMs: row.commit_ms === null ? 0 : Number(row.commit_ms),
    // Rows with xid >= prunedBelow are all still there, so a reader at exactly prunedBelow can catch up.
    resyncRequired: sinceVersion === 0 || sinceVersion < prunedBelow,
    ...(row.rows ? { rows: row.rows } : {}),
  };
}

/**
 * Deletes changelog rows (route_changes and tls_changes) older than `olderThanMs`, at a clean xid boundary: every row below the returned
 * `prunedBelow` is gone, every row at or above it is kept, and it never passes a transaction still open.
 */
export async function pruneChanges(
  db: Queryable,
  opts: { olderThanMs: number },
): Promise<{ deleted: number; prunedBelow: number }> {
  if (!Number.isFinite(opts.olderThanMs) || opts.olderThanMs < 0) {
    throw new RangeError(`pruneChanges: olderThanMs must be a non-negative number, got ${opts.olderThanMs}`);
  }
  // One statement: the boundary is the oldest xid of a row to keep, capped by the snapshot's xmin so that
  // no transaction that could still add rows below it is open.
  const { rows } = await db.query<{ pruned_below: string; deleted: string }>(
    `WITH boundary AS (
       SELECT least(
         pg_snapshot_xmin(pg_current_snapshot()),
         (SELECT min(xid) FROM route_changes WHERE changed_at >= clock_timestamp() - make_interval(secs => $1 / 1000.0)),
         (SELECT min(xid) FROM tls_changes WHERE changed_at >= clock_timestamp() - make_interval(secs => $1 / 1000.0))
       ) AS xid
     ),
     horizon AS (
       UPDATE route_changes_horizon SET pruned_below = greatest(pruned_below, (SELECT xid FROM boundary))
       RETURNING pruned_below
     ),
     deleted AS (
       DELETE FROM route_changes WHERE xid < (SELECT xid FROM boundary) RETURNING 1
     ),
     tls_deleted AS (
       DELETE FROM tls_changes WHERE xid < (SELECT xid FROM boundary) RETURNING 1
     )
     SELECT (SELECT pruned_below::text FROM horizon) AS pruned_below, ((SELECT count(*) FROM deleted) + (SELECT count(*) FROM tls_deleted))::text AS deleted`,
    [opts.olderThanMs],
  );
  const row = rows[0];
  if (!row) throw new Error('pruneChanges: no row returned');
  return { deleted: Number(row.deleted), prunedBelow: Number(row.pruned_below) };
}

function versionText(version: number): string {
  if (!Number.isSafeInteger(version) || version < 0) {
    throw new RangeError(`version must be a non-negative safe integer, got ${version}`);
  }
  return String(version);
}

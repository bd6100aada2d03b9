import { Plan, type Service, ServiceKind, ServiceState } from '@switchyard/proto';
import type pg from 'pg';
import type { Queryable } from './queryable.ts';
import { type ServiceRow, selectServiceRows } from './service-rows.ts';
import { isUuid } from './validate.ts';

export const SNAPSHOT_PAGE_SIZE = 5_000;

const KIND = { web: ServiceKind.SERVICE_KIND_WEB, static: ServiceKind.SERVICE_KIND_STATIC } as const;
const PLAN = { free: Plan.PLAN_FREE, paid: Plan.PLAN_PAID } as const;
const STATE = { active: ServiceState.SERVICE_STATE_ACTIVE, suspended: ServiceState.SERVICE_STATE_SUSPENDED } as const;

/** Database row -> routing record. `version` and `commitTimeMs` are left 0: the cache stamps them. */
export function toServiceRecord(row: ServiceRow): Service {
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
    version: 0,
    commitTimeMs: 0,
  };
}

/** Current records of the given services, of every region, ordered by id; ids that do not exist are absent. */
export async function loadServices(db: Queryable, ids: readonly string[]): Promise<Service[]> {
  const wanted = [...new Set(ids.filter(isUuid).map((id) => id.toLowerCase()))];
  if (wanted.length === 0) return [];
  const rows = await selectServiceRows(db, 's.id = ANY($1::uuid[])', [wanted]);
  return rows.map(toServiceRecord);
}

/**
 * Every service of `region` from one REPEATABLE READ snapshot, page by page (keyset on id), so that 1 M
 * services never sit in memory at once. `version` is that snapshot's xmin: follow the change feed from it.
 */
export async function loadRegionSnapshot(
  pool: pg.Pool,
  region: string,
  onBatch: (services: Service[]) => void | Promise<void>,
  opts: { pageSize?: number } = {},
): Promise<{ version: number; count: number; commitTimeMs: number }> {
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
    let count = 0;
    let after = '00000000-0000-0000-0000-000000000000';
    let first = true;
    for (;;) {
      const rows = await selectServiceRows(
        client,
        first ? 's.region = $1 AND s.id >= $2::uuid' : 's.region = $1 AND s.id > $2::uuid',
        [region, after, pageSize],
        'ORDER BY s.id LIMIT $3',
      );
      first = false;
      if (rows.length === 0) break;
      count += rows.length;
      after = (rows[rows.length - 1] as ServiceRow).id;
      await onBatch(rows.map(toServiceRecord));
      if (rows.length < pageSize) break;
    }
    await client.query('COMMIT');
    return { version: Number(version), count, commitTimeMs: Number(now_ms) };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

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
    const page = (after: string | undefined): Promise<ServiceRow[]> =>
      after === undefined
        ? selectServiceRows(client, 's.region = $1', [region, pageSize], 'ORDER BY s.id LIMIT $2')
        : selectServiceRows(
            client,
            's.region = $1 AND s.id > $2::uuid',
            [region, after, pageSize],
            'ORDER BY s.id LIMIT $3',
          );
    let count = 0;
    let rows = await page(undefined);
    while (rows.length > 0) {
      // Ask for the next page before handing this one over, so the database works while the caller does.
      const next = rows.length < pageSize ? undefined : page((rows[rows.length - 1] as ServiceRow).id);
      next?.catch(() => undefined); // surfaced by the await below; avoids an unhandled rejection meanwhile
      count += rows.length;
      await onBatch(rows.map(toServiceRecord));
      rows = next ? await next : [];
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

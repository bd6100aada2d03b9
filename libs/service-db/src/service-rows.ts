import type { Queryable } from './queryable.ts';

/** What a routing record is made of: a service with its hostnames, instances and static-site rules. */
export type RouteRow = Omit<ServiceRow, 'created_at' | 'updated_at'>;

/** A service row with its hostnames, instances and static-site rules aggregated in, as both mappers need it. */
export interface ServiceRow {
  id: string;
  name: string;
  kind: 'web' | 'static';
  plan: 'free' | 'paid';
  state: 'active' | 'suspended';
  region: string;
  scaler_ref: string;
  active_build_id: string | null;
  https_redirect: boolean;
  hsts_max_age: number | null;
  hsts_include_subdomains: boolean;
  hsts_preload: boolean;
  created_at: Date;
  updated_at: Date;
  hostnames: string[];
  instances: { host: string; port: number; ready: boolean }[];
  rules: { source: string; destination: string; status: number; force: boolean }[];
  header_rules: { pattern: string; headers: { name: string; value: string }[] }[];
}

/**
 * One query for any number of services: the child rows are aggregated by correlated subqueries that use
 * each child table's service index, so a page of 5,000 services costs one round trip (no N+1).
 * `where` is a trusted SQL fragment over alias `s`; values go in `params`.
 */
export async function selectServiceRows(
  db: Queryable,
  where: string,
  params: unknown[],
  tail = 'ORDER BY s.id',
): Promise<ServiceRow[]> {
  const { rows } = await db.query<ServiceRow>(serviceRowsSql(where, tail), params);
  return rows;
}

/** The statement `selectServiceRows` runs, for use inside a larger one (`where` and `tail` as there). */
export function serviceRowsSql(where: string, tail = 'ORDER BY s.id'): string {
  return `SELECT s.id, s.name, s.kind, s.plan, s.state, s.region, s.scaler_ref, s.active_build_id, s.https_redirect,
       s.hsts_max_age, s.hsts_include_subdomains, s.hsts_preload, s.created_at, s.updated_at,
       ARRAY(SELECT h.hostname FROM hostnames h WHERE h.service_id = s.id ORDER BY h.hostname) AS hostnames,
       coalesce((SELECT json_agg(json_build_object('host', i.host, 'port', i.port, 'ready', i.ready) ORDER BY i.host, i.port)
                 FROM instances i WHERE i.service_id = s.id), '[]') AS instances,
       coalesce((SELECT json_agg(json_build_object('source', r.source, 'destination', r.destination, 'status', r.status, 'force', r.force)
                   ORDER BY r.position)
                 FROM static_rules r WHERE r.service_id = s.id), '[]') AS rules,
       coalesce((SELECT json_agg(json_build_object('pattern', hr.pattern, 'headers', hr.headers) ORDER BY hr.position)
                 FROM static_header_rules hr WHERE hr.service_id = s.id), '[]') AS header_rules
     FROM services s
     WHERE ${where}
     ${tail}`;
}

import type pg from 'pg';
import { ConflictError, mappingPgErrors, NotFoundError, ValidationError } from './errors.ts';
import { atomically, type Queryable } from './queryable.ts';
import { type ServiceRow, selectServiceRows } from './service-rows.ts';
import {
  checkBoolean,
  checkBuildId,
  checkCount,
  checkHeaderRules,
  checkHostname,
  checkHsts,
  checkInstanceHost,
  checkLabel,
  checkOneOf,
  checkPort,
  checkRules,
  checkScalerRef,
  type HeaderRuleInput,
  isUuid,
  KINDS,
  PLANS,
  type Rule,
  type RuleInput,
  STATES,
} from './validate.ts';

/** Typed data access for the CLI and tests: input is validated here first, the schema's constraints back it up. */

export interface ServiceInput {
  name: string;
  kind: 'web' | 'static';
  plan: 'free' | 'paid';
  region: string;
  scalerRef?: string;
  state?: 'active' | 'suspended';
}

export interface ServiceRecord {
  id: string;
  name: string;
  kind: 'web' | 'static';
  plan: 'free' | 'paid';
  state: 'active' | 'suspended';
  region: string;
  scalerRef: string;
  activeBuildId: string | null;
  hostnames: string[];
  instances: { host: string; port: number; ready: boolean }[];
  rules: Rule[];
  headerRules: HeaderRuleInput[];
  /** Plain-HTTP requests are redirected to HTTPS (except the ACME challenge path). */
  httpsRedirect: boolean;
  /** Strict-Transport-Security on HTTPS responses; null: none. */
  hsts: HstsInput | null;
  createdAt: string;
  updatedAt: string;
}

/** A Strict-Transport-Security policy. */
export interface HstsInput {
  maxAgeSeconds: number;
  includeSubdomains?: boolean;
  preload?: boolean;
}

export type ServicePatch = Partial<Pick<ServiceInput, 'plan' | 'state' | 'region' | 'scalerRef' | 'name'>> & {
  httpsRedirect?: boolean;
  /** null removes the policy. */
  hsts?: HstsInput | null;
};

function toRecord(row: ServiceRow): ServiceRecord {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    plan: row.plan,
    state: row.state,
    region: row.region,
    scalerRef: row.scaler_ref,
    activeBuildId: row.active_build_id,
    hostnames: row.hostnames,
    instances: row.instances,
    rules: row.rules,
    headerRules: row.header_rules,
    httpsRedirect: row.https_redirect,
    hsts:
      row.hsts_max_age === null
        ? null
        : {
            maxAgeSeconds: row.hsts_max_age,
            includeSubdomains: row.hsts_include_subdomains,
            preload: row.hsts_preload,
          },
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

const run = mappingPgErrors;

function serviceNotFound(id: unknown): NotFoundError {
  return new NotFoundError('serviceId', `service ${JSON.stringify(id)} not found`);
}

/** A malformed UUID cannot name a service, so it is "not found" rather than a database syntax error. */
function checkServiceId(id: unknown): string {
  if (!isUuid(id)) throw serviceNotFound(id);
  return id.toLowerCase();
}

async function requireService(db: Queryable, id: string): Promise<{ kind: 'web' | 'static' }> {
  const { rows } = await db.query<{ kind: 'web' | 'static' }>('SELECT kind FROM services WHERE id = $1', [id]);
  const row = rows[0];
  if (!row) throw serviceNotFound(id);
  return row;
}

async function requireStaticService(db: Queryable, id: string): Promise<void> {
  const { kind } = await requireService(db, id);
  if (kind !== 'static') {
    throw new ValidationError('kind', `service ${id} is a ${kind} service: builds and rules belong to static services`);
  }
}

export async function getService(db: Queryable, id: string): Promise<ServiceRecord> {
  const serviceId = checkServiceId(id);
  const [row] = await run(() => selectServiceRows(db, 's.id = $1', [serviceId]));
  if (!row) throw serviceNotFound(id);
  return toRecord(row);
}

export async function listServices(
  db: Queryable,
  opts: { region?: string; limit?: number } = {},
): Promise<ServiceRecord[]> {
  const limit = opts.limit ?? 1000;
  if (!Number.isSafeInteger(limit) || limit < 1) {
    throw new ValidationError('limit', `invalid limit ${JSON.stringify(limit)}: a positive integer`);
  }
  const rows =
    opts.region === undefined
      ? await run(() => selectServiceRows(db, 'true', [limit], 'ORDER BY s.region, s.name LIMIT $1'))
      : await run(() =>
          selectServiceRows(
            db,
            's.region = $1',
            [checkLabel('region', opts.region), limit],
            'ORDER BY s.name LIMIT $2',
          ),
        );
  return rows.map(toRecord);
}

export async function createService(db: Queryable, input: ServiceInput): Promise<ServiceRecord> {
  const name = checkLabel('name', input.name);
  const kind = checkOneOf('kind', input.kind, KINDS);
  const plan = checkOneOf('plan', input.plan, PLANS);
  const region = checkLabel('region', input.region);
  const scalerRef = checkScalerRef(input.scalerRef ?? '');
  const state = checkOneOf('state', input.state ?? 'active', STATES);
  const { rows } = await run(() =>
    db.query<{ id: string }>(
      'INSERT INTO services (name, kind, plan, region, scaler_ref, state) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
      [name, kind, plan, region, scalerRef, state],
    ),
  ).catch((err: unknown) => {
    if (err instanceof ConflictError && err.field === 'name') {
      throw new ConflictError('name', `a service named ${JSON.stringify(name)} already exists in region ${region}`, {
        cause: err,
      });
    }
    throw err;
  });
  return getService(db, (rows[0] as { id: string }).id);
}

export async function updateService(db: Queryable, id: string, patch: ServicePatch): Promise<ServiceRecord> {
  const serviceId = checkServiceId(id);
  const sets: string[] = [];
  const values: unknown[] = [serviceId];
  const set = (column: string, value: unknown): void => {
    values.push(value);
    sets.push(`${column} = $${values.length}`);
  };
  if (patch.name !== undefined) set('name', checkLabel('name', patch.name));
  if (patch.plan !== undefined) set('plan', checkOneOf('plan', patch.plan, PLANS));
  if (patch.state !== undefined) set('state', checkOneOf('state', patch.state, STATES));
  if (patch.region !== undefined) set('region', checkLabel('region', patch.region));
  if (patch.scalerRef !== undefined) set('scaler_ref', checkScalerRef(patch.scalerRef));
  if (patch.httpsRedirect !== undefined) set('https_redirect', checkBoolean('httpsRedirect', patch.httpsRedirect));
  if (patch.hsts !== undefined) {
    const hsts = checkHsts(patch.hsts);
    set('hsts_max_age', hsts?.maxAgeSeconds ?? null);
    set('hsts_include_subdomains', hsts?.includeSubdomains ?? false);
    set('hsts_preload', hsts?.preload ?? false);
  }
  if (sets.length > 0) {
    const { rowCount } = await run(() =>
      db.query(`UPDATE services SET ${sets.join(', ')}, updated_at = now() WHERE id = $1`, values),
    );
    if (rowCount === 0) throw serviceNotFound(id);
  }
  return getService(db, serviceId);
}

export async function deleteService(db: Queryable, id: string): Promise<void> {
  const serviceId = checkServiceId(id);
  const { rowCount } = await run(() => db.query('DELETE FROM services WHERE id = $1', [serviceId]));
  if (rowCount === 0) throw serviceNotFound(id);
}

/** Adds a hostname to a service; returns it normalised (lower-case, no trailing dot). */
export async function addHostname(db: Queryable, serviceId: string, hostname: string): Promise<string> {
  const id = checkServiceId(serviceId);
  const host = checkHostname(hostname);
  try {
    await run(() => db.query('INSERT INTO hostnames (hostname, service_id) VALUES ($1, $2)', [host, id]));
  } catch (err) {
    if (err instanceof NotFoundError) throw serviceNotFound(serviceId);
    if (err instanceof ConflictError) {
      const { rows } = await db.query<{ service_id: string }>('SELECT service_id FROM hostnames WHERE hostname = $1', [
        host,
      ]);
      const owner = rows[0]?.service_id;
      throw new ConflictError('hostname', `hostname ${host} is already used${owner ? ` by service ${owner}` : ''}`, {
        cause: err,
      });
    }
    throw err;
  }
  return host;
}

/** Moves a hostname to another service in one statement (one change for both services). */
export async function moveHostname(db: Queryable, hostname: string, toServiceId: string): Promise<void> {
  const host = checkHostname(hostname);
  const id = checkServiceId(toServiceId);
  const { rowCount } = await run(() =>
    db.query('UPDATE hostnames SET service_id = $2 WHERE hostname = $1', [host, id]),
  ).catch((err: unknown) => {
    throw err instanceof NotFoundError ? serviceNotFound(toServiceId) : err;
  });
  if (rowCount === 0) throw new NotFoundError('hostname', `hostname ${host} not found`);
}

export async function removeHostname(db: Queryable, hostname: string): Promise<void> {
  const host = checkHostname(hostname);
  const { rowCount } = await run(() => db.query('DELETE FROM hostnames WHERE hostname = $1', [host]));
  if (rowCount === 0) throw new NotFoundError('hostname', `hostname ${host} not found`);
}

export async function addInstance(
  db: Queryable,
  serviceId: string,
  instance: { host: string; port: number; ready?: boolean },
): Promise<void> {
  const id = checkServiceId(serviceId);
  const host = checkInstanceHost(instance.host);
  const port = checkPort(instance.port);
  const ready = checkBoolean('ready', instance.ready ?? true);
  try {
    await run(() =>
      db.query('INSERT INTO instances (service_id, host, port, ready) VALUES ($1, $2, $3, $4)', [
        id,
        host,
        port,
        ready,
      ]),
    );
  } catch (err) {
    if (err instanceof NotFoundError) throw serviceNotFound(serviceId);
    if (err instanceof ConflictError) {
      throw new ConflictError('instance', `service ${id} already has instance ${host}:${port}`, { cause: err });
    }
    throw err;
  }
}

function instanceNotFound(serviceId: string, host: string, port: number): NotFoundError {
  return new NotFoundError('instance', `service ${serviceId} has no instance ${host}:${port}`);
}

export async function removeInstance(db: Queryable, serviceId: string, host: string, port: number): Promise<void> {
  const id = checkServiceId(serviceId);
  const instanceHost = checkInstanceHost(host);
  const instancePort = checkPort(port);
  const { rowCount } = await run(() =>
    db.query('DELETE FROM instances WHERE service_id = $1 AND host = $2 AND port = $3', [
      id,
      instanceHost,
      instancePort,
    ]),
  );
  if (rowCount === 0) {
    await requireService(db, id);
    throw instanceNotFound(id, instanceHost, instancePort);
  }
}

/** Marks an instance ready or not; writes (and so notifies) only when the value changes. */
export async function setInstanceReady(
  db: Queryable,
  serviceId: string,
  host: string,
  port: number,
  ready: boolean,
): Promise<void> {
  const id = checkServiceId(serviceId);
  const instanceHost = checkInstanceHost(host);
  const instancePort = checkPort(port);
  const value = checkBoolean('ready', ready);
  const { rowCount } = await run(() =>
    db.query(
      'UPDATE instances SET ready = $4 WHERE service_id = $1 AND host = $2 AND port = $3 AND ready IS DISTINCT FROM $4',
      [id, instanceHost, instancePort, value],
    ),
  );
  if (rowCount === 0) {
    const { rows } = await db.query('SELECT 1 FROM instances WHERE service_id = $1 AND host = $2 AND port = $3', [
      id,
      instanceHost,
      instancePort,
    ]);
    if (rows.length === 0) {
      await requireService(db, id);
      throw instanceNotFound(id, instanceHost, instancePort);
    }
  }
}

/** Records a static build (its files are uploaded under sites/<serviceId>/<buildId>/ by the caller). */
export async function createStaticBuild(
  db: Queryable,
  serviceId: string,
  buildId: string,
  stats: { fileCount: number; totalBytes: number } = { fileCount: 0, totalBytes: 0 },
): Promise<void> {
  const id = checkServiceId(serviceId);
  const build = checkBuildId(buildId);
  const fileCount = checkCount('fileCount', stats.fileCount);
  const totalBytes = checkCount('totalBytes', stats.totalBytes);
  await requireStaticService(db, id);
  try {
    await run(() =>
      db.query('INSERT INTO static_builds (service_id, id, file_count, total_bytes) VALUES ($1, $2, $3, $4)', [
        id,
        build,
        fileCount,
        totalBytes,
      ]),
    );
  } catch (err) {
    if (err instanceof NotFoundError) throw serviceNotFound(serviceId);
    if (err instanceof ConflictError) {
      throw new ConflictError('buildId', `service ${id} already has build ${build}`, { cause: err });
    }
    throw err;
  }
}

/** Publishes a build (or nothing, with null). The build must exist. */
export async function setActiveBuild(db: Queryable, serviceId: string, buildId: string | null): Promise<void> {
  const id = checkServiceId(serviceId);
  const build = buildId === null ? null : checkBuildId(buildId);
  await requireStaticService(db, id);
  if (build !== null) {
    const { rows } = await db.query('SELECT 1 FROM static_builds WHERE service_id = $1 AND id = $2', [id, build]);
    if (rows.length === 0) throw new NotFoundError('buildId', `service ${id} has no build ${build}`);
  }
  const { rowCount } = await run(() =>
    db.query(
      'UPDATE services SET active_build_id = $2, updated_at = now() WHERE id = $1 AND active_build_id IS DISTINCT FROM $2',
      [id, build],
    ),
  );
  if (rowCount === 0) await requireService(db, id);
}

/** Replaces all redirect/rewrite rules and header rules of a static service, atomically. */
export async function setRules(
  db: Queryable,
  serviceId: string,
  rules: { rules: RuleInput[]; headerRules: HeaderRuleInput[] },
): Promise<void> {
  const id = checkServiceId(serviceId);
  const redirects = checkRules(rules.rules);
  const headerRules = checkHeaderRules(rules.headerRules);
  await run(() =>
    atomically(db, async (client: pg.ClientBase) => {
      // Lock the service row so that two concurrent replacements serialise instead of colliding on positions.
      const { rows } = await client.query<{ kind: string }>('SELECT kind FROM services WHERE id = $1 FOR UPDATE', [id]);
      const kind = rows[0]?.kind;
      if (kind === undefined) throw serviceNotFound(id);
      if (kind !== 'static') {
        throw new ValidationError('kind', `service ${id} is a ${kind} service: rules belong to static services`);
      }
      await client.query('DELETE FROM static_rules WHERE service_id = $1', [id]);
      await client.query('DELETE FROM static_header_rules WHERE service_id = $1', [id]);
      if (redirects.length > 0) {
        await client.query(
          `INSERT INTO static_rules (service_id, position, source, destination, status, force)
           SELECT $1, r.ord - 1, r.source, r.destination, r.status, r.force
           FROM ROWS FROM (jsonb_to_recordset($2::jsonb) AS (source text, destination text, status int, force boolean))
             WITH ORDINALITY AS r(source, destination, status, force, ord)`,
          [id, JSON.stringify(redirects)],
        );
      }
      if (headerRules.length > 0) {
        await client.query(
          `INSERT INTO static_header_rules (service_id, position, pattern, headers)
           SELECT $1, r.ord - 1, r.pattern, r.headers
           FROM ROWS FROM (jsonb_to_recordset($2::jsonb) AS (pattern text, headers jsonb))
             WITH ORDINALITY AS r(pattern, headers, ord)`,
          [id, JSON.stringify(headerRules)],
        );
      }
    }),
  );
}

export interface StaticBuildRecord {
  id: string;
  fileCount: number;
  totalBytes: number;
  createdAt: string;
  active: boolean;
}

/** The builds of a static service, newest first, the active one marked. */
export async function listStaticBuilds(db: Queryable, serviceId: string): Promise<StaticBuildRecord[]> {
  const id = checkServiceId(serviceId);
  await requireStaticService(db, id);
  const { rows } = await run(() =>
    db.query<{ id: string; file_count: number; total_bytes: string; created_at: Date; active: boolean }>(
      `SELECT b.id, b.file_count, b.total_bytes, b.created_at, (s.active_build_id = b.id) IS TRUE AS active
       FROM static_builds b JOIN services s ON s.id = b.service_id
       WHERE b.service_id = $1
       ORDER BY b.created_at DESC, b.id DESC`,
      [id],
    ),
  );
  return rows.map((row) => ({
    id: row.id,
    fileCount: row.file_count,
    totalBytes: Number(row.total_bytes),
    createdAt: row.created_at.toISOString(),
    active: row.active,
  }));
}

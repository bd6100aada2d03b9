import type pg from 'pg';
import { mapPgError, NotFoundError, ValidationError } from './errors.ts';
import { atomically, type Queryable } from './queryable.ts';
import { isUuid } from './validate.ts';

/**
 * Removing old static builds from the service database. Only the records: the caller deletes the
 * build's files afterwards. Records go first so that a removed build can never be activated again
 * while its files disappear (`setActiveBuild` needs the record, and the deferred foreign key from
 * `services.active_build_id` fails a concurrent activation that commits after the removal).
 *
 * Safe against a deploy or a rollback at the same time: the service row is locked `FOR UPDATE`, so a
 * deploy's `INSERT INTO static_builds` (which takes a key-share lock on it through its foreign key)
 * and an activation (an UPDATE of it) wait for the removal, or the removal waits for them and then
 * reads their committed result. Files of a deploy still uploading are never touched: a build without
 * a record is not a candidate.
 */

export interface PrunedBuilds {
  serviceId: string;
  /** The build served, never removed (null when none is). */
  activeBuildId: string | null;
  /** Builds kept besides the active one: the newest `keep`. */
  kept: string[];
  /** Builds whose records were removed (their files are the caller's to delete), newest first. */
  removed: string[];
}

/**
 * Removes the records of a static service's builds other than the active one and the newest `keep`
 * (by creation time), atomically. With `dryRun`, only says what it would remove.
 */
export async function pruneStaticBuilds(
  db: Queryable,
  serviceId: string,
  options: { keep: number; dryRun?: boolean },
): Promise<PrunedBuilds> {
  if (!isUuid(serviceId)) throw new NotFoundError('serviceId', `service ${JSON.stringify(serviceId)} not found`);
  const id = serviceId.toLowerCase();
  const keep = options.keep;
  if (!Number.isSafeInteger(keep) || keep < 0) {
    throw new ValidationError('keep', `keep must be a whole number ≥ 0, got ${String(keep)}`);
  }
  try {
    return await atomically(db, async (client: pg.ClientBase) => {
      const { rows: services } = await client.query<{ kind: string; active_build_id: string | null }>(
        'SELECT kind, active_build_id FROM services WHERE id = $1 FOR UPDATE',
        [id],
      );
      const service = services[0];
      if (service === undefined) throw new NotFoundError('serviceId', `service ${JSON.stringify(serviceId)} not found`);
      if (service.kind !== 'static') {
        throw new ValidationError(
          'kind',
          `service ${id} is a ${service.kind} service: only static services have builds`,
        );
      }
      const { rows } = await client.query<{ id: string }>(
        'SELECT id FROM static_builds WHERE service_id = $1 ORDER BY created_at DESC, id DESC',
        [id],
      );
      const active = service.active_build_id;
      const others = rows.map((r) => r.id).filter((build) => build !== active);
      const kept = others.slice(0, keep);
      const removed = others.slice(keep);
      if (removed.length > 0 && options.dryRun !== true) {
        await client.query('DELETE FROM static_builds WHERE service_id = $1 AND id = ANY($2::text[])', [id, removed]);
      }
      return { serviceId: id, activeBuildId: active, kept, removed };
    });
  } catch (error) {
    throw mapPgError(error);
  }
}

/** Ids of every static service (all regions), for pruning them all. */
export async function listStaticServiceIds(db: Queryable): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>("SELECT id FROM services WHERE kind = 'static' ORDER BY id");
  return rows.map((r) => r.id);
}

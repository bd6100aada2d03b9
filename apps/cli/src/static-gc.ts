import { type ObjectStore, sitePrefix } from '@switchyard/object-store';
import { listStaticBuilds, pruneStaticBuilds, type Queryable } from '@switchyard/service-db';
import { buildIdTime } from './static-build.ts';

/**
 * `switchyard static gc` for one service: removes the builds other than the active one and the
 * newest `keep` — their records first, in one transaction that locks the service row (see
 * `pruneStaticBuilds`: a concurrent deploy or rollback waits or is waited for, and a removed build
 * can never be activated again), then their files. Files under `sites/<id>/` that belong to no
 * recorded build (a deploy that died, files a failed gc left) are removed too once the time in their
 * build id is older than `orphanAgeMs`: younger ones may belong to a deploy still uploading.
 */
export interface GcOptions {
  keep: number;
  dryRun: boolean;
  /** Unrecorded build files younger than this are left alone. */
  orphanAgeMs: number;
  now?: number;
}

export interface GcResult {
  serviceId: string;
  activeBuildId: string | null;
  kept: string[];
  /** Recorded builds removed (or that would be, with dryRun). */
  removed: string[];
  /** Unrecorded builds whose files were removed (or would be). */
  orphans: string[];
  /** Objects deleted. */
  deletedObjects: number;
  /** Builds whose files could not be deleted: run gc again to retry (they are orphans then). */
  failed: { buildId: string; error: string }[];
}

export async function collectGarbage(
  db: Queryable,
  store: ObjectStore,
  serviceId: string,
  options: GcOptions,
): Promise<GcResult> {
  const pruned = await pruneStaticBuilds(db, serviceId, { keep: options.keep, dryRun: options.dryRun });
  const id = pruned.serviceId;
  const result: GcResult = { ...pruned, orphans: [], deletedObjects: 0, failed: [] };
  const recorded = new Set((await listStaticBuilds(db, id)).map((b) => b.id));
  const oldest = (options.now ?? Date.now()) - options.orphanAgeMs;
  for (const buildId of await storedBuildIds(store, id)) {
    if (recorded.has(buildId) || pruned.removed.includes(buildId) || buildId === pruned.activeBuildId) continue;
    const time = buildIdTime(buildId);
    if (time !== undefined && time < oldest) result.orphans.push(buildId);
  }
  if (options.dryRun) return result;
  for (const buildId of [...pruned.removed, ...result.orphans]) {
    try {
      result.deletedObjects += await store.deletePrefix(sitePrefix(id, buildId));
    } catch (error) {
      result.failed.push({ buildId, error: (error as Error).message });
    }
  }
  return result;
}

/** The build ids that have objects under `sites/<serviceId>/`. */
async function storedBuildIds(store: ObjectStore, serviceId: string): Promise<string[]> {
  const prefix = `sites/${serviceId}/`;
  const ids = new Set<string>();
  for await (const object of store.list(prefix)) {
    const buildId = object.key.slice(prefix.length).split('/')[0];
    if (buildId) ids.add(buildId);
  }
  return [...ids];
}

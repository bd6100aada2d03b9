import { randomBytes } from 'node:crypto';
import { lstat, open, readdir, realpath, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { keyProblem, type ObjectStore, siteKey, sitePrefix } from '@switchyard/object-store';

/** A build directory that cannot be published (symlink leaving it, special file, unusable name, empty). */
export class StaticBuildError extends Error {
  readonly code = 'STATIC_BUILD';
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'StaticBuildError';
  }
}

export interface BuildFile {
  /** `/`-separated path relative to the build directory: the object key's last part. */
  readonly path: string;
  /** Where the bytes are read from (a symlink's target). */
  readonly source: string;
  readonly size: number;
}

/**
 * Time-sortable build id: `b` + milliseconds since the epoch in base 36 (fixed width) + 6 random base-36
 * characters, e.g. `bmhz8k2x1q4f7a9`. Matches the database's `^[A-Za-z0-9_-]{1,64}$`.
 */
export function newBuildId(now: number = Date.now()): string {
  const random = Array.from(randomBytes(6), (byte) => (byte % 36).toString(36)).join('');
  return `b${now.toString(36).padStart(9, '0')}${random}`;
}

/** When a build id made by `newBuildId` was made (ms since the epoch); undefined for other ids. */
export function buildIdTime(buildId: string): number | undefined {
  const m = /^b([0-9a-z]{9})[0-9a-z]{6}$/.exec(buildId);
  return m === null ? undefined : Number.parseInt(m[1] as string, 36);
}

/**
 * Every file under `dir`, following symlinks that stay inside it (a link to a directory is walked once;
 * a cycle is not followed twice) and refusing any that leave it, sorted by path.
 */
export async function collectBuildFiles(dir: string): Promise<BuildFile[]> {
  let root: string;
  try {
    root = await realpath(dir);
    if (!(await stat(root)).isDirectory()) throw new StaticBuildError(`${dir} is not a directory`);
  } catch (error) {
    if (error instanceof StaticBuildError) throw error;
    throw new StaticBuildError(`cannot read build directory ${dir}: ${(error as Error).message}`, { cause: error });
  }
  const files: BuildFile[] = [];
  const visited = new Set<string>([root]);

  const walk = async (real: string, shown: string): Promise<void> => {
    const entries = await readdir(real, { withFileTypes: true });
    for (const entry of entries) {
      const shownPath = shown === '' ? entry.name : `${shown}/${entry.name}`;
      let target = join(real, entry.name);
      let info = await lstat(target);
      if (info.isSymbolicLink()) {
        let resolved: string;
        try {
          resolved = await realpath(target);
        } catch {
          throw new StaticBuildError(`${shownPath} is a broken symlink`);
        }
        if (resolved !== root && !resolved.startsWith(root + sep)) {
          throw new StaticBuildError(`${shownPath} is a symlink to ${resolved}, outside the build directory`);
        }
        target = resolved;
        info = await stat(resolved);
      }
      if (info.isDirectory()) {
        const real = await realpath(target);
        if (visited.has(real)) continue; // a link back up the tree, or a second link to the same directory
        visited.add(real);
        await walk(real, shownPath);
      } else if (info.isFile()) {
        const problem = keyProblem(shownPath);
        if (problem) throw new StaticBuildError(`${shownPath}: cannot be published as an object key (${problem})`);
        files.push({ path: shownPath, source: target, size: info.size });
      } else {
        throw new StaticBuildError(`${shownPath} is not a regular file, directory or symlink`);
      }
    }
  };
  await walk(root, '');
  if (files.length === 0) throw new StaticBuildError(`${relative(process.cwd(), dir) || dir} has no files to publish`);
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

export interface UploadResult {
  fileCount: number;
  totalBytes: number;
}

/**
 * Uploads `files` under `sites/<serviceId>/<buildId>/` with at most `concurrency` puts in flight. If any
 * upload fails, no new one starts, the ones in flight finish, everything under the build's prefix is
 * deleted, and the first error is thrown.
 */
export async function uploadBuild(
  store: ObjectStore,
  serviceId: string,
  buildId: string,
  files: readonly BuildFile[],
  concurrency = 8,
): Promise<UploadResult> {
  let next = 0;
  let failure: unknown;
  const worker = async (): Promise<void> => {
    while (failure === undefined && next < files.length) {
      const file = files[next++] as BuildFile;
      try {
        // Opened first: a file that vanished since the scan fails here, not as a stream error later.
        const handle = await open(file.source, 'r');
        const body = handle.createReadStream();
        try {
          await store.put(siteKey(serviceId, buildId, file.path), body, { size: file.size });
        } finally {
          body.destroy(); // closes the handle if the store did not read to the end
        }
      } catch (error) {
        failure ??= new StaticBuildError(`upload of ${file.path} failed: ${(error as Error).message}`, {
          cause: error,
        });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, files.length)) }, worker));
  if (failure !== undefined) {
    await removeBuild(store, serviceId, buildId);
    throw failure;
  }
  return { fileCount: files.length, totalBytes: files.reduce((sum, f) => sum + f.size, 0) };
}

/** Deletes every object of a build; best effort (a failure here must not hide the original error). */
export async function removeBuild(store: ObjectStore, serviceId: string, buildId: string): Promise<void> {
  await store.deletePrefix(sitePrefix(serviceId, buildId)).catch(() => undefined);
}

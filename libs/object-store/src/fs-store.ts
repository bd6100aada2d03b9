import { randomBytes } from 'node:crypto';
import { createWriteStream, type Stats } from 'node:fs';
import { type FileHandle, mkdir, open, readdir, rename, rm, rmdir, stat, unlink } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import { ObjectStoreError } from './errors.ts';
import { assertValidKey, assertValidPrefix } from './keys.ts';
import type { ByteRange, ObjectInfo, ObjectStore, PutOptions } from './object-store.ts';

/**
 * Read size of streamed objects: every chunk costs a read, a write to the socket and an HTTP chunk,
 * so the default 64 KiB makes a 1 MiB file 16 rounds (bench/static: CPU per 1 MiB request).
 */
const READ_CHUNK_BYTES = 256 * 1024;

/** Uploads are written here first (same filesystem as the objects), then renamed into place. */
const INCOMING_DIR = '.incoming';

/**
 * Objects as files under one root directory: key `a/b/c` is `<root>/a/b/c`.
 *
 * - Keys are checked (`assertValidKey`): no `..`/`.` segments, NUL, backslash or leading `/`, and a key
 *   may not start with `.incoming/` (the upload staging directory).
 * - Writes are atomic for readers: the body goes to `<root>/.incoming/<random>` and is renamed over the
 *   target, so a reader sees the old object or the new one, never part of one. Not fsynced: a crash may
 *   lose recent uploads (a deploy is re-run), never expose a torn file under its final name.
 * - ETag: nginx-style strong validator from size and mtime (`"<size hex>-<mtime ms hex>"`). Objects are
 *   immutable per build id in practice; any rewrite through `put` changes the mtime.
 */
export class FileSystemObjectStore implements ObjectStore {
  readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  async head(key: string): Promise<ObjectInfo | undefined> {
    const path = this.pathOf(key);
    const stats = await statOrUndefined(path);
    return stats?.isFile() ? infoOf(stats) : undefined;
  }

  async get(key: string, range?: ByteRange): Promise<{ info: ObjectInfo; body: Readable } | undefined> {
    const handle = await this.openFile(key);
    if (handle === undefined) return undefined;
    try {
      const stats = await handle.stat();
      if (!stats.isFile()) {
        await handle.close();
        return undefined;
      }
      const body = handle.createReadStream({ highWaterMark: READ_CHUNK_BYTES, ...range });
      return { info: infoOf(stats), body };
    } catch (err) {
      await handle.close().catch(() => {});
      throw ioError(`read ${key}`, err);
    }
  }

  async getBytes(key: string): Promise<{ info: ObjectInfo; bytes: Buffer } | undefined> {
    const handle = await this.openFile(key);
    if (handle === undefined) return undefined;
    try {
      const stats = await handle.stat();
      if (!stats.isFile()) return undefined;
      // Size from the same open file as the bytes: a concurrent put replaces the path, not this inode.
      const bytes = Buffer.allocUnsafe(stats.size);
      let filled = 0;
      while (filled < bytes.length) {
        const { bytesRead } = await handle.read(bytes, filled, bytes.length - filled, filled);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      return { info: infoOf(stats), bytes: filled === bytes.length ? bytes : bytes.subarray(0, filled) };
    } catch (err) {
      throw ioError(`read ${key}`, err);
    } finally {
      await handle.close().catch(() => {});
    }
  }

  async put(key: string, body: Buffer | Readable, options: PutOptions = {}): Promise<void> {
    const target = this.pathOf(key);
    const incoming = join(this.root, INCOMING_DIR);
    const temp = join(incoming, `${randomBytes(12).toString('hex')}.part`);
    try {
      await mkdir(incoming, { recursive: true });
      const out = createWriteStream(temp, { flags: 'wx' });
      let written = 0;
      const source = Buffer.isBuffer(body) ? Readable.from([body]) : body;
      await pipeline(
        source,
        async function* count(chunks: AsyncIterable<Buffer>) {
          for await (const chunk of chunks) {
            written += chunk.length;
            yield chunk;
          }
        },
        out,
      );
      if (options.size !== undefined && written !== options.size) {
        throw new ObjectStoreError('SIZE_MISMATCH', `put ${key}: expected ${options.size} bytes, got ${written}`);
      }
      await mkdir(join(target, '..'), { recursive: true });
      await rename(temp, target);
    } catch (err) {
      await rm(temp, { force: true }).catch(() => {});
      if (err instanceof ObjectStoreError) throw err;
      throw ioError(`put ${key}`, err);
    }
  }

  async *list(prefix: string): AsyncIterable<{ key: string; size: number }> {
    assertValidPrefix(prefix);
    // Walk the deepest directory the prefix names completely, and filter by the rest.
    const slash = prefix.lastIndexOf('/');
    const base = slash < 0 ? '' : prefix.slice(0, slash);
    for await (const entry of this.walk(base)) {
      if (entry.key.startsWith(prefix)) yield entry;
    }
  }

  async deletePrefix(prefix: string): Promise<number> {
    assertValidPrefix(prefix);
    let deleted = 0;
    const keys: string[] = [];
    for await (const { key } of this.list(prefix)) keys.push(key);
    for (const key of keys) {
      try {
        await unlink(this.pathOf(key));
        deleted++;
      } catch (err) {
        if (!isMissing(err)) throw ioError(`delete ${key}`, err);
      }
    }
    await this.removeEmptyDirectories(keys);
    return deleted;
  }

  async close(): Promise<void> {}

  private pathOf(key: string): string {
    assertValidKey(key);
    if (key === INCOMING_DIR || key.startsWith(`${INCOMING_DIR}/`)) {
      throw new ObjectStoreError('INVALID_KEY', `invalid object key ${JSON.stringify(key)}: reserved prefix`);
    }
    const path = join(this.root, ...key.split('/'));
    // assertValidKey already rules out traversal; this keeps it true if the rules ever change.
    if (!path.startsWith(this.root + sep)) {
      throw new ObjectStoreError('INVALID_KEY', `invalid object key ${JSON.stringify(key)}: outside the root`);
    }
    return path;
  }

  private async openFile(key: string): Promise<FileHandle | undefined> {
    const path = this.pathOf(key);
    try {
      return await open(path, 'r');
    } catch (err) {
      if (isMissing(err) || (err as NodeJS.ErrnoException).code === 'EISDIR') return undefined;
      throw ioError(`open ${key}`, err);
    }
  }

  /** Files under `dir` (a key prefix without trailing slash, '' for the root), in sorted order per directory. */
  private async *walk(dir: string): AsyncGenerator<{ key: string; size: number }> {
    const path = dir === '' ? this.root : join(this.root, ...dir.split('/'));
    let entries: import('node:fs').Dirent[];
    try {
      entries = await readdir(path, { withFileTypes: true });
    } catch (err) {
      if (isMissing(err)) return;
      throw ioError(`list ${dir}`, err);
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const key = dir === '' ? entry.name : `${dir}/${entry.name}`;
      if (dir === '' && entry.name === INCOMING_DIR) continue;
      if (entry.isDirectory()) {
        yield* this.walk(key);
      } else if (entry.isFile()) {
        const stats = await statOrUndefined(join(path, entry.name));
        if (stats?.isFile()) yield { key, size: stats.size };
      }
    }
  }

  /** Removes the now-empty parent directories of deleted keys (deepest first), never the root. */
  private async removeEmptyDirectories(keys: readonly string[]): Promise<void> {
    const dirs = new Set<string>();
    for (const key of keys) {
      const parts = key.split('/');
      for (let i = parts.length - 1; i > 0; i--) dirs.add(parts.slice(0, i).join('/'));
    }
    const deepestFirst = [...dirs].sort((a, b) => b.split('/').length - a.split('/').length);
    for (const dir of deepestFirst) {
      await rmdir(join(this.root, ...dir.split('/'))).catch(() => {}); // ENOTEMPTY/ENOENT: leave it
    }
  }
}

function infoOf(stats: Stats): ObjectInfo {
  return {
    size: stats.size,
    etag: `"${stats.size.toString(16)}-${Math.floor(stats.mtimeMs).toString(16)}"`,
    lastModified: new Date(Math.floor(stats.mtimeMs / 1000) * 1000),
  };
}

async function statOrUndefined(path: string): Promise<Stats | undefined> {
  try {
    return await stat(path);
  } catch (err) {
    if (isMissing(err)) return undefined;
    throw ioError(`stat ${path}`, err);
  }
}

function isMissing(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

function ioError(what: string, cause: unknown): ObjectStoreError {
  return new ObjectStoreError('IO', `${what}: ${(cause as Error)?.message ?? String(cause)}`, {}, { cause });
}

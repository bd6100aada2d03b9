import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ObjectStoreConfigError } from './errors.ts';
import { FileSystemObjectStore } from './fs-store.ts';
import type { ObjectStore } from './object-store.ts';
import { S3ObjectStore, type S3Options, s3ConfigFrom } from './s3/s3-store.ts';

/**
 * Opens a store from a URL:
 * - `file:///abs/dir` or a plain path (absolute, or relative to the working directory) → filesystem;
 * - `s3://bucket[/prefix]` → S3-compatible storage; endpoint, region and credentials come from `options`,
 *   else `SWITCHYARD_S3_ENDPOINT`, `AWS_REGION`, `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`
 *   (`AWS_SESSION_TOKEN` optional);
 * - any other scheme → ObjectStoreConfigError.
 */
export function openObjectStore(url: string, options: S3Options = {}): ObjectStore {
  if (url === '') throw new ObjectStoreConfigError('object store URL is empty');
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(url)?.[1]?.toLowerCase();
  if (scheme === undefined) {
    return new FileSystemObjectStore(resolve(url));
  }
  if (scheme === 'file') {
    try {
      return new FileSystemObjectStore(fileURLToPath(url));
    } catch (err) {
      throw new ObjectStoreConfigError(`bad file URL ${JSON.stringify(url)}: ${(err as Error).message}`);
    }
  }
  if (scheme === 's3') return new S3ObjectStore(s3ConfigFrom(url, options, process.env));
  throw new ObjectStoreConfigError(
    `unknown object store scheme "${scheme}:" in ${JSON.stringify(url)} (use file:///dir, a path, or s3://bucket[/prefix])`,
  );
}

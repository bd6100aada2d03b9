import type { Readable } from 'node:stream';
import type { ObjectMeta } from './hot-cache.ts';

/**
 * The part of `@switchyard/object-store`'s `ObjectStore` the serving path uses (structurally the
 * same, so any ObjectStore fits). `undefined` means "no such object"; anything else failing throws.
 */
export interface StaticStore {
  head(key: string): Promise<ObjectMeta | undefined>;
  get(
    key: string,
    range?: { readonly start: number; readonly end: number },
  ): Promise<{ info: ObjectMeta; body: Readable } | undefined>;
  getBytes(key: string): Promise<{ info: ObjectMeta; bytes: Buffer } | undefined>;
}

/** `sites/<serviceId>/<buildId>/`: the prefix of every object of one build (same layout as `siteKey`). */
export function buildPrefix(serviceId: string, buildId: string): string {
  return `sites/${serviceId}/${buildId}/`;
}

import { describe, expect, it } from 'vitest';
import { HotObjectCache } from './hot-cache.ts';
import { StaticEvent } from './metrics.ts';

const meta = (size: number) => ({ size, etag: '"e"', lastModified: new Date(0) });

describe('HotObjectCache', () => {
  it('evicts the least recently used entries to stay within its byte budget', () => {
    const events: number[] = [];
    const cache = new HotObjectCache({
      maxBytes: 3 * (1000 + 200 + 1),
      maxObjectBytes: 2000,
      metrics: { response() {}, event: (e) => events.push(e) },
    });
    for (const key of ['a', 'b', 'c']) cache.setObject(key, meta(1000), Buffer.alloc(1000));
    expect(cache.get('a')?.bytes?.length).toBe(1000); // a is now the most recent
    cache.setObject('d', meta(1000), Buffer.alloc(1000));
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBeDefined();
    expect(cache.stats()).toMatchObject({ evictions: 1, entries: 3 });
    expect(cache.stats().bytes).toBeLessThanOrEqual(cache.maxBytes);
    expect(events.filter((e) => e === StaticEvent.cacheEviction)).toHaveLength(1);
    expect(events.filter((e) => e === StaticEvent.cacheHit)).toHaveLength(2);
  });

  it('keeps only the metadata of objects over the size limit', () => {
    const cache = new HotObjectCache({ maxObjectBytes: 10 });
    cache.setObject('big', meta(11), Buffer.alloc(11));
    expect(cache.get('big')).toEqual({ meta: meta(11), bytes: undefined, cost: expect.any(Number), expiresAt: 0 });
  });

  it('bounds negative entries by count and time', async () => {
    const cache = new HotObjectCache({ maxNegativeEntries: 2, negativeTtlMs: 50 });
    cache.setMissing('x');
    cache.setMissing('y');
    cache.setMissing('z');
    expect(cache.get('x')).toBeUndefined();
    expect(cache.get('z')?.meta).toBeUndefined();
    expect(cache.stats().entries).toBe(2);
    await new Promise((r) => setTimeout(r, 80));
    expect(cache.get('z')).toBeUndefined();
  });

  it('is off with a zero budget', () => {
    const cache = new HotObjectCache({ maxBytes: 0 });
    expect(cache.enabled).toBe(false);
    cache.setObject('a', meta(1), Buffer.alloc(1));
    expect(cache.get('a')).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { seededService, seedUuid } from './seed.ts';
import { checkHostname, isUuid } from './validate.ts';

describe('synthetic services', () => {
  it('are a pure function of (seed, index)', () => {
    expect(seededService(3, 12345, ['a', 'b'])).toEqual(seededService(3, 12345, ['a', 'b']));
    expect(seededService(3, 12345, ['a', 'b'])).not.toEqual(seededService(4, 12345, ['a', 'b']));
  });

  it('have valid, index-ordered UUIDs that differ between seeds', () => {
    const ids = Array.from({ length: 1000 }, (_, i) => seedUuid(9, i * 4099));
    expect(ids.every(isUuid)).toBe(true);
    expect([...ids].sort()).toEqual(ids);
    expect(seedUuid(9, 0)).not.toBe(seedUuid(10, 0));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('have 1-3 valid hostnames, instances only for web services, a build only for static ones', () => {
    for (let i = 0; i < 500; i++) {
      const s = seededService(1, i, ['r1', 'r2']);
      expect(s.hostnames.length).toBeGreaterThanOrEqual(1);
      expect(s.hostnames.length).toBeLessThanOrEqual(3);
      for (const host of s.hostnames) expect(checkHostname(host)).toBe(host);
      if (s.kind === 'web') {
        expect(s.instances.length).toBeGreaterThanOrEqual(1);
        expect(s.instances.length).toBeLessThanOrEqual(4);
        expect(s.activeBuildId).toBeNull();
      } else {
        expect(s.instances).toEqual([]);
        expect(s.activeBuildId).toBe('build-1');
      }
    }
  });
});

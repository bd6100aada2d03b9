import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { loopbackAddress, seededService, seedUuid } from './seed.ts';
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

  it('give instances loopback addresses (127.x.y.z, never 127.0.x.x), distinct per service', () => {
    const seen = new Set<string>();
    for (const index of [0, 1, 253, 254, 255, 65_023, 65_024, 1_000_000, 16_516_095]) {
      const address = loopbackAddress(index);
      const octets = address.split('.').map(Number);
      expect(octets[0]).toBe(127);
      expect(octets[1]).toBeGreaterThanOrEqual(1);
      expect(octets[1]).toBeLessThanOrEqual(254);
      expect(octets[3]).toBeGreaterThanOrEqual(1);
      expect(octets[3]).toBeLessThanOrEqual(254);
      seen.add(address);
    }
    expect(seen.size).toBe(9);
    for (let i = 0; i < 500; i++) {
      for (const inst of seededService(2, i, ['r']).instances) expect(inst.host).toBe(loopbackAddress(i));
    }
  });

  it('route to an address where a connection is refused at once, never off the machine', async () => {
    const web = Array.from({ length: 50 }, (_, i) => seededService(5, 700_000 + i, ['r'])).find(
      (s) => s.kind === 'web',
    );
    const instance = web?.instances[0];
    if (!instance) throw new Error('no web service among 50 seeded services');
    const code = await new Promise<string>((resolve) => {
      const socket = connect({ host: instance.host, port: instance.port });
      socket.on('connect', () => {
        socket.destroy();
        resolve('connected');
      });
      socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? String(error)));
    });
    expect(code).toBe('ECONNREFUSED');
  });
});

import { describe, expect, it } from 'vitest';
import {
  KIND_STATIC,
  KIND_WEB,
  MATCH_EXACT,
  MATCH_NONE,
  MATCH_WILDCARD,
  MISS,
  PLAN_FREE,
  PLAN_PAID,
  RouteTableReader,
  RouteTableWriter,
  type ServiceRecord,
  STATE_ACTIVE,
  STATE_SUSPENDED,
} from './index.ts';

function service(id: string, hostnames: string[], extra: Partial<ServiceRecord> = {}): ServiceRecord {
  return { id, kind: KIND_WEB, plan: PLAN_PAID, state: STATE_ACTIVE, hostnames, ...extra };
}

function table(...records: ServiceRecord[]) {
  const writer = RouteTableWriter.create();
  writer.apply({ upserts: records });
  const reader = RouteTableReader.attach(writer.handle);
  writer.onHandover((handle) => reader.switchTo(handle));
  const idOf = (host: string) => {
    const ref = reader.lookup(host);
    return ref === MISS ? undefined : reader.serviceId(ref);
  };
  return { writer, reader, idOf };
}

describe('RouteTableReader.lookup', () => {
  it('misses everything in an empty table', () => {
    const { reader } = table();
    for (const host of ['', 'example.com', '*.example.com', ':80', '.', 'a.b.c.d']) {
      expect(reader.lookup(host)).toBe(MISS);
      expect(reader.matched).toBe(MATCH_NONE);
    }
  });

  it('ignores case, a port and one trailing dot', () => {
    const { idOf } = table(service('s', ['Shop.Example.COM']));
    for (const host of [
      'shop.example.com',
      'SHOP.EXAMPLE.COM',
      'shop.example.com.',
      'Shop.Example.Com:8443',
      'shop.example.com.:80',
    ]) {
      expect(idOf(host), host).toBe('s');
    }
    for (const host of ['shop.example.com..', 'shop.example.co', 'hop.example.com', 'shop.example.com:80:80x.y']) {
      expect(idOf(host), host).toBe(host === 'shop.example.com:80:80x.y' ? 's' : undefined);
    }
  });

  it('prefers the exact name, then the wildcard parent, one level only', () => {
    const { reader, idOf } = table(service('wild', ['*.b.example.com']), service('exact', ['a.b.example.com']));
    expect(idOf('a.b.example.com')).toBe('exact');
    expect(reader.matched).toBe(MATCH_EXACT);
    expect(idOf('z.b.example.com')).toBe('wild');
    expect(reader.matched).toBe(MATCH_WILDCARD);
    expect(idOf('Z.B.Example.Com.:443')).toBe('wild');
    expect(idOf('x.z.b.example.com')).toBeUndefined();
    expect(idOf('b.example.com')).toBeUndefined();
  });

  it('never matches a literal wildcard or a host containing `*`', () => {
    const { idOf } = table(service('wild', ['*.example.com']), service('plain', ['example.com']));
    expect(idOf('*.example.com')).toBeUndefined();
    expect(idOf('a*.example.com')).toBeUndefined();
    expect(idOf('example.com')).toBe('plain');
  });

  it('handles 253-character names and refuses longer ones without crashing', () => {
    const label = 'a'.repeat(63);
    const long = `${label}.${label}.${label}.${'b'.repeat(61)}`;
    expect(long).toHaveLength(253);
    const { idOf } = table(service('long', [long]), service('wild-long', [`*.${long.slice(64)}`]));
    expect(idOf(long.toUpperCase())).toBe('long');
    expect(idOf(`${long}.:8080`)).toBe('long');
    expect(idOf(`x${long.slice(1)}`)).toBe('wild-long');
    expect(idOf(`x${long}`)).toBeUndefined();
    expect(idOf('y'.repeat(10_000))).toBeUndefined();
  });

  it('does not crash on non-ASCII input; IDNs match in punycode', () => {
    const { idOf } = table(service('idn', ['xn--bcher-kva.example']), service('wild', ['*.example']));
    expect(idOf('xn--bcher-kva.example')).toBe('idn');
    expect(idOf('bücher.example')).toBe(undefined);
    for (const host of [
      'ü',
      '日本.example',
      '\u0000',
      'a\u0000',
      'ä'.repeat(300),
      '\ud800.example',
      'x.exampl\u00e9',
    ]) {
      expect(() => idOf(host)).not.toThrow();
    }
    expect(idOf('\u0161.example')).toBe(undefined);
  });

  it('removal then re-add, and a hostname moving between services', () => {
    const { writer, idOf } = table(service('a', ['x.test', 'y.test']), service('b', ['z.test']));
    writer.removeService('a');
    expect(idOf('x.test')).toBeUndefined();
    expect(idOf('z.test')).toBe('b');
    writer.upsertService(service('a', ['x.test']));
    expect(idOf('x.test')).toBe('a');
    expect(idOf('y.test')).toBeUndefined();
    writer.apply({ upserts: [service('b', ['z.test', 'x.test']), service('a', [])] });
    expect(idOf('x.test')).toBe('b');
    writer.apply({ upserts: [service('a', ['x.test'])], removedIds: ['b'] });
    expect(idOf('x.test')).toBe('a');
    expect(idOf('z.test')).toBeUndefined();
    expect(writer.removeService('nope')).toBe(false);
    expect(writer.stats()).toMatchObject({ services: 1, hostnames: 1 });
  });

  it('reads every field of a record in place', () => {
    const blob = new Uint8Array([1, 2, 3, 250]);
    const { reader } = table(
      service('3f1e0c9a-5d0b-4b8e-9b1a-2f4d6c8e0a1b', ['site.test'], {
        kind: KIND_STATIC,
        plan: PLAN_FREE,
        state: STATE_SUSPENDED,
        version: 2n ** 40n + 3n,
        activeBuildId: 'bld_7',
        blob,
        instances: [
          { host: '10.0.0.1', port: 8080, ready: true },
          { host: 'node-ü.internal', port: 65535, ready: false },
        ],
      }),
    );
    const ref = reader.lookup('site.test');
    expect(reader.serviceId(ref)).toBe('3f1e0c9a-5d0b-4b8e-9b1a-2f4d6c8e0a1b');
    expect([reader.kind(ref), reader.plan(ref), reader.state(ref)]).toEqual([KIND_STATIC, PLAN_FREE, STATE_SUSPENDED]);
    expect(reader.version(ref)).toBe(2 ** 40 + 3);
    expect(reader.activeBuildId(ref)).toBe('bld_7');
    expect([...reader.blob(ref)]).toEqual([...blob]);
    expect(reader.instanceCount(ref)).toBe(2);
    expect([reader.instanceHost(ref, 1), reader.instancePort(ref, 1), reader.instanceReady(ref, 1)]).toEqual([
      'node-ü.internal',
      65535,
      false,
    ]);
    expect([reader.instanceHost(ref, 2), reader.instancePort(ref, 2), reader.instanceReady(ref, -1)]).toEqual([
      '',
      0,
      false,
    ]);
  });

  it('keeps a record reference stable across later updates of the same service', () => {
    const { writer, reader } = table(service('s', ['s.test'], { version: 1 }));
    const before = reader.lookup('s.test');
    writer.upsertService(service('s', ['s.test'], { version: 2 }));
    expect(reader.version(before)).toBe(1);
    expect(reader.version(reader.lookup('s.test'))).toBe(2);
  });
});

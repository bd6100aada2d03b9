import { describe, expect, it } from 'vitest';
import { normalize, prng, RouteModel } from '../test/model.ts';
import type { ServiceRecord } from './index.ts';
import {
  KIND_STATIC,
  KIND_WEB,
  MATCH_EXACT,
  MATCH_WILDCARD,
  MISS,
  PLAN_FREE,
  PLAN_PAID,
  STATE_ACTIVE,
} from './index.ts';
import { RouteTableReader } from './reader.ts';
import { RouteTableWriter } from './writer.ts';

const LABELS = ['api', 'www', 'shop', 'blog', 'a', 'xn--bcher-kva', 'docs', 'static-1'];
const ZONES = ['example.com', 'b.example.com', 'onrender.test', 'co.uk', 'x.y.z.dev'];

function randomHostname(random: () => number): string {
  const zone = ZONES[Math.floor(random() * ZONES.length)];
  const r = random();
  if (r < 0.15) return `*.${zone}`;
  const label = LABELS[Math.floor(random() * LABELS.length)];
  return `${label}${Math.floor(random() * 40)}.${zone}`;
}

/** A request's Host value for `name`: random case, maybe a port, maybe a trailing dot. */
function disguise(random: () => number, name: string): string {
  let host = '';
  for (const c of name) host += random() < 0.3 ? c.toUpperCase() : c;
  if (random() < 0.2) host += '.';
  if (random() < 0.2) host += `:${Math.floor(random() * 65535)}`;
  return host;
}

function randomRecord(random: () => number, id: string, version: number): ServiceRecord {
  const hostnames: string[] = [];
  const count = Math.floor(random() * 4);
  for (let i = 0; i < count; i++) hostnames.push(disguise(random, randomHostname(random)).replace(/:\d+$/, ''));
  const instances = [];
  for (let i = 0; i < Math.floor(random() * 3); i++) {
    instances.push({ host: `10.0.${version % 250}.${i}`, port: 1000 + i, ready: random() < 0.7 });
  }
  return {
    id,
    kind: random() < 0.5 ? KIND_WEB : KIND_STATIC,
    plan: random() < 0.5 ? PLAN_FREE : PLAN_PAID,
    state: STATE_ACTIVE,
    version,
    hostnames,
    instances,
    activeBuildId: random() < 0.5 ? `b${version}` : '',
    blob: random() < 0.3 ? new Uint8Array([version & 0xff, 1, 2]) : undefined,
    httpsRedirect: random() < 0.5,
    hstsHeader: random() < 0.5 ? `max-age=${version}; includeSubDomains` : undefined,
  };
}

function expectRecord(reader: RouteTableReader, ref: number, record: ServiceRecord): void {
  expect(reader.serviceId(ref)).toBe(record.id);
  expect(reader.version(ref)).toBe(record.version);
  expect(reader.kind(ref)).toBe(record.kind);
  expect(reader.plan(ref)).toBe(record.plan);
  expect(reader.state(ref)).toBe(record.state);
  expect(reader.activeBuildId(ref)).toBe(record.activeBuildId ?? '');
  expect(reader.httpsRedirect(ref)).toBe(record.httpsRedirect === true);
  expect(reader.hsts(ref)).toBe(record.hstsHeader ?? '');
  const instances = record.instances ?? [];
  expect(reader.instanceCount(ref)).toBe(instances.length);
  instances.forEach((instance, i) => {
    expect(reader.instanceHost(ref, i)).toBe(instance.host);
    expect(reader.instancePort(ref, i)).toBe(instance.port);
    expect(reader.instanceReady(ref, i)).toBe(instance.ready);
  });
  expect([...reader.blob(ref)]).toEqual([...(record.blob ?? [])]);
}

describe('RouteTableWriter against a Map model', () => {
  for (const seed of [1, 2, 3]) {
    it(`agrees on every lookup over thousands of random operations (seed ${seed})`, () => {
      const random = prng(seed);
      const model = new RouteModel();
      const writer = RouteTableWriter.create();
      const reader = RouteTableReader.attach(writer.handle);
      const generations = new Set<number>([writer.generation]);
      writer.onHandover((handle) => {
        reader.switchTo(handle);
        generations.add(handle.generation);
      });
      const ids = Array.from({ length: 300 }, (_, i) => `svc-${seed}-${i}`);
      let version = 0;

      for (let step = 0; step < 3000; step++) {
        const upserts: ServiceRecord[] = [];
        const removedIds: string[] = [];
        const changes = 1 + Math.floor(random() * 6);
        for (let c = 0; c < changes; c++) {
          const id = ids[Math.floor(random() * ids.length)] as string;
          if (random() < 0.2) removedIds.push(id);
          else upserts.push(randomRecord(random, id, ++version));
        }
        const delta = { upserts, removedIds };
        writer.apply(delta);
        model.apply(delta);

        for (let q = 0; q < 8; q++) {
          const name =
            random() < 0.8 ? randomHostname(random).replace('*', `w${Math.floor(random() * 9)}`) : `nope${q}.invalid`;
          const host = disguise(random, name);
          const expected = model.lookup(host);
          const ref = reader.lookup(host);
          if (expected === undefined) {
            expect(ref, host).toBe(MISS);
          } else {
            expect(ref, host).not.toBe(MISS);
            expect(reader.serviceId(ref), host).toBe(expected.id);
            expect(reader.matched).toBe(expected.wildcard ? MATCH_WILDCARD : MATCH_EXACT);
          }
        }
      }

      // Every hostname the model knows, and every service record, in full.
      for (const [hostname, id] of model.owner) {
        // A wildcard is reached through a name under it; looked up literally it is a miss.
        const host = hostname.startsWith('*') ? `probe${hostname.slice(1)}` : hostname;
        const ref = reader.lookup(host);
        expect(ref, host).not.toBe(MISS);
        expect(model.lookup(host)?.id).toBe(id);
        expectRecord(reader, ref, model.services.get(id) as ServiceRecord);
        if (hostname.startsWith('*')) expect(reader.lookup(hostname)).toBe(MISS);
      }
      const stats = writer.stats();
      expect(stats.services).toBe(model.services.size);
      expect(stats.hostnames).toBe(model.owner.size);
      expect(generations.size).toBeGreaterThan(3);
    });
  }

  it('grows through several rebuilds and still finds everything', () => {
    const writer = RouteTableWriter.create();
    const reader = RouteTableReader.attach(writer.handle);
    let handovers = 0;
    writer.onHandover((handle) => {
      reader.switchTo(handle);
      handovers++;
    });
    for (let i = 0; i < 20_000; i++) {
      writer.upsertService({
        id: `id-${i}`,
        kind: KIND_WEB,
        plan: PLAN_PAID,
        state: STATE_ACTIVE,
        version: i,
        hostnames: [`s${i}.example.com`, `*.s${i}.example.net`],
        instances: [{ host: '10.0.0.1', port: 8000 + (i % 1000), ready: true }],
      });
    }
    expect(handovers).toBeGreaterThanOrEqual(3);
    for (let i = 0; i < 20_000; i += 7) {
      const exact = reader.lookup(`S${i}.Example.com:443`);
      expect(reader.serviceId(exact)).toBe(`id-${i}`);
      expect(reader.instancePort(exact, 0)).toBe(8000 + (i % 1000));
      expect(reader.serviceId(reader.lookup(`deep.s${i}.example.net`))).toBe(`id-${i}`);
    }
    expect(writer.stats()).toMatchObject({ services: 20_000, hostnames: 40_000 });
  });

  it('builds a fresh table from a snapshot without touching the current one', () => {
    const current = RouteTableWriter.create();
    current.upsertService({ id: 'old', kind: KIND_WEB, plan: PLAN_FREE, state: STATE_ACTIVE, hostnames: ['a.test'] });
    const records = Array.from({ length: 5000 }, (_, i) => ({
      id: `n${i}`,
      kind: KIND_STATIC,
      plan: PLAN_FREE,
      state: STATE_ACTIVE,
      version: 42,
      hostnames: [`h${i}.test`],
      activeBuildId: `b${i}`,
    }));
    const fresh = RouteTableWriter.fromSnapshot(records);
    expect(fresh.generation).toBeGreaterThan(current.generation);
    const reader = RouteTableReader.attach(fresh.handle);
    expect(reader.lookup('a.test')).toBe(MISS);
    expect(reader.activeBuildId(reader.lookup('h4999.test'))).toBe('b4999');
    expect(
      RouteTableReader.attach(current.handle).serviceId(RouteTableReader.attach(current.handle).lookup('a.test')),
    ).toBe('old');
    expect(fresh.stats()).toMatchObject({ services: 5000, hostnames: 5000 });
  });

  it('leaves the table untouched when a delta holds an invalid record', () => {
    const writer = RouteTableWriter.create();
    writer.upsertService({
      id: 'keep',
      kind: KIND_WEB,
      plan: PLAN_FREE,
      state: STATE_ACTIVE,
      hostnames: ['keep.test'],
    });
    expect(() =>
      writer.apply({
        upserts: [
          { id: 'fine', kind: KIND_WEB, plan: PLAN_FREE, state: STATE_ACTIVE, hostnames: ['fine.test'] },
          { id: 'bad', kind: 0, plan: PLAN_FREE, state: STATE_ACTIVE, hostnames: ['bad.test'] },
        ],
        removedIds: ['keep'],
      }),
    ).toThrow(expect.objectContaining({ code: 'ERR_ROUTE_TABLE_INVALID_RECORD' }));
    const reader = RouteTableReader.attach(writer.handle);
    expect(reader.lookup('fine.test')).toBe(MISS);
    expect(reader.serviceId(reader.lookup('keep.test'))).toBe('keep');
  });

  it('rejects hostnames it cannot store', () => {
    const writer = RouteTableWriter.create();
    const bad = (hostname: string) => () =>
      writer.upsertService({ id: 'x', kind: KIND_WEB, plan: PLAN_FREE, state: STATE_ACTIVE, hostnames: [hostname] });
    for (const hostname of ['', 'bücher.example', `${'a'.repeat(254)}`, 'a.*.example.com', '*', 'a b.test', ':80']) {
      expect(bad(hostname), hostname).toThrow(expect.objectContaining({ code: 'ERR_ROUTE_TABLE_INVALID_HOSTNAME' }));
    }
    expect(writer.stats().services).toBe(0);
  });

  it('compacts: garbage goes, lookups stay', () => {
    const writer = RouteTableWriter.create({ services: 10 });
    for (let v = 0; v < 50; v++) {
      writer.upsertService({
        id: 's',
        kind: KIND_WEB,
        plan: PLAN_PAID,
        state: STATE_ACTIVE,
        version: v,
        hostnames: ['s.test'],
      });
    }
    expect(writer.stats().garbageBytes).toBeGreaterThan(0);
    const handle = writer.compact();
    expect(writer.stats().garbageBytes).toBe(0);
    const reader = RouteTableReader.attach(handle);
    expect(reader.version(reader.lookup('s.test'))).toBe(49);
    expect(normalize('S.Test.:8080')).toBe('s.test');
  });
});

import { type Service, v1 } from '@switchyard/proto';
import { describe, expect, it } from 'vitest';
import type { EncodedEvent } from './encoding.ts';
import { SharedSnapshot } from './shared-snapshot.ts';
import { encodeContents, stamp } from './stored-record.ts';

const services: Service[] = Array.from({ length: 12000 }, (_, i) => ({
  id: `svc-${String(i).padStart(4, '0')}`,
  name: `service-${i}`,
  kind: 1,
  plan: 2,
  state: 1,
  region: 'eu',
  hostnames: [`svc-${i}.example.com`, `www.svc-${i}.example.com`],
  instances: [{ host: '127.1.0.1', port: 8000 + (i % 1000), ready: true }],
  version: 10,
}));
const records = encodeContents(services).map((record) => stamp(record.content, 10, 0));

function decode(events: EncodedEvent[]) {
  const decoded = events.map((event) => v1.WatchEvent.decode(event.bytes));
  return {
    first: decoded[0],
    last: decoded.at(-1),
    ids: decoded.flatMap((e) => e.serviceBatch?.services?.map((s) => s.id as string) ?? []),
  };
}

describe('SharedSnapshot', () => {
  it('gives readers that start together the same encoded batches, and the region once each', () => {
    const shared = new SharedSnapshot(42, records);
    const a = shared.events();
    const b = shared.events();
    const fromA = [...a];
    const fromB = [...b];
    expect(fromA.length).toBeGreaterThan(3);
    expect(fromB).toHaveLength(fromA.length);
    for (const [i, event] of fromA.entries()) expect(fromB[i]?.bytes).toBe(event.bytes); // encoded once
    const { first, last, ids } = decode(fromA);
    expect(first?.snapshotStart).toMatchObject({ version: 42, total: 12000 });
    expect(Number(last?.snapshotEnd?.version)).toBe(42);
    expect(ids).toEqual(services.map((r) => r.id));
  });

  it('holds only what the slowest reader has not passed; a reader joining half-way still gets every record once', () => {
    const shared = new SharedSnapshot(7, records);
    const fast = shared.events();
    const slow = shared.events();
    for (let i = 0; i < 4; i++) fast.next();
    const held = shared.bytes;
    expect(held).toBeGreaterThan(0);
    for (let i = 0; i < 3; i++) slow.next();
    expect(shared.bytes).toBeLessThan(held);

    const late = shared.events();
    const fromLate = [...late];
    const { first, last, ids } = decode(fromLate);
    expect(first?.snapshotStart?.total).toBe(12000);
    expect(Number(last?.snapshotEnd?.version)).toBe(7);
    expect([...ids].sort()).toEqual(services.map((r) => r.id as string).sort());
    expect(decode([...fast]).ids.length + decode([...slow]).ids.length).toBeGreaterThan(0);
    expect(shared.readers).toBe(0);
    expect(shared.bytes).toBe(0);
  });
});

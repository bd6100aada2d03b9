import { describe, expect, it } from 'vitest';
import {
  allocateForImage,
  checkImage,
  InvalidTableImageError,
  imageSectionBytes,
  imageSections,
  imageShape,
  MISS,
  RouteTableReader,
  RouteTableWriter,
  type ServiceRecord,
  type TableHandle,
} from '../src/index.ts';
import { prng, RouteModel } from './model.ts';

function record(id: string, version: number, hostnames: string[]): ServiceRecord {
  return {
    id,
    kind: 1,
    plan: 2,
    state: 1,
    version,
    hostnames,
    instances: [{ host: '127.1.0.1', port: 8000, ready: true }],
  };
}

/** What a state-dir write and a warm start do: the sections copied out, then read into fresh buffers. */
function roundTrip(handle: TableHandle): TableHandle {
  const shape = imageShape(handle);
  const copies = imageSections(handle, shape).map((section) => Uint8Array.from(section));
  expect(copies.map((c) => c.length)).toEqual(imageSectionBytes(shape));
  const fresh = allocateForImage(shape);
  for (const [i, section] of fresh.sections.entries()) section.set(copies[i] as Uint8Array);
  checkImage(fresh.handle, shape);
  return fresh.handle;
}

function expectAgrees(reader: RouteTableReader, model: RouteModel): void {
  for (const [hostname, id] of model.owner) {
    const host = hostname.startsWith('*') ? `probe${hostname.slice(1)}` : hostname;
    expect(reader.serviceId(reader.lookup(host)), host).toBe(id);
  }
}

describe('table images', () => {
  it('read back into fresh buffers, serve the same lookups and take further deltas and growth', () => {
    const random = prng(11);
    const model = new RouteModel();
    const writer = RouteTableWriter.create({ services: 100 });
    const records = Array.from({ length: 2000 }, (_, n) => {
      const names = [`svc-${n}.test`];
      if (random() < 0.3) names.push(`*.w${n}.test`);
      return record(`svc-${n}`, n + 1, names);
    });
    const delta = { upserts: records, removedIds: records.filter((_, n) => n % 5 === 0).map((r) => r.id) };
    writer.apply(delta);
    model.apply(delta);

    const adopted = RouteTableWriter.adopt(roundTrip(writer.handle));
    expect(adopted.stats()).toMatchObject({ ...writer.stats(), generation: adopted.generation });
    expectAgrees(RouteTableReader.attach(adopted.handle), model);
    expect(RouteTableReader.attach(adopted.handle).lookup('svc-0.test')).toBe(MISS);

    // A warm-started table is a writer's table like any other: deltas in place, then growth.
    const more = { upserts: Array.from({ length: 5000 }, (_, n) => record(`new-${n}`, 9000 + n, [`new-${n}.test`])) };
    adopted.apply(more);
    model.apply(more);
    expectAgrees(RouteTableReader.attach(adopted.handle), model);
  });

  it('refuses shapes no writer makes and a control block that disagrees with the sizes', () => {
    const shape = imageShape(RouteTableWriter.create().handle);
    for (const bad of [
      { ...shape, hostCapacity: 3 },
      { ...shape, idCapacity: 0 },
      { ...shape, arenaBytes: shape.arenaBytes + 1 },
      { ...shape, arenaUsed: shape.arenaBytes + 8 },
      { ...shape, arenaUsed: 0 },
      { ...shape, hostCapacity: 2 ** 40 },
    ]) {
      expect(() => allocateForImage(bad), JSON.stringify(bad)).toThrow(InvalidTableImageError);
    }
    const { handle } = allocateForImage(shape);
    expect(() => checkImage(handle, shape)).toThrow('control block');
  });
});

import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import {
  MISS,
  RouteTableReader,
  type RouteTableStats,
  RouteTableWriter,
  type ServiceRecord,
  type TableHandle,
} from '../src/index.ts';
import { prng, RouteModel } from './model.ts';

function record(id: string, version: number, hostnames: string[]): ServiceRecord {
  return {
    id,
    kind: 1,
    plan: 1,
    state: 1,
    version,
    hostnames,
    instances: [{ host: `10.0.${version % 250}.1`, port: 8000 + (version % 1000), ready: true }],
  };
}

function hostnamesFor(random: () => number, n: number): string[] {
  const names = [`svc-${n}.test`];
  if (random() < 0.3) names.push(`*.w${n}.test`);
  if (random() < 0.3) names.push(`shared-${Math.floor(random() * 20)}.test`);
  return names;
}

function expectAgrees(reader: RouteTableReader, model: RouteModel): void {
  for (const [hostname, id] of model.owner) {
    const host = hostname.startsWith('*') ? `probe${hostname.slice(1)}` : hostname;
    expect(reader.serviceId(reader.lookup(host)), host).toBe(id);
  }
  for (let n = 0; n < 50; n++) expect(reader.lookup(`gone-${n}.invalid`)).toBe(MISS);
}

describe('RouteTableWriter.adopt', () => {
  it('takes over a table built in a worker thread and keeps agreeing with a Map model', async () => {
    const random = prng(7);
    const model = new RouteModel();
    const records = Array.from({ length: 3000 }, (_, n) => record(`svc-${n}`, n + 1, hostnamesFor(random, n)));
    const removedIds = records.filter((_, n) => n % 7 === 0).map((r) => r.id);
    model.apply({ upserts: records, removedIds });

    const local = RouteTableWriter.create();
    const worker = new Worker(new URL('./build-worker.ts', import.meta.url), { workerData: { records, removedIds } });
    const [built] = (await once(worker, 'message')) as [{ handle: TableHandle; stats: RouteTableStats }];
    await worker.terminate();

    const writer = RouteTableWriter.adopt(built.handle);
    // Numbered by this thread's counter, so it cannot collide with tables made here.
    expect(writer.generation).toBeGreaterThan(local.generation);
    expect(writer.stats()).toEqual({ ...built.stats, generation: writer.generation });
    expect(writer.stats().services).toBe(model.services.size);
    expect(writer.stats().hostnames).toBe(model.owner.size);

    const reader = RouteTableReader.attach(writer.handle);
    writer.onHandover((handle) => reader.switchTo(handle));
    expectAgrees(reader, model);
    for (const id of removedIds.slice(0, 20)) expect(writer.hasService(id)).toBe(false);

    // Further changes on the adopting side: updates, moves, removals, re-adds, growth.
    let version = 10_000;
    for (let step = 0; step < 400; step++) {
      const upserts: ServiceRecord[] = [];
      const removed: string[] = [];
      for (let c = 0; c < 20; c++) {
        const n = Math.floor(random() * 6000);
        if (random() < 0.25) removed.push(`svc-${n}`);
        else upserts.push(record(`svc-${n}`, ++version, hostnamesFor(random, n)));
      }
      writer.apply({ upserts, removedIds: removed });
      model.apply({ upserts, removedIds: removed });
    }
    expectAgrees(reader, model);
    expect(writer.stats().services).toBe(model.services.size);
    expect(writer.stats().hostnames).toBe(model.owner.size);
    expect(writer.generation).toBeGreaterThan(built.handle.generation);
  });
});

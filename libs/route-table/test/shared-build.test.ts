import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import {
  allocateSharedBuild,
  type BatchOutcome,
  type BuildCounters,
  finishSharedBuild,
  MISS,
  RouteTableReader,
  type RouteTableSizing,
  RouteTableWriter,
  type ServiceRecord,
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
    instances: [{ host: `127.0.${version % 250}.1`, port: 8000 + (version % 1000), ready: true }],
  };
}

function uniqueRecords(n: number): ServiceRecord[] {
  const random = prng(11);
  return Array.from({ length: n }, (_, i) => {
    const names = [`svc-${i}.test`];
    if (random() < 0.5) names.push(`WWW.Customer-${i}.example:443`);
    if (random() < 0.1) names.push(`*.w${i}.test`);
    return record(`svc-${i}`, i + 1, names);
  });
}

function batchesOf(records: ServiceRecord[], size: number): ServiceRecord[][] {
  const out: ServiceRecord[][] = [];
  for (let i = 0; i < records.length; i += size) out.push(records.slice(i, i + size));
  return out;
}

interface Built {
  writer: RouteTableWriter;
  outcomes: BatchOutcome[][];
  /** The batches each thread had, in the order it had them. */
  shares: ServiceRecord[][][];
}

/** Builds in `threads` real worker threads, batches dealt round-robin, then adopts the table. */
async function buildShared(batches: ServiceRecord[][], threads: number, sizing: RouteTableSizing): Promise<Built> {
  const handle = allocateSharedBuild(sizing);
  const start = new SharedArrayBuffer(8);
  const shares = Array.from({ length: threads }, (_, t) => batches.filter((_, i) => i % threads === t));
  const workers = shares.map(
    (share) =>
      new Worker(new URL('./shared-build-worker.ts', import.meta.url), {
        workerData: { handle, batches: share, start },
      }),
  );
  const gate = new Int32Array(start);
  while (Atomics.load(gate, 1) < threads) await new Promise((r) => setTimeout(r, 5));
  Atomics.store(gate, 0, 1);
  Atomics.notify(gate, 0);
  const results = (await Promise.all(workers.map((w) => once(w, 'message')))).map(
    ([m]) => m as { counters: BuildCounters; outcomes: BatchOutcome[] },
  );
  await Promise.all(workers.map((w) => w.terminate()));
  const counters = results.map((r) => r.counters);
  finishSharedBuild(handle, counters);
  return { writer: RouteTableWriter.adopt(handle), outcomes: results.map((r) => r.outcomes), shares };
}

/** Applies what the builders left (batches that did not fit, deferred records), as the router does. */
function applyLeftovers(built: Built): void {
  built.outcomes.forEach((outcomes, t) => {
    outcomes.forEach((outcome, b) => {
      const batch = built.shares[t]?.[b] as ServiceRecord[];
      const later = outcome.fitted ? outcome.deferred.map((i) => batch[i] as ServiceRecord) : batch;
      if (later.length > 0) built.writer.apply({ upserts: later });
    });
  });
}

function expectAgrees(reader: RouteTableReader, model: RouteModel): void {
  for (const [hostname, id] of model.owner) {
    const host = hostname.startsWith('*') ? `probe${hostname.slice(1)}` : hostname;
    expect(reader.serviceId(reader.lookup(host)), host).toBe(id);
  }
  for (let n = 0; n < 50; n++) expect(reader.lookup(`gone-${n}.invalid`)).toBe(MISS);
}

describe('shared build (several threads fill one table)', () => {
  it('builds in 3 threads exactly the table a single writer builds, and keeps working as a table', async () => {
    const records = uniqueRecords(20_000);
    const model = new RouteModel();
    model.apply({ upserts: records });
    const built = await buildShared(batchesOf(records, 300), 3, { services: 20_000, hostnames: 32_000 });
    for (const outcomes of built.outcomes) {
      for (const outcome of outcomes) expect(outcome).toEqual({ fitted: true, rejected: [], deferred: [] });
    }
    const single = RouteTableWriter.fromSnapshot(records);
    const stats = built.writer.stats();
    expect(stats.services).toBe(single.stats().services);
    expect(stats.hostnames).toBe(single.stats().hostnames);
    expect(stats.hostSlotsUsed).toBe(single.stats().hostSlotsUsed);
    expect(stats.idSlotsUsed).toBe(single.stats().idSlotsUsed);
    const reader = RouteTableReader.attach(built.writer.handle);
    expectAgrees(reader, model);
    const ref = reader.lookup('www.customer-1.example');
    if (ref !== MISS) {
      expect(reader.instanceHost(ref, 0)).toBe('127.0.2.1');
      expect(reader.version(ref)).toBe(2);
    }
    for (const r of records.slice(0, 50)) expect(built.writer.hasService(r.id)).toBe(true);

    // Deltas after adoption, through growth: still the model's table.
    const random = prng(5);
    for (let round = 0; round < 20; round++) {
      const upserts = Array.from({ length: 500 }, (_, i) => {
        const n = Math.floor(random() * 30_000);
        return record(`svc-${n}`, 100_000 + round * 1000 + i, [`svc-${n}.test`, `moved-${round}-${i}.test`]);
      });
      const removedIds = Array.from({ length: 100 }, () => `svc-${Math.floor(random() * 30_000)}`);
      model.apply({ upserts, removedIds });
      built.writer.apply({ upserts, removedIds });
    }
    const after = RouteTableReader.attach(built.writer.handle);
    expectAgrees(after, model);
    expect(built.writer.stats().services).toBe(model.services.size);
    expect(built.writer.stats().hostnames).toBe(model.owner.size);
  });

  it('defers records whose id or hostname another record holds, and leaves batches that do not fit', async () => {
    const records = uniqueRecords(6_000);
    // Duplicates a consistent snapshot never has: the same id twice, a hostname in two records.
    for (let i = 0; i < 200; i++) records.push(record(`svc-${i * 7}`, 50_000 + i, [`again-${i}.test`]));
    for (let i = 0; i < 200; i++) records.push(record(`dup-${i}`, 60_000 + i, [`svc-${i * 11}.test`, `dup-${i}.test`]));
    records.push(record('bad', 1, ['no/slash.test']));
    // Sized for a third: most batches do not fit and are applied afterwards.
    const built = await buildShared(batchesOf(records, 100), 2, { services: 2_000, hostnames: 3_000 });
    const all = built.outcomes.flat();
    expect(all.some((o) => !o.fitted)).toBe(true);
    expect(all.flatMap((o) => o.rejected).map((r) => r.reason)).toHaveLength(1);
    applyLeftovers(built);
    const reader = RouteTableReader.attach(built.writer.handle);
    const ids = new Set(records.map((r) => r.id).filter((id) => id !== 'bad'));
    expect(built.writer.stats().services).toBe(ids.size);
    const claimants = new Map<string, Set<string>>();
    for (const r of records) {
      if (r.id === 'bad') continue;
      for (const h of r.hostnames) {
        const name = h.replace(/:443$/, '').toLowerCase();
        claimants.set(name, (claimants.get(name) ?? new Set()).add(r.id));
      }
    }
    // Every hostname routes to a record claiming it; the duplicates to one of theirs.
    let hostnames = 0;
    for (const [name, owners] of claimants) {
      const host = name.startsWith('*') ? `probe${name.slice(1)}` : name;
      const ref = reader.lookup(host);
      if (ref === MISS) continue;
      expect(owners.has(reader.serviceId(ref)), name).toBe(true);
      hostnames++;
    }
    // The table's count of live hostnames is what routes.
    expect(hostnames).toBe(built.writer.stats().hostnames);
    expect(reader.lookup('dup-5.test')).not.toBe(MISS);
    expect(reader.serviceId(reader.lookup('svc-55.test'))).toMatch(/^(svc-55|dup-5)$/);
  });
});

import { setImmediate as nextTurn } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { HandoverTracker, handoverMessage, isAckMessage, RouteTableWriter, type ServiceRecord } from '../src/index.ts';
import { prng } from './model.ts';
import { versionedRecord } from './versioned-record.ts';

const SERVICES = 400;
const MOVERS = 40;
const READERS = 2;
const DURATION_MS = 2500;

interface Done {
  type: 'done';
  lookups: number;
  switches: number;
  problems: string[];
  generation: number;
}

describe('readers in worker threads while the writer updates, grows and compacts', () => {
  it('never see a missing, torn or mixed record', async () => {
    const random = prng(11);
    let version = 1;
    // mover k belongs to service owner[k]; every delta moves some of them in one step.
    const owner = Array.from({ length: MOVERS }, (_, k) => k);
    const hostnamesOf = (n: number) => {
      const names = [`svc-${n}.test`, `*.wild-${n}.test`];
      for (let k = 0; k < MOVERS; k++) if (owner[k] === n) names.push(`move-${k}.test`);
      return names;
    };
    const writer = RouteTableWriter.create({ services: 16 });
    writer.apply({
      upserts: Array.from({ length: SERVICES }, (_, n) => versionedRecord(n, version++, hostnamesOf(n))),
    });

    const released: number[] = [];
    const tracker = new HandoverTracker(writer.handle, (handle) => released.push(handle.generation));
    const workers = Array.from(
      { length: READERS },
      () =>
        new Worker(new URL('./reader-worker.ts', import.meta.url), {
          workerData: { handle: writer.handle, services: SERVICES, movers: MOVERS, durationMs: DURATION_MS },
        }),
    );
    const results = workers.map(
      (worker, id) =>
        new Promise<Done>((resolve, reject) => {
          tracker.addReader(id);
          worker.on('error', reject);
          worker.on('message', (message: unknown) => {
            if (isAckMessage(message)) {
              tracker.acknowledge(id, message.generation);
            } else if ((message as Done).type === 'done') {
              resolve(message as Done);
            }
          });
        }),
    );
    writer.onHandover((handle) => {
      tracker.publish(handle);
      for (const worker of workers) worker.postMessage(handoverMessage(handle));
    });

    let finished = false;
    const all = Promise.all(results).finally(() => {
      finished = true;
    });
    let extra = SERVICES;
    let deltas = 0;
    while (!finished) {
      const upserts: ServiceRecord[] = [];
      const touched = new Set<number>();
      for (let i = 0; i < 8; i++) {
        const k = Math.floor(random() * MOVERS);
        touched.add(owner[k] as number);
        owner[k] = Math.floor(random() * SERVICES);
        touched.add(owner[k] as number);
      }
      for (let i = 0; i < 8; i++) touched.add(Math.floor(random() * SERVICES));
      for (const n of touched) upserts.push(versionedRecord(n, version++, hostnamesOf(n)));
      // Services nobody reads: they make the table grow, and get removed again.
      for (let i = 0; i < 20; i++) upserts.push(versionedRecord(extra++, version++, [`extra-${extra}.test`]));
      writer.apply({ upserts });
      if (deltas % 50 === 49) {
        writer.apply({ removedIds: Array.from({ length: 900 }, (_, i) => versionedRecord(extra - 1 - i, 0, []).id) });
      }
      if (deltas % 200 === 199) writer.compact();
      deltas++;
      await nextTurn();
    }
    const done = await all;
    await Promise.all(workers.map((worker) => worker.terminate()));

    for (const result of done) {
      expect(result.problems).toEqual([]);
      expect(result.lookups).toBeGreaterThan(10_000);
      expect(result.switches).toBeGreaterThan(0);
    }
    expect(deltas).toBeGreaterThan(20);
    // Superseded generations were released once both readers had moved on; none is held
    // for a reader that already acknowledged a newer one.
    expect(released.length).toBeGreaterThan(0);
    const oldestInUse = Math.min(...done.map((d) => d.generation));
    expect(tracker.retainedGenerations().every((generation) => generation >= oldestInUse)).toBe(true);
    console.log(
      `concurrency: ${deltas} deltas, generation ${writer.generation}, ` +
        done.map((d) => `${d.lookups} lookups / ${d.switches} switches`).join('; '),
    );
  });
});

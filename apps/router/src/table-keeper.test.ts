import type { Service } from '@switchyard/proto';
import { MISS, RouteTableReader, type TableHandle } from '@switchyard/route-table';
import { silentLogger } from '@switchyard/telemetry';
import { describe, expect, it } from 'vitest';
import { oldestCommit, TableKeeper } from './table-keeper.ts';

const web = (id: string, hostnames: string[], port = 8080): Service => ({
  id,
  kind: 1,
  plan: 2,
  state: 1,
  hostnames,
  instances: [{ host: '10.0.0.1', port, ready: true }],
});

function keeper() {
  const handles: TableHandle[] = [];
  const changes: string[] = [];
  const applied: number[] = [];
  const k = new TableKeeper({
    logger: silentLogger(),
    onHandle: (h) => handles.push(h),
    onChange: (c) => changes.push(c),
    onDeltaApplied: (commitTimeMs) => applied.push(commitTimeMs),
  });
  const lookup = (host: string) => {
    const reader = RouteTableReader.attach(k.handle);
    const ref = reader.lookup(host);
    return ref === MISS ? undefined : { id: reader.serviceId(ref), port: reader.instancePort(ref, 0) };
  };
  return { k, handles, changes, applied, lookup };
}

describe('TableKeeper', () => {
  it('fills a fresh table during a snapshot and swaps it in only at the end', () => {
    const { k, handles, changes, lookup } = keeper();
    k.beginSnapshot(10, 2);
    k.addBatch([web('a', ['a.example.com'])]);
    k.addBatch([web('b', ['b.example.com', '*.b.example.com'])]);
    expect(lookup('a.example.com')).toBeUndefined();
    expect(handles).toHaveLength(0);
    k.endSnapshot(10);
    expect(handles).toEqual([k.handle]);
    expect(changes).toEqual(['snapshot']);
    expect(lookup('x.b.example.com')).toEqual({ id: 'b', port: 8080 });
    expect(k.state()).toMatchObject({ version: 10, services: 2, hostnames: 3 });
  });

  it('keeps the current table when a snapshot is aborted', () => {
    const { k, lookup } = keeper();
    k.beginSnapshot(1, 1);
    k.addBatch([web('a', ['a.example.com'])]);
    k.endSnapshot(1);
    k.beginSnapshot(2, 1);
    k.addBatch([web('z', ['z.example.com'])]);
    k.abortSnapshot();
    expect(lookup('a.example.com')?.id).toBe('a');
    expect(lookup('z.example.com')).toBeUndefined();
    expect(k.state().version).toBe(1);
  });

  it('applies deltas in place: upserts, moves and removals', () => {
    const { k, lookup, changes, applied } = keeper();
    k.beginSnapshot(1, 2);
    k.addBatch([web('a', ['a.example.com', 'shared.example.com']), web('b', ['b.example.com'])]);
    k.endSnapshot(1);
    k.applyDelta({
      version: 5,
      upserts: [web('a', ['a.example.com'], 9000), web('b', ['b.example.com', 'shared.example.com'])],
      commitTimeMs: 1234,
    });
    expect(lookup('a.example.com')).toEqual({ id: 'a', port: 9000 });
    expect(lookup('shared.example.com')?.id).toBe('b');
    k.applyDelta({ version: 6, removedIds: ['b'] });
    expect(lookup('b.example.com')).toBeUndefined();
    expect(k.state()).toMatchObject({ version: 6, commitTimeMs: 1234, services: 1 });
    expect(changes).toEqual(['snapshot', 'delta', 'delta']);
    expect(applied).toEqual([1234]); // the delta without a commit time is not a propagation sample
  });

  it('skips a record the table refuses and keeps the rest of its batch', () => {
    const { k, lookup } = keeper();
    k.beginSnapshot(1, 3);
    k.addBatch([
      web('a', ['a.example.com']),
      { ...web('bad', ['bad.example.com']), kind: 0 },
      web('c', ['c.example.com']),
    ]);
    k.endSnapshot(1);
    expect(lookup('a.example.com')?.id).toBe('a');
    expect(lookup('c.example.com')?.id).toBe('c');
    expect(lookup('bad.example.com')).toBeUndefined();
    expect(k.rejected).toBe(1);
    // A live service updated into something invalid stops routing rather than keep stale data.
    k.applyDelta({ version: 2, upserts: [{ ...web('a', ['a.example.com']), state: 7 as Service['state'] }] });
    expect(lookup('a.example.com')).toBeUndefined();
    expect(k.rejected).toBe(2);
  });

  it('hands a grown table to the readers', () => {
    const { k, handles } = keeper();
    k.beginSnapshot(1, 1);
    k.addBatch([web('s0', ['s0.example.com'])]);
    k.endSnapshot(1);
    const before = handles.length;
    const upserts = Array.from({ length: 5000 }, (_, i) =>
      web(`s${i}`, [`s${i}.example.com`, `www.s${i}.example.com`]),
    );
    k.applyDelta({ version: 2, upserts });
    expect(handles.length).toBeGreaterThan(before);
    expect(handles.at(-1)).toBe(k.handle);
    expect(k.state().services).toBe(5000);
  });

  it('holds deltas and heartbeats while the table is held, then applies them in order', () => {
    const { k, lookup, changes } = keeper();
    k.beginSnapshot(1, 1);
    k.addBatch([web('a', ['a.example.com'])]);
    k.endSnapshot(1);
    const held = k.hold();
    expect(held).toMatchObject({ handle: k.handle, version: 1 });
    expect(() => k.hold()).toThrow('already held');
    k.applyDelta({ version: 2, upserts: [web('b', ['b.example.com'])], commitTimeMs: 50 });
    k.applyDelta({ version: 3, removedIds: ['a'] });
    k.noteProgress(4, 60);
    expect(lookup('b.example.com')).toBeUndefined();
    expect(lookup('a.example.com')?.id).toBe('a');
    expect(k.state().version).toBe(1);
    held.release();
    held.release();
    expect(lookup('b.example.com')?.id).toBe('b');
    expect(lookup('a.example.com')).toBeUndefined();
    expect(k.state()).toMatchObject({ version: 4, commitTimeMs: 60, services: 1 });
    expect(changes).toEqual(['snapshot', 'delta']);
  });

  it('drops held deltas when a snapshot is swapped in meanwhile (it came later on the stream)', () => {
    const { k, lookup } = keeper();
    k.beginSnapshot(1, 1);
    k.addBatch([web('a', ['a.example.com'])]);
    k.endSnapshot(1);
    const held = k.hold();
    k.applyDelta({ version: 2, upserts: [web('stale', ['stale.example.com'])] });
    k.beginSnapshot(5, 1);
    k.addBatch([web('c', ['c.example.com'])]);
    k.endSnapshot(5);
    k.applyDelta({ version: 6, upserts: [web('d', ['d.example.com'])] });
    held.release();
    expect(lookup('stale.example.com')).toBeUndefined();
    expect(lookup('a.example.com')).toBeUndefined();
    expect(lookup('c.example.com')?.id).toBe('c');
    expect(lookup('d.example.com')?.id).toBe('d');
    expect(k.state().version).toBe(6);
  });
});

describe('propagation stamping', () => {
  it("counts a delta from its oldest record's own commit, not the delta's newest", () => {
    const observed: number[] = [];
    const keeper = new TableKeeper({
      logger: silentLogger(),
      onHandle: () => {},
      onChange: () => {},
      onDeltaApplied: (at) => observed.push(at),
    });
    const record = (id: string, commitTimeMs: number): Service => ({
      id,
      kind: 1,
      plan: 2,
      state: 1,
      hostnames: [`${id}.example.com`],
      version: 5,
      commitTimeMs,
    });
    keeper.applyDelta({
      version: 5,
      upserts: [record('a', 1_000), record('b', 400), record('c', 900)],
      commitTimeMs: 1_000,
    });
    keeper.applyDelta({ version: 6, removedIds: ['a'], commitTimeMs: 1_200 });
    expect(observed).toEqual([400, 1_200]);
    expect(oldestCommit([record('d', 0)], 700)).toBe(700);
  });
});

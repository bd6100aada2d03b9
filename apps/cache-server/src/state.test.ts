import { ServiceKind } from '@switchyard/proto';
import { describe, expect, it } from 'vitest';
import { type AppliedChange, RouteState } from './state.ts';
import { decodeRecord, encodeContents, type RecordContent, type StoredRecord, stamp } from './stored-record.ts';

const service = (id: string, name = id): RecordContent =>
  encodeContents([{ id, name, kind: ServiceKind.SERVICE_KIND_WEB, region: 'eu' }])[0] as RecordContent;
const stored = (id: string, version: number): [string, StoredRecord] => [id, stamp(service(id).content, version, 0)];
/** [id, name, version, commit time] of a stored record. */
const fields = (record: StoredRecord | undefined) => {
  if (record === undefined) return undefined;
  const decoded = decodeRecord(record);
  return [decoded.id, decoded.name, record.version, record.commitTimeMs];
};

function loaded(): RouteState {
  const state = new RouteState();
  state.reset({
    version: 100,
    commitTimeMs: 1_000,
    completeSince: 50,
    records: [stored('a', 60), stored('b', 50)],
    tombstones: [
      ['gone', { version: 70, commitTimeMs: 900 }],
      ['a', { version: 55, commitTimeMs: 800 }],
    ],
  });
  return state;
}

describe('RouteState', () => {
  it("stamps each record and tombstone with its own commit time when given, the change's otherwise", () => {
    const state = loaded();
    const change = state.apply(110, [service('a'), service('c')], ['b'], 2_000, {
      commitTimes: new Map([
        ['a', 1_500],
        ['b', 1_700],
      ]),
    });
    expect(fields(state.records.get('a'))).toEqual(['a', 'a', 110, 1_500]);
    expect(fields(state.records.get('c'))).toEqual(['c', 'c', 110, 2_000]);
    expect(state.tombstones.get('b')).toEqual({ version: 110, commitTimeMs: 1_700 });
    expect(change.commitTimeMs).toBe(2_000);
  });

  it('keeps only tombstones of services it does not hold', () => {
    const state = loaded();
    expect([...state.tombstones.keys()]).toEqual(['gone']);
  });

  it('stamps upserts and removals with the new version and tells listeners once', () => {
    const state = loaded();
    const seen: AppliedChange[] = [];
    state.onChange((change) => seen.push(change));
    const change = state.apply(110, [service('c'), service('a', 'renamed')], ['b', 'never-held'], 2_000);
    expect(change.previousVersion).toBe(100);
    expect(change.upserts.map(fields)).toEqual([
      ['c', 'c', 110, 2_000],
      ['a', 'renamed', 110, 2_000],
    ]);
    expect(change.removedIds).toEqual(['b']);
    expect(state.tombstones.get('b')).toEqual({ version: 110, commitTimeMs: 2_000 });
    expect(state.tombstones.has('never-held')).toBe(false);
    expect(fields(state.records.get('a'))?.[1]).toBe('renamed');
    expect(seen).toHaveLength(1);
    expect(state.version).toBe(110);
  });

  it('stamps a partial batch but keeps the version until the last batch', () => {
    const state = loaded();
    const seen: AppliedChange[] = [];
    state.onChange((change) => seen.push(change));
    state.apply(110, [service('c')], [], 2_000, { partial: true });
    expect(state.version).toBe(100);
    expect(seen[0]?.version).toBe(100);
    expect(state.records.get('c')?.version).toBe(110);
    expect(state.changesSince(100)?.upserts.map((s) => fields(s)?.[0])).toEqual(['c']);
    state.apply(110, [service('d')], [], 2_000);
    expect(state.version).toBe(110);
    expect(seen[1]?.version).toBe(110);
  });

  it('never moves the version backwards and does not notify for nothing', () => {
    const state = loaded();
    let calls = 0;
    state.onChange(() => calls++);
    state.apply(90, [], ['unknown'], 0);
    expect(state.version).toBe(100);
    state.advance(95, 0);
    expect(state.version).toBe(100);
    expect(calls).toBe(0);
  });

  it('answers a resuming client with what was stamped after its version', () => {
    const state = loaded();
    state.apply(110, [service('c')], ['b'], 2_000);
    const since = state.changesSince(60);
    expect(since?.upserts.map((s) => fields(s)?.[0])).toEqual(['c']);
    expect(since?.removedIds.sort()).toEqual(['b', 'gone']);
    expect(since?.version).toBe(110);
    expect(state.changesSince(110)?.upserts).toEqual([]);
  });

  it('asks for a snapshot below the complete-since version and after pruning tombstones', () => {
    const state = loaded();
    expect(state.changesSince(49)).toBeNull();
    expect(state.changesSince(0)).toBeNull();
    expect(state.changesSince(50)).not.toBeNull();
    state.apply(120, [], ['a'], 5_000);
    expect(state.pruneTombstones(3_000)).toBe(1); // "gone" (900) goes; "a" (5000) stays
    expect(state.completeSince).toBe(70);
    expect(state.changesSince(60)).toBeNull();
    expect(state.changesSince(70)?.removedIds).toEqual(['a']);
  });

  it('takes snapshots that later changes do not alter', () => {
    const state = loaded();
    const snapshot = state.snapshot();
    state.apply(110, [service('a', 'changed')], ['b'], 2_000);
    expect(snapshot.version).toBe(100);
    expect(snapshot.records.map((s) => fields(s)?.slice(0, 2))).toEqual([
      ['a', 'a'],
      ['b', 'b'],
    ]);
  });
});

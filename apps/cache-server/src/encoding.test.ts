import { routeCacheService, type Service, ServiceKind, v1, type WatchEvent } from '@switchyard/proto';
import { describe, expect, it } from 'vitest';
import {
  cacheServiceDefinition,
  deltaEvents,
  heartbeatEvent,
  snapshotEvents,
  TARGET_MESSAGE_BYTES,
} from './encoding.ts';
import { encodeContents, type StoredRecord, stamp } from './stored-record.ts';

const decode = (bytes: Buffer): WatchEvent => routeCacheService.watch.responseDeserialize(bytes);

function services(n: number): Service[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    name: `svc-${i}`,
    kind: ServiceKind.SERVICE_KIND_WEB,
    region: 'eu',
    hostnames: [`svc-${i}.example.com`, `www.svc-${i}.example.com`],
    instances: [{ host: '10.0.0.1', port: 8000 + (i % 1000), ready: true }],
    version: 2 ** 40 + i,
    commitTimeMs: 1_790_000_000_000,
  }));
}

/** The services as the cache stores them, with their stamps. */
function stored(list: readonly Service[]): StoredRecord[] {
  return encodeContents(list).map((record, i) =>
    stamp(record.content, list[i]?.version as number, list[i]?.commitTimeMs as number),
  );
}

describe('snapshot encoding', () => {
  it('frames a snapshot as start, size-bounded batches, end, and decodes to the same records', () => {
    const records = services(10_000);
    const events = [...snapshotEvents(777, stored(records))];
    const decoded = events.map((e) => decode(e.bytes));
    expect(decoded[0]?.snapshotStart).toMatchObject({ version: 777, total: 10_000 });
    expect(decoded.at(-1)?.snapshotEnd?.version).toBe(777);
    const batches = decoded.slice(1, -1);
    expect(batches.length).toBeGreaterThan(1);
    for (const event of events.slice(1, -1)) expect(event.bytes.length).toBeLessThan(TARGET_MESSAGE_BYTES + 4096);
    const all = batches.flatMap((b) => b.serviceBatch?.services ?? []);
    expect(all.length).toBe(10_000);
    expect(v1.Service.toObject(v1.Service.fromObject(all[1234] as object))).toEqual(
      v1.Service.toObject(v1.Service.fromObject(records[1234] as object)),
    );
    expect(events.map((e) => e.version)).toEqual([...events.slice(0, -1).map(() => 0), 777]);
  });

  it('sends an empty region as start and end only', () => {
    const decoded = [...snapshotEvents(5, [])].map((e) => decode(e.bytes));
    expect(decoded.map((e) => e.event)).toEqual(['snapshotStart', 'snapshotEnd']);
  });
});

describe('delta encoding', () => {
  it('puts a small change in one Delta', () => {
    const events = [
      ...deltaEvents({
        previousVersion: 10,
        version: 12,
        upserts: stored(services(2)),
        removedIds: ['x'],
        commitTimeMs: 99,
      }),
    ];
    expect(events).toHaveLength(1);
    const delta = decode(events[0]?.bytes as Buffer).delta;
    expect(delta?.version).toBe(12);
    expect(delta?.commitTimeMs).toBe(99);
    expect(delta?.upserts?.map((s) => s.name)).toEqual(['svc-0', 'svc-1']);
    expect(delta?.removedIds).toEqual(['x']);
  });

  it('cuts a large change into chunks that all carry the previous version but the last', () => {
    const removedIds = Array.from({ length: 20_000 }, (_, i) => `removed-${i}`);
    const events = [
      ...deltaEvents({
        previousVersion: 10,
        version: 12,
        upserts: stored(services(5_000)),
        removedIds,
        commitTimeMs: 99,
      }),
    ];
    expect(events.length).toBeGreaterThan(2);
    const deltas = events.map((e) => decode(e.bytes).delta);
    expect(deltas.map((d) => d?.version)).toEqual([...deltas.slice(0, -1).map(() => 10), 12]);
    expect(events.map((e) => e.version)).toEqual(deltas.map((d) => d?.version));
    expect(deltas.flatMap((d) => d?.upserts ?? []).length).toBe(5_000);
    expect(deltas.flatMap((d) => d?.removedIds ?? [])).toEqual(removedIds);
    for (const event of events) expect(event.bytes.length).toBeLessThan(TARGET_MESSAGE_BYTES + 4096);
  });

  it('encodes heartbeats, and the definition passes pre-encoded buffers through', () => {
    const beat = heartbeatEvent(42, 7);
    expect(decode(beat.bytes).heartbeat).toMatchObject({ version: 42, commitTimeMs: 7 });
    expect(cacheServiceDefinition.watch.responseSerialize(beat.bytes)).toBe(beat.bytes);
    expect(
      decode(cacheServiceDefinition.watch.responseSerialize({ heartbeat: { version: 1 } })).heartbeat?.version,
    ).toBe(1);
  });
});

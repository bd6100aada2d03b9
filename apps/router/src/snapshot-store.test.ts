import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Service } from '@switchyard/proto';
import { MISS, RouteTableReader, type TableHandle } from '@switchyard/route-table';
import { silentLogger } from '@switchyard/telemetry';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SnapshotFileError } from './errors.ts';
import { preloadStateDir, stateDirHint } from './preload.ts';
import { type HeldTable, SnapshotStore } from './snapshot-store.ts';
import { TableKeeper } from './table-keeper.ts';

const services: Service[] = [
  {
    id: 'svc-1',
    name: 'one',
    kind: 1,
    plan: 2,
    state: 1,
    region: 'eu',
    hostnames: ['one.example.com'],
    version: 7,
    instances: [{ host: '127.1.0.1', port: 8080, ready: true }],
  },
  {
    id: 'svc-2',
    name: 'two',
    kind: 2,
    plan: 1,
    state: 2,
    region: 'eu',
    hostnames: ['*.two.example.com'],
    version: 9,
    staticSite: { activeBuildId: 'b1', rules: [{ source: '/a', destination: '/b', status: 301 }] },
  },
];

function keeperWith(records: Service[], version: number, commitTimeMs = 0): TableKeeper {
  const keeper = new TableKeeper({ logger: silentLogger(), onHandle: () => {}, onChange: () => {} });
  keeper.load(records, version, commitTimeMs);
  return keeper;
}

function writeTable(store: SnapshotStore, keeper: TableKeeper) {
  return store.write(() => keeper.hold(), 1000);
}

function describeTable(handle: TableHandle) {
  const reader = RouteTableReader.attach(handle);
  return ['one.example.com', 'x.two.example.com', 'three.example.com'].map((host) => {
    const ref = reader.lookup(host);
    if (ref === MISS) return { host };
    return { host, id: reader.serviceId(ref), version: reader.version(ref), build: reader.activeBuildId(ref) };
  });
}

let dir: string;
let store: SnapshotStore;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'snapshot-store-'));
  store = new SnapshotStore(dir, 'eu');
});
afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

describe('SnapshotStore', () => {
  it('writes the table from a worker and reads it back into buffers that serve the same lookups', async () => {
    const keeper = keeperWith(services, 1234, 1_700_000_000_123);
    let released = 0;
    const result = await store.write(() => {
      const held = keeper.hold();
      return {
        ...held,
        release: () => {
          released++;
          held.release();
        },
      };
    }, 1000);
    expect(released).toBe(1);
    expect(result.bytes).toBeGreaterThan(0);
    expect(result.heldMs).toBeGreaterThanOrEqual(0);
    const loaded = await store.read();
    expect(loaded).toMatchObject({ version: 1234, commitTimeMs: 1_700_000_000_123, bytes: result.bytes });
    expect(describeTable(loaded?.handle as TableHandle)).toEqual(describeTable(keeper.handle));
    expect(describeTable(keeper.handle)[2]).toEqual({ host: 'three.example.com' });
    expect(await readdir(dir)).toEqual(['routes.table']);
  });

  it('replaces the previous file and removes an older router record snapshot', async () => {
    await writeFile(join(dir, 'routes.snapshot'), 'SWYDSNAP, format 1');
    await expect(store.read()).rejects.toThrow('record snapshot of an older router');
    await writeTable(store, keeperWith(services, 1));
    await writeTable(store, keeperWith(services.slice(1), 2));
    const loaded = await store.read();
    expect(loaded?.version).toBe(2);
    expect(describeTable(loaded?.handle as TableHandle).map((row) => row.id)).toEqual([undefined, 'svc-2', undefined]);
    expect(await readdir(dir)).toEqual(['routes.table']);
  });

  it('reads nothing when there is no file', async () => {
    expect(await store.read()).toBeUndefined();
  });

  it('releases the table when the write fails, and reports the failure', async () => {
    const blocked = join(dir, 'file-not-dir');
    await writeFile(blocked, '');
    const failing = new SnapshotStore(join(blocked, 'state'), 'eu');
    let released = false;
    const keeper = keeperWith(services, 1);
    const hold = (): HeldTable => ({ ...keeper.hold(), release: () => (released = true) });
    await expect(failing.write(hold, 1000)).rejects.toThrow();
    expect(released).toBe(true);
    await failing.close();
  });

  it('refuses a flipped byte, a truncated file, another region, format or layout, and garbage', async () => {
    await writeTable(store, keeperWith(services, 5));
    const good = await readFile(store.path);
    const flip = (at: number, value?: number) => Buffer.from(good.map((b, i) => (i === at ? (value ?? b ^ 1) : b)));
    const variants: [string, Buffer][] = [
      ['checksum', flip(good.length - 100)],
      ['checksum', flip(60)],
      ['truncated or corrupt', good.subarray(0, good.length - 7)],
      ['truncated or corrupt', Buffer.concat([good, Buffer.alloc(3)])],
      ['truncated or corrupt', flip(20, 0xff)],
      ['format version', flip(8, 9)],
      ['table layout', flip(12, 77)],
      ['not a router table file', Buffer.from('hello, world; definitely not a table file at all, no')],
    ];
    for (const [why, bytes] of variants) {
      await writeFile(store.path, bytes);
      await expect(store.read(), why).rejects.toThrow(SnapshotFileError);
      await expect(store.read(), why).rejects.toThrow(why);
    }
    await writeFile(store.path, good);
    await expect(new SnapshotStore(dir, 'us').read()).rejects.toThrow('region "eu"');
    expect((await store.read())?.version).toBe(5);
  });

  it('takes a read started early (preload) for its own state dir only', async () => {
    await writeTable(store, keeperWith(services, 11));
    const early = preloadStateDir(['--caches', '127.0.0.1:1', `--state-dir=${dir}/`], {});
    expect(early?.dir).toBe(`${dir}/`);
    expect((await store.read(early))?.version).toBe(11);
    // A preload of another directory is not used: this store reads its own.
    const elsewhere = await mkdtemp(join(tmpdir(), 'snapshot-store-other-'));
    try {
      const other = preloadStateDir(['--state-dir', elsewhere], {});
      expect(await other?.table).toBeUndefined();
      expect((await store.read(other))?.version).toBe(11);
      // The region is checked on the preloaded table too.
      await expect(new SnapshotStore(dir, 'us').read(preloadStateDir(['--state-dir', dir], {}))).rejects.toThrow(
        'region "eu"',
      );
    } finally {
      await rm(elsewhere, { recursive: true, force: true });
    }
  });
});

describe('stateDirHint', () => {
  it('reads --state-dir DIR, --state-dir=DIR, then SWITCHYARD_ROUTER_STATE_DIR', () => {
    expect(stateDirHint(['--state-dir', '/a', '--workers', '2'], {})).toBe('/a');
    expect(stateDirHint(['--state-dir=/b'], { SWITCHYARD_ROUTER_STATE_DIR: '/c' })).toBe('/b');
    expect(stateDirHint(['--workers', '2'], { SWITCHYARD_ROUTER_STATE_DIR: '/c' })).toBe('/c');
    expect(stateDirHint(['--workers', '2'], {})).toBeUndefined();
    expect(stateDirHint(['--', '--state-dir', '/d'], {})).toBeUndefined();
  });
});

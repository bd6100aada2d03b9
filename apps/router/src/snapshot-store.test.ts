import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Service } from '@switchyard/proto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SnapshotFileError } from './errors.ts';
import { SnapshotStore } from './snapshot-store.ts';

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
    instances: [{ host: '10.0.0.1', port: 8080, ready: true }],
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

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'snapshot-store-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('SnapshotStore', () => {
  it('round-trips records, version and commit time, leaving no temporary file', async () => {
    const store = new SnapshotStore(dir, 'eu');
    await store.write(services, 1234, 1_700_000_000_123);
    const read = await store.read();
    expect(read).toMatchObject({ region: 'eu', version: 1234, commitTimeMs: 1_700_000_000_123 });
    expect(read?.services.map((s) => s.id)).toEqual(['svc-1', 'svc-2']);
    expect(read?.services[0]?.instances?.[0]).toMatchObject({ host: '10.0.0.1', port: 8080, ready: true });
    expect(read?.services[1]?.staticSite?.rules?.[0]).toMatchObject({ source: '/a', status: 301 });
    expect(await readdir(dir)).toEqual(['routes.snapshot']);
  });

  it('replaces the previous file', async () => {
    const store = new SnapshotStore(dir, 'eu');
    await store.write(services, 1, 0);
    await store.write(services.slice(1), 2, 0);
    expect((await store.read())?.services.map((s) => s.id)).toEqual(['svc-2']);
  });

  it('reads nothing when there is no file', async () => {
    expect(await new SnapshotStore(dir, 'eu').read()).toBeUndefined();
  });

  it('refuses a flipped byte, a truncated file, another region, another format and garbage', async () => {
    const store = new SnapshotStore(dir, 'eu');
    await store.write(services, 5, 0);
    const good = await readFile(store.path);
    const variants: [string, Buffer][] = [
      ['checksum', Buffer.from(good.map((b, i) => (i === 60 ? b ^ 1 : b)))],
      ['checksum', good.subarray(0, good.length - 7)],
      ['format version', Buffer.from(good.map((b, i) => (i === 8 ? 9 : b)))],
      ['not a router snapshot', Buffer.from('hello, world; definitely not a snapshot file')],
    ];
    for (const [why, bytes] of variants) {
      await writeFile(store.path, bytes);
      await expect(store.read()).rejects.toThrow(SnapshotFileError);
      await expect(store.read()).rejects.toThrow(why);
    }
    await writeFile(store.path, good);
    await expect(new SnapshotStore(dir, 'us').read()).rejects.toThrow('region "eu"');
  });
});

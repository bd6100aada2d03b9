import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FileSystemObjectStore, ObjectStoreConfigError, openObjectStore, siteKey } from '../src/index.ts';
import { describeObjectStoreConformance } from './conformance.ts';

async function tempRoot(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'object-store-'));
}

describeObjectStoreConformance('filesystem', async () => {
  const root = await tempRoot();
  return { store: openObjectStore(pathToFileURL(root).href), stop: () => rm(root, { recursive: true, force: true }) };
});

describe('FileSystemObjectStore', () => {
  it('maps keys to files under the root and leaves no temp files after puts', async () => {
    const root = await tempRoot();
    const store = new FileSystemObjectStore(root);
    await store.put(siteKey('s1', 'b1', 'a/b.txt'), Buffer.from('x'));
    expect(await readdir(join(root, 'sites', 's1', 'b1', 'a'))).toEqual(['b.txt']);
    expect(await readdir(join(root, '.incoming'))).toEqual([]);
    await rm(root, { recursive: true, force: true });
  });

  it('fails a put whose stream does not match the declared size, leaving nothing behind', async () => {
    const root = await tempRoot();
    const store = new FileSystemObjectStore(root);
    const key = siteKey('s1', 'b1', 'short.bin');
    const { Readable } = await import('node:stream');
    await expect(store.put(key, Readable.from([Buffer.from('abc')]), { size: 10 })).rejects.toMatchObject({
      code: 'SIZE_MISMATCH',
    });
    expect(await store.head(key)).toBeUndefined();
    expect(await readdir(join(root, '.incoming'))).toEqual([]);
    await rm(root, { recursive: true, force: true });
  });

  it('never lists or serves the staging directory', async () => {
    const root = await tempRoot();
    const store = new FileSystemObjectStore(root);
    await store.put('a.txt', Buffer.from('a'));
    await writeFile(join(root, '.incoming', 'leftover.part'), 'partial');
    const keys: string[] = [];
    for await (const { key } of store.list('')) keys.push(key);
    expect(keys).toEqual(['a.txt']);
    await expect(store.head('.incoming/leftover.part')).rejects.toMatchObject({ code: 'INVALID_KEY' });
    await rm(root, { recursive: true, force: true });
  });

  it('removes directories emptied by deletePrefix but keeps the root', async () => {
    const root = await tempRoot();
    const store = new FileSystemObjectStore(root);
    await store.put(siteKey('s1', 'b1', 'deep/er/x.txt'), Buffer.from('x'));
    await store.put(siteKey('s1', 'b2', 'y.txt'), Buffer.from('y'));
    await store.deletePrefix('sites/s1/b1/');
    expect((await readdir(join(root, 'sites', 's1'))).sort()).toEqual(['b2']);
    await store.deletePrefix('');
    expect((await readdir(root)).filter((n) => n !== '.incoming')).toEqual([]);
    await rm(root, { recursive: true, force: true });
  });
});

describe('openObjectStore', () => {
  it('opens plain paths and file URLs as filesystem stores', () => {
    expect(openObjectStore('/var/lib/sites')).toBeInstanceOf(FileSystemObjectStore);
    expect((openObjectStore('file:///var/lib/sites') as FileSystemObjectStore).root).toBe('/var/lib/sites');
    expect((openObjectStore('relative/dir') as FileSystemObjectStore).root).toBe(join(process.cwd(), 'relative/dir'));
  });

  it('refuses unknown schemes and incomplete S3 configuration with a config error', () => {
    expect(() => openObjectStore('gs://bucket')).toThrow(ObjectStoreConfigError);
    expect(() => openObjectStore('gs://bucket')).toThrow(/unknown object store scheme "gs:"/);
    expect(() => openObjectStore('')).toThrow(ObjectStoreConfigError);
    expect(() => openObjectStore('s3://', { accessKeyId: 'a', secretAccessKey: 'b' })).toThrow(
      /expected s3:\/\/<bucket>/,
    );
    expect(() =>
      openObjectStore('s3://my-bucket', { endpoint: 'ftp://x', accessKeyId: 'a', secretAccessKey: 'b' }),
    ).toThrow(/http:\/\/ or https:\/\//);
  });
});

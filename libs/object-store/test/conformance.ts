import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidKeyError, type ObjectStore, siteKey, sitePrefix } from '../src/index.ts';

async function readStream(body: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function listAll(store: ObjectStore, prefix: string): Promise<Array<{ key: string; size: number }>> {
  const out: Array<{ key: string; size: number }> = [];
  for await (const entry of store.list(prefix)) out.push(entry);
  return out.sort((a, b) => (a.key < b.key ? -1 : 1));
}

/** A deterministic pseudo-random buffer (content must survive byte for byte, not just its length). */
function patternBytes(size: number, seed: number): Buffer {
  const out = Buffer.allocUnsafe(size);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

/**
 * The behaviour every ObjectStore backend must have. `open` gives a store over an empty namespace;
 * each test uses its own service id so tests do not see each other's objects.
 */
export function describeObjectStoreConformance(
  name: string,
  open: () => Promise<{ store: ObjectStore; stop(): Promise<void> }>,
): void {
  describe(`ObjectStore conformance: ${name}`, () => {
    let store: ObjectStore;
    let stop: () => Promise<void>;
    let serial = 0;
    const service = () => `svc-${Date.now().toString(36)}-${++serial}`;

    beforeAll(async () => {
      ({ store, stop } = await open());
    });
    afterAll(async () => {
      await store?.close();
      await stop?.();
    });

    it('puts and gets an object, with head agreeing on size, etag and modification time', async () => {
      const key = siteKey(service(), 'b1', 'index.html');
      await store.put(key, Buffer.from('<h1>hello</h1>'), { contentType: 'text/html' });
      const head = await store.head(key);
      expect(head?.size).toBe(14);
      expect(head?.etag).toMatch(/^"[^"]+"$/);
      expect(head?.lastModified.getTime()).toBeGreaterThan(Date.UTC(2020, 0, 1));
      const got = await store.get(key);
      expect(got?.info).toEqual(head);
      expect((await readStream(got?.body as Readable)).toString()).toBe('<h1>hello</h1>');
      const bytes = await store.getBytes(key);
      expect(bytes?.bytes.toString()).toBe('<h1>hello</h1>');
      expect(bytes?.info).toEqual(head);
    });

    it('stores an empty object', async () => {
      const key = siteKey(service(), 'b1', 'empty.txt');
      await store.put(key, Buffer.alloc(0));
      expect((await store.head(key))?.size).toBe(0);
      expect((await store.getBytes(key))?.bytes.length).toBe(0);
    });

    it('returns undefined for missing keys from head, get and getBytes', async () => {
      const key = siteKey(service(), 'b1', 'nope/missing.css');
      expect(await store.head(key)).toBeUndefined();
      expect(await store.get(key)).toBeUndefined();
      expect(await store.get(key, { start: 0, end: 1 })).toBeUndefined();
      expect(await store.getBytes(key)).toBeUndefined();
    });

    it('treats a "directory" (a prefix of other keys) as missing', async () => {
      const svc = service();
      await store.put(siteKey(svc, 'b1', 'docs/a.html'), Buffer.from('a'));
      expect(await store.head(`${sitePrefix(svc, 'b1')}docs`)).toBeUndefined();
      expect(await store.get(`${sitePrefix(svc, 'b1')}docs`)).toBeUndefined();
    });

    it('serves inclusive byte ranges, reporting the whole object size', async () => {
      const key = siteKey(service(), 'b1', 'range.bin');
      const data = patternBytes(10_000, 7);
      await store.put(key, data);
      const cases: Array<[number, number]> = [
        [0, 0],
        [0, 9],
        [100, 199],
        [9_999, 9_999],
        [5_000, 9_999],
      ];
      for (const [start, end] of cases) {
        const got = await store.get(key, { start, end });
        expect(got?.info.size).toBe(10_000);
        expect((await readStream(got?.body as Readable)).equals(data.subarray(start, end + 1))).toBe(true);
      }
    });

    it('replaces an object on a second put, changing the etag', async () => {
      const key = siteKey(service(), 'b1', 'app.js');
      await store.put(key, Buffer.from('one'));
      const first = await store.head(key);
      await new Promise((r) => setTimeout(r, 5)); // mtime-based etags need a different mtime
      await store.put(key, Buffer.from('second version'));
      const second = await store.head(key);
      expect(second?.size).toBe(14);
      expect(second?.etag).not.toBe(first?.etag);
      expect((await store.getBytes(key))?.bytes.toString()).toBe('second version');
    });

    it('streams a large object in and out (8 MiB stream put, range at the end)', async () => {
      const key = siteKey(service(), 'b1', 'big/video.bin');
      const data = patternBytes(8 * 1024 * 1024, 42);
      const chunks = Array.from({ length: 128 }, (_, i) => data.subarray(i * 65_536, (i + 1) * 65_536));
      await store.put(key, Readable.from(chunks), { size: data.length });
      expect((await store.head(key))?.size).toBe(data.length);
      const got = await store.get(key);
      if (got === undefined) throw new Error('missing after put');
      let received = 0;
      let chunkCount = 0;
      const hashIn = (await import('node:crypto')).createHash('sha256');
      for await (const chunk of got.body) {
        received += (chunk as Buffer).length;
        chunkCount++;
        hashIn.update(chunk as Buffer);
      }
      expect(received).toBe(data.length);
      expect(chunkCount).toBeGreaterThan(1); // streamed, not one buffer
      const expected = (await import('node:crypto')).createHash('sha256').update(data).digest('hex');
      expect(hashIn.digest('hex')).toBe(expected);
      const tail = await store.get(key, { start: data.length - 1000, end: data.length - 1 });
      expect((await readStream(tail?.body as Readable)).equals(data.subarray(data.length - 1000))).toBe(true);
    });

    it('accepts a stream without a declared size', async () => {
      const key = siteKey(service(), 'b1', 'unsized.txt');
      await store.put(key, Readable.from([Buffer.from('ab'), Buffer.from('cd')]));
      expect((await store.getBytes(key))?.bytes.toString()).toBe('abcd');
    });

    it('keeps keys with spaces, unicode and reserved URL characters distinct and intact', async () => {
      const svc = service();
      const names = ['a b.html', 'é/ü.txt', 'q?x=1&y=2.txt', 'plus+sign.txt', 'percent%20.txt', "quote'(1).txt"];
      for (const [i, name] of names.entries()) await store.put(siteKey(svc, 'b1', name), Buffer.from(String(i)));
      for (const [i, name] of names.entries()) {
        expect((await store.getBytes(siteKey(svc, 'b1', name)))?.bytes.toString()).toBe(String(i));
      }
      const listed = await listAll(store, sitePrefix(svc, 'b1'));
      expect(listed.map((e) => e.key).sort()).toEqual(names.map((n) => siteKey(svc, 'b1', n)).sort());
    });

    it('lists by prefix with sizes, across nested paths, and not past the prefix', async () => {
      const svc = service();
      await store.put(siteKey(svc, 'b1', 'index.html'), Buffer.from('12345'));
      await store.put(siteKey(svc, 'b1', 'css/site.css'), Buffer.from('123'));
      await store.put(siteKey(svc, 'b1', 'css/deep/x.css'), Buffer.from('1'));
      await store.put(siteKey(svc, 'b10', 'index.html'), Buffer.from('other build'));
      expect(await listAll(store, sitePrefix(svc, 'b1'))).toEqual([
        { key: siteKey(svc, 'b1', 'css/deep/x.css'), size: 1 },
        { key: siteKey(svc, 'b1', 'css/site.css'), size: 3 },
        { key: siteKey(svc, 'b1', 'index.html'), size: 5 },
      ]);
      // A prefix that ends mid-segment matches like a string prefix.
      expect((await listAll(store, `sites/${svc}/b`)).length).toBe(4);
      expect(await listAll(store, `sites/${svc}/nothing/`)).toEqual([]);
    });

    it('lists more than one page of keys', async () => {
      const svc = service();
      const count = 1_100; // above S3's 1000-key page
      const keys = Array.from({ length: count }, (_, i) => siteKey(svc, 'b1', `f/${String(i).padStart(5, '0')}.txt`));
      for (let i = 0; i < keys.length; i += 50) {
        await Promise.all(keys.slice(i, i + 50).map((key) => store.put(key, Buffer.from('x'))));
      }
      const listed = await listAll(store, sitePrefix(svc, 'b1'));
      expect(listed.map((e) => e.key)).toEqual(keys);
      expect(await store.deletePrefix(sitePrefix(svc, 'b1'))).toBe(count);
      expect(await listAll(store, sitePrefix(svc, 'b1'))).toEqual([]);
    });

    it('deletes by prefix, only that prefix, and reports how many', async () => {
      const svc = service();
      await store.put(siteKey(svc, 'b1', 'a.txt'), Buffer.from('a'));
      await store.put(siteKey(svc, 'b1', 'sub/b.txt'), Buffer.from('b'));
      await store.put(siteKey(svc, 'b2', 'a.txt'), Buffer.from('keep'));
      expect(await store.deletePrefix(sitePrefix(svc, 'b1'))).toBe(2);
      expect(await store.head(siteKey(svc, 'b1', 'a.txt'))).toBeUndefined();
      expect(await store.head(siteKey(svc, 'b1', 'sub/b.txt'))).toBeUndefined();
      expect((await store.getBytes(siteKey(svc, 'b2', 'a.txt')))?.bytes.toString()).toBe('keep');
      expect(await store.deletePrefix(sitePrefix(svc, 'b1'))).toBe(0);
    });

    it('refuses keys that could escape the namespace', async () => {
      const bad = [
        '../etc/passwd',
        'sites/x/../../y',
        '/abs/path',
        'a\\b',
        'a\0b',
        'a//b',
        './a',
        'a/',
        'a\nb',
        'a\u007fb',
      ];
      for (const key of bad) {
        await expect(store.head(key), key).rejects.toBeInstanceOf(InvalidKeyError);
        await expect(store.put(key, Buffer.from('x')), key).rejects.toBeInstanceOf(InvalidKeyError);
      }
      expect(() => siteKey('svc', 'b1', '../x')).toThrow(InvalidKeyError);
      expect(() => sitePrefix('a/b', 'b1')).toThrow(InvalidKeyError);
      await expect(store.deletePrefix('sites/../')).rejects.toBeInstanceOf(InvalidKeyError);
    });
  });
}

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ObjectStoreConfigError, ObjectStoreError, openObjectStore, S3ObjectStore, siteKey } from '../src/index.ts';
import { startS3Server, type TestS3Server } from '../src/testing/index.ts';
import { describeObjectStoreConformance } from './conformance.ts';

describeObjectStoreConformance('S3 (versitygw)', async () => {
  const server = await startS3Server();
  return { store: openObjectStore(server.url, server.options), stop: () => server.stop() };
});

describe('S3ObjectStore against a real server', () => {
  let server: TestS3Server;
  beforeAll(async () => {
    server = await startS3Server();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('keeps objects under the URL prefix and lists keys relative to it', async () => {
    const prefixed = openObjectStore(`${server.url}/tenant-a`, server.options);
    const bare = openObjectStore(server.url, server.options);
    await prefixed.put(siteKey('s1', 'b1', 'index.html'), Buffer.from('hi'));
    expect((await bare.getBytes('tenant-a/sites/s1/b1/index.html'))?.bytes.toString()).toBe('hi');
    const keys: string[] = [];
    for await (const { key } of prefixed.list('sites/s1/')) keys.push(key);
    expect(keys).toEqual(['sites/s1/b1/index.html']);
    await prefixed.close();
    await bare.close();
  });

  it('reports a wrong secret as an ObjectStoreError with the status and S3 error code', async () => {
    const store = openObjectStore(server.url, { ...server.options, secretAccessKey: 'not-the-secret' });
    const failure = await store.getBytes('sites/s1/b1/index.html').catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(ObjectStoreError);
    expect(failure).toMatchObject({ code: 'S3', status: 403, s3Code: 'SignatureDoesNotMatch' });
    expect((failure as Error).message).toMatch(/403 SignatureDoesNotMatch/);
    await store.close();
  });

  it('reports an unknown access key and a missing bucket as errors, not as missing objects', async () => {
    const stranger = openObjectStore(server.url, { ...server.options, accessKeyId: 'AKUNKNOWN' });
    // AWS answers 403 InvalidAccessKeyId; versitygw 404 XAdminUserNotFound. Either way: an error, not "missing".
    await expect(stranger.put('a.txt', Buffer.from('x'))).rejects.toBeInstanceOf(ObjectStoreError);
    await expect(stranger.getBytes('a.txt')).rejects.toMatchObject({ code: 'S3', s3Code: expect.any(String) });
    await expect(stranger.get('a.txt')).rejects.toBeInstanceOf(ObjectStoreError);
    await stranger.close();
    const nowhere = openObjectStore('s3://no-such-bucket', server.options);
    await expect(nowhere.getBytes('a.txt')).rejects.toMatchObject({ status: 404, s3Code: 'NoSuchBucket' });
    await expect(nowhere.put('a.txt', Buffer.from('x'))).rejects.toMatchObject({ s3Code: 'NoSuchBucket' });
    await nowhere.close();
  });

  it('takes endpoint, region and credentials from the environment', async () => {
    vi.stubEnv('SWITCHYARD_S3_ENDPOINT', server.options.endpoint);
    vi.stubEnv('AWS_REGION', server.options.region);
    vi.stubEnv('AWS_ACCESS_KEY_ID', server.options.accessKeyId);
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', server.options.secretAccessKey);
    try {
      const store = openObjectStore(server.url);
      expect(store).toBeInstanceOf(S3ObjectStore);
      await store.put('env/a.txt', Buffer.from('from env'));
      expect((await store.getBytes('env/a.txt'))?.bytes.toString()).toBe('from env');
      await store.close();
      vi.stubEnv('AWS_SECRET_ACCESS_KEY', '');
      expect(() => openObjectStore(server.url)).toThrow(ObjectStoreConfigError);
      expect(() => openObjectStore(server.url)).toThrow(/no credentials/);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

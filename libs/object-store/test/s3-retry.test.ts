import { createServer, type Server } from 'node:http';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { ObjectStoreError, openObjectStore } from '../src/index.ts';

// An HTTP server on loopback that resets the connection of the first `resets` requests, as a server
// closing an idle keep-alive connection just as the client reuses it does, then answers normally.
let server: Server | undefined;
async function flakyServer(
  resets: number,
): Promise<{ endpoint: string; requests: () => number; connections: () => number }> {
  let requests = 0;
  let connections = 0;
  server = createServer((req, res) => {
    requests++;
    if (requests <= resets) {
      req.socket.destroy();
      return;
    }
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-length': '2', etag: '"e"' }).end('ok'));
  });
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { endpoint: `http://127.0.0.1:${port}`, requests: () => requests, connections: () => connections };
}

afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

const credentials = { accessKeyId: 'AK', secretAccessKey: 'secret', region: 'us-east-1' };

describe('S3ObjectStore connection errors', () => {
  it('retries a GET once after a connection reset', async () => {
    const { endpoint, requests } = await flakyServer(1);
    const store = openObjectStore('s3://bucket', { ...credentials, endpoint });
    expect((await store.getBytes('a.txt'))?.bytes.toString()).toBe('ok');
    expect(requests()).toBe(2);
    await store.close();
  });

  it('gives up after the second reset with an ObjectStoreError', async () => {
    const { endpoint, requests } = await flakyServer(2);
    const store = openObjectStore('s3://bucket', { ...credentials, endpoint });
    await expect(store.head('a.txt')).rejects.toBeInstanceOf(ObjectStoreError);
    expect(requests()).toBe(2);
    await store.close();
  });

  it('reuses keep-alive connections across HEAD and GET requests instead of reconnecting', async () => {
    const { endpoint, requests, connections } = await flakyServer(0);
    const store = openObjectStore('s3://bucket', { ...credentials, endpoint });
    for (let i = 0; i < 10; i++) {
      expect((await store.head('a.txt'))?.size).toBe(2);
      expect((await store.getBytes('a.txt'))?.bytes.toString()).toBe('ok');
    }
    expect(requests()).toBe(20);
    // undici's pool may alternate between two connections when requests follow each other at once;
    // without keep-alive (or with undici's default close-after-HEAD) it would be one per HEAD.
    expect(connections()).toBeLessThanOrEqual(2);
    await store.close();
  });

  it('never replays a streamed upload', async () => {
    const { endpoint, requests } = await flakyServer(1);
    const store = openObjectStore('s3://bucket', { ...credentials, endpoint });
    await expect(store.put('a.txt', Readable.from([Buffer.from('xy')]), { size: 2 })).rejects.toMatchObject({
      code: 'S3',
    });
    expect(requests()).toBe(1);
    await store.close();
  });
});

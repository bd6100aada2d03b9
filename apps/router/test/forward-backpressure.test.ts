import { request as httpRequest, type IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProxy, type TestProxy } from './support/proxy.ts';
import { startUpstream, type Upstream } from './support/upstream.ts';

const TOTAL = 200 * 1024 * 1024;
const CHUNK = Buffer.alloc(64 * 1024, 0x61);
/**
 * Generous bound on bytes between the upstream's socket and the client's parser: the socket
 * buffers of both legs (the kernel auto-tunes loopback buffers up to a few MiB each) plus the
 * router's stream buffers. A router that buffered the response would hold all 200 MiB.
 */
const MAX_IN_FLIGHT = 48 * 1024 * 1024;

describe('backpressure', () => {
  let upstream: Upstream;
  let proxy: TestProxy;
  let written = 0;

  beforeAll(async () => {
    upstream = await startUpstream((_req, res) => {
      res.writeHead(200, { 'content-length': String(TOTAL) });
      const writeSome = (): void => {
        while (written < TOTAL) {
          written += CHUNK.length;
          if (!res.write(CHUNK)) return; // continue on 'drain'
        }
        res.end();
      };
      res.on('drain', writeSome);
      writeSome();
    });
    proxy = await startProxy({ targets: [{ host: '127.0.0.1', port: upstream.port }] });
  });

  afterAll(async () => {
    await proxy.close();
    await upstream.close();
  });

  it('does not buffer a 200 MiB response for a client that stops reading', async () => {
    const res = await new Promise<IncomingMessage>((resolve, reject) => {
      const req = httpRequest(
        { host: '127.0.0.1', port: proxy.port, path: '/big', headers: { host: 'app.example' }, agent: false },
        resolve,
      );
      req.on('error', reject);
      req.end();
    });
    res.pause();
    let received = 0;
    res.on('data', (c: Buffer) => {
      received += c.length;
    });

    // Wait until the upstream cannot write any more: every buffer on the way is full.
    let last = -1;
    while (written !== last && written < TOTAL) {
      last = written;
      await new Promise((r) => setTimeout(r, 400));
    }
    const inFlight = written - received;
    expect(inFlight).toBeLessThan(MAX_IN_FLIGHT);
    expect(written).toBeLessThan(TOTAL);

    // Read the rest, in slow bursts at first, then all of it.
    for (let i = 0; i < 5; i++) {
      res.resume();
      await new Promise((r) => setTimeout(r, 20));
      res.pause();
      expect(written - received).toBeLessThan(MAX_IN_FLIGHT);
      await new Promise((r) => setTimeout(r, 100));
    }
    res.resume();
    await new Promise((resolve) => res.on('end', resolve));
    expect(received).toBe(TOTAL);
  });

  it('closes the connection of a client that stops reading for longer than the socket idle timeout', async () => {
    let upstreamClosed = false;
    const stuck = await startUpstream((_req, res) => {
      res.on('close', () => {
        upstreamClosed = true;
      });
      res.writeHead(200, { 'content-length': String(TOTAL) });
      const writeSome = (): void => {
        while (!res.destroyed && res.write(CHUNK)) {}
      };
      res.on('drain', writeSome);
      writeSome();
    });
    const impatient = await startProxy({
      targets: [{ host: '127.0.0.1', port: stuck.port }],
      server: { socketIdleTimeoutMs: 500 },
    });
    const client = httpRequest(
      { host: '127.0.0.1', port: impatient.port, path: '/', headers: { host: 'app.example' }, agent: false },
      (res) => res.pause(), // and never read (a paused client does not even notice the close)
    );
    client.on('error', () => {});
    client.end();
    try {
      await expect.poll(() => impatient.metrics.get('clientClosed'), { timeout: 10_000 }).toBe(1);
      await expect.poll(() => upstreamClosed, { timeout: 5000 }).toBe(true);
    } finally {
      client.destroy();
      await impatient.close();
      await stuck.close();
    }
  }, 20_000);
});

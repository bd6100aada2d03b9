import { request as httpRequest } from 'node:http';
import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { send } from './support/client.ts';
import { startProxy, type TestProxy } from './support/proxy.ts';
import { patternBlock, readBody, startUpstream, type Upstream } from './support/upstream.ts';

/** A port on 127.0.0.1 where nothing listens (bound once, then released). */
async function closedPort(): Promise<number> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('upstream failures', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  async function upstreamWith(handler?: Parameters<typeof startUpstream>[0]): Promise<Upstream> {
    const upstream = await startUpstream(handler);
    cleanups.push(() => upstream.close());
    return upstream;
  }
  async function proxyTo(...args: Parameters<typeof startProxy>): Promise<TestProxy> {
    const proxy = await startProxy(...args);
    cleanups.push(() => proxy.close());
    return proxy;
  }

  it('answers 502 with a short text body and a request id when the upstream refuses connections', async () => {
    const proxy = await proxyTo({ targets: [{ host: '127.0.0.1', port: await closedPort() }] });
    const answer = await send(proxy.port, {});
    expect(answer.status).toBe(502);
    expect(answer.headers['content-type']).toMatch(/^text\/plain/);
    expect(answer.headers['cache-control']).toBe('no-store');
    expect(answer.headers['x-request-id']).toMatch(/^test-/);
    expect(answer.body.toString()).toContain('502 Bad Gateway');
    expect(proxy.metrics.get('connectFailed')).toBe(1);
  });

  it('retries an idempotent GET on the next target when the first refuses the connection', async () => {
    const good = await upstreamWith();
    const proxy = await proxyTo({
      targets: [
        { host: '127.0.0.1', port: await closedPort() },
        { host: '127.0.0.1', port: good.port },
      ],
    });
    const answer = await send(proxy.port, { path: '/retried' });
    expect(answer.status).toBe(200);
    expect(good.seen.map((s) => s.url)).toEqual(['/retried']);
    expect(proxy.metrics.get('retried')).toBe(1);
  });

  it('does not retry a POST with a body: 502, and the second target never sees it', async () => {
    const good = await upstreamWith();
    const proxy = await proxyTo({
      targets: [
        { host: '127.0.0.1', port: await closedPort() },
        { host: '127.0.0.1', port: good.port },
      ],
    });
    const answer = await send(proxy.port, { method: 'POST', body: Buffer.from('{"pay":1}') });
    expect(answer.status).toBe(502);
    expect(good.seen).toHaveLength(0);
    expect(proxy.metrics.get('retried')).toBe(0);
  });

  it('retries a GET that met a keep-alive connection the upstream had just closed; not a POST', async () => {
    // The first request on each connection is answered (keep-alive); the upstream then closes
    // the connection as soon as the next request arrives, before answering: the keep-alive race.
    let connections = 0;
    const flaky = createServer((socket) => {
      connections++;
      let answered = false;
      socket.on('data', () => {
        if (answered) {
          socket.destroy();
          return;
        }
        answered = true;
        socket.write('HTTP/1.1 200 OK\r\ncontent-length: 5\r\nkeep-alive: timeout=60\r\n\r\nfirst');
      });
      socket.on('error', () => {});
    });
    await new Promise<void>((resolve) => flaky.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => flaky.close(() => resolve())));
    const flakyPort = (flaky.address() as { port: number }).port;
    const good = await upstreamWith();
    const proxy = await proxyTo({
      targets: [
        { host: '127.0.0.1', port: flakyPort },
        { host: '127.0.0.1', port: good.port },
      ],
    });

    expect((await send(proxy.port, { path: '/warm' })).body.toString()).toBe('first');
    const retried = await send(proxy.port, { path: '/again' });
    expect(retried.status).toBe(200);
    expect(good.seen.map((s) => s.url)).toEqual(['/again']);
    expect(proxy.metrics.get('retried')).toBe(1);

    expect((await send(proxy.port, { path: '/warm-again' })).body.toString()).toBe('first');
    const post = await send(proxy.port, { method: 'POST', path: '/pay', body: Buffer.from('{"pay":1}') });
    expect(post.status).toBe(502);
    expect(good.seen.map((s) => s.url)).toEqual(['/again']);
    expect(connections).toBe(2);
  });

  it('answers 504 when the upstream is too slow to send headers', async () => {
    const slow = await upstreamWith(() => {}); // never answers
    const proxy = await proxyTo({
      targets: [{ host: '127.0.0.1', port: slow.port }],
      pools: { readTimeoutMs: 300 },
    });
    const answer = await send(proxy.port, { path: '/slow' });
    expect(answer.status).toBe(504);
    expect(answer.body.toString()).toContain('504 Gateway Timeout');
    expect(proxy.metrics.get('timeout')).toBe(1);
    expect(slow.seen).toHaveLength(1); // a timed-out GET is not retried
  });

  it('aborts the client connection when the upstream resets mid-body, instead of hanging', async () => {
    const resetting = await upstreamWith((req, res) => {
      res.writeHead(200, { 'content-length': String(1024 * 1024) });
      res.write(patternBlock(64 * 1024, 0), () => setTimeout(() => req.socket.destroy(), 50));
    });
    const proxy = await proxyTo({ targets: [{ host: '127.0.0.1', port: resetting.port }] });
    const outcome = await new Promise<{ status: number; received: number; ended: boolean; error: string }>(
      (resolve) => {
        const req = httpRequest(
          { host: '127.0.0.1', port: proxy.port, path: '/', headers: { host: 'app.example' }, agent: false },
          (res) => {
            let received = 0;
            let ended = false;
            res.on('data', (c: Buffer) => {
              received += c.length;
            });
            res.on('end', () => {
              ended = true;
            });
            res.on('error', () => {});
            res.on('close', () => resolve({ status: res.statusCode ?? 0, received, ended, error: '' }));
          },
        );
        req.on('error', (err) => resolve({ status: 0, received: 0, ended: false, error: err.message }));
        req.end();
      },
    );
    expect(outcome.status).toBe(200);
    expect(outcome.ended).toBe(false);
    expect(outcome.received).toBeLessThan(1024 * 1024);
    expect(proxy.metrics.get('upstreamReset')).toBe(1);
  });

  it('cuts the client connection when the upstream body stalls longer than the body idle timeout', async () => {
    const stalling = await upstreamWith((_req, res) => {
      res.writeHead(200, { 'content-length': '100' });
      res.write('only part of it'); // and then nothing
    });
    const proxy = await proxyTo({
      targets: [{ host: '127.0.0.1', port: stalling.port }],
      pools: { readTimeoutMs: 300 },
    });
    const outcome = await new Promise<{ status: number; ended: boolean }>((resolve) => {
      const req = httpRequest(
        { host: '127.0.0.1', port: proxy.port, path: '/', headers: { host: 'app.example' }, agent: false },
        (res) => {
          let ended = false;
          res.on('data', () => {});
          res.on('end', () => {
            ended = true;
          });
          res.on('error', () => {});
          res.on('close', () => resolve({ status: res.statusCode ?? 0, ended }));
        },
      );
      req.on('error', () => resolve({ status: 0, ended: false }));
      req.end();
    });
    expect(outcome).toEqual({ status: 200, ended: false });
    expect(proxy.metrics.get('timeout')).toBe(1);
  });

  it('aborts the upstream request when the client goes away', async () => {
    let arrived: () => void = () => {};
    const arrival = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    const hanging = await upstreamWith((req, _res, seen) => {
      readBody(req, seen, () => {});
      arrived();
    });
    const proxy = await proxyTo({ targets: [{ host: '127.0.0.1', port: hanging.port }] });
    const client = httpRequest({
      host: '127.0.0.1',
      port: proxy.port,
      path: '/long-poll',
      headers: { host: 'app.example' },
      agent: false,
    });
    client.on('error', () => {});
    client.end();
    await arrival;
    client.destroy();
    await expect.poll(() => hanging.seen[0]?.aborted, { timeout: 5000 }).toBe(true);
    await expect.poll(() => proxy.metrics.get('clientClosed'), { timeout: 5000 }).toBe(1);
  });

  it('answers 502 when the upstream sends something that is not HTTP', async () => {
    const garbage = createServer((socket) => {
      socket.on('data', () => socket.end('SSH-2.0-OpenSSH_9.6\r\n'));
    });
    await new Promise<void>((resolve) => garbage.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => garbage.close(() => resolve())));
    const address = garbage.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    const proxy = await proxyTo({ targets: [{ host: '127.0.0.1', port: address.port }] });
    const answer = await send(proxy.port, {});
    expect(answer.status).toBe(502);
    expect(proxy.metrics.get('badResponse')).toBe(1);
  });
});

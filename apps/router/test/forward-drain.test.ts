import { Agent, request as httpRequest, type IncomingMessage } from 'node:http';
import { connect, type Socket } from 'node:net';
import { HttpServer } from '@switchyard/http1';
import { describe, expect, it } from 'vitest';
import { startProxy } from './support/proxy.ts';
import { startUpstream } from './support/upstream.ts';

function connectOutcome(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.on('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.on('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? 'error'));
  });
}

function get(
  port: number,
  path: string,
  agent?: Agent,
): Promise<IncomingMessage & { text: Promise<string>; tcp: Socket }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, path, headers: { host: 'app.example' }, agent: agent ?? false },
      (res) => {
        const text = new Promise<string>((done, fail) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => {
            body += c;
          });
          res.on('end', () => done(body));
          res.on('error', fail);
        });
        resolve(Object.assign(res, { text, tcp: res.socket }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('drain', () => {
  it('lets a request in flight finish, answers on idle keep-alive connections with Connection: close, refuses new ones', async () => {
    let release: () => void = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let arrived: () => void = () => {};
    const arrival = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    const upstream = await startUpstream(async (req, res) => {
      if (req.url === '/slow') {
        arrived();
        await released;
      }
      res.end(`done ${req.url}`);
    });
    const proxy = await startProxy({ targets: [{ host: '127.0.0.1', port: upstream.port }] });
    const keepAlive = new Agent({ keepAlive: true, maxSockets: 1 });
    const keepAlive2 = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      // An idle keep-alive connection, and a request in flight on another one.
      const warm = await get(proxy.port, '/warm', keepAlive);
      expect(await warm.text).toBe('done /warm');
      const idleSocket = warm.tcp;
      const idleClosed = new Promise((resolve) => idleSocket.once('close', resolve));

      const inFlight = get(proxy.port, '/slow', keepAlive2);
      await arrival;
      const drained = proxy.serving.drain(30_000);
      expect(proxy.serving.draining).toBe(true);

      expect(await connectOutcome(proxy.port)).toBe('ECONNREFUSED');
      // The idle connection was kept: a request sent on it is answered, and the connection closes after it.
      const late = await get(proxy.port, '/late', keepAlive);
      expect(late.tcp).toBe(idleSocket);
      expect(late.headers.connection).toBe('close');
      expect(await late.text).toBe('done /late');
      await idleClosed; // closed after that answer, not by the 30 s deadline

      release();
      const res = await inFlight;
      expect(res.statusCode).toBe(200);
      expect(res.headers.connection).toBe('close');
      expect(await res.text).toBe('done /slow');
      await drained;
    } finally {
      keepAlive.destroy();
      keepAlive2.destroy();
      release();
      await proxy.close();
      await upstream.close();
    }
  }, 20_000);

  it('closes connections still open when the drain deadline passes', async () => {
    const upstream = await startUpstream(() => {}); // never answers
    const proxy = await startProxy({ targets: [{ host: '127.0.0.1', port: upstream.port }] });
    try {
      const failed = get(proxy.port, '/hangs').then(
        () => 'answered',
        (err: NodeJS.ErrnoException) => err.code ?? 'error',
      );
      await expect.poll(() => upstream.seen.length).toBe(1);
      await proxy.serving.drain(200);
      expect(await failed).toBe('ECONNRESET');
      await expect.poll(() => upstream.seen[0]?.aborted).toBe(true);
    } finally {
      await proxy.close();
      await upstream.close();
    }
  });

  it('shares its port with a sibling listener (reusePort); the sibling keeps serving after a drain', async () => {
    const upstream = await startUpstream();
    const first = await startProxy({ targets: [{ host: '127.0.0.1', port: upstream.port }] });
    const sibling = new HttpServer({}, (conn) => {
      conn.writeHead(200, ['content-length', '7']);
      conn.end(Buffer.from('sibling'));
    });
    try {
      await sibling.listen(first.port, '127.0.0.1');
      await first.serving.drain(1000);
      for (let i = 0; i < 5; i++) {
        const res = await get(first.port, '/');
        expect(await res.text).toBe('sibling');
      }
    } finally {
      await sibling.drain(100);
      await first.close();
      await upstream.close();
    }
  });
});

import { type AddressInfo, connect, createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawExchange, statusesIn } from './support/client.ts';
import { startProxy, type TestProxy } from './support/proxy.ts';
import { type EchoServer, startWebSocketEcho } from './support/websocket-echo.ts';

function openSocket(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.addEventListener('open', () => resolve(ws), { once: true });
    ws.addEventListener('error', () => reject(new Error(`could not open ${url}`)), { once: true });
  });
}

function nextMessage(ws: WebSocket): Promise<string> {
  return new Promise((resolve) => ws.addEventListener('message', (e) => resolve(String(e.data)), { once: true }));
}

describe('WebSocket pass-through', () => {
  let echo: EchoServer;
  let proxy: TestProxy;

  beforeAll(async () => {
    echo = await startWebSocketEcho();
    proxy = await startProxy({
      targets: [{ host: '127.0.0.1', port: echo.port }],
      extraHeaders: ['x-switchyard-service-id', 'svc-7'],
    });
  });

  afterAll(async () => {
    await proxy.close();
    await echo.close();
  });

  it('echoes messages through the router', async () => {
    const ws = await openSocket(`ws://127.0.0.1:${proxy.port}/chat?room=1`);
    for (const text of ['hello', 'x'.repeat(1000), 'done']) {
      const reply = nextMessage(ws);
      ws.send(text);
      expect(await reply).toBe(text);
    }
    const closed = new Promise((resolve) => ws.addEventListener('close', resolve, { once: true }));
    ws.close();
    await closed;

    const head = echo.upgrades.at(-1);
    expect(head?.url).toBe('/chat?room=1');
    expect(head?.headers.upgrade).toBe('websocket');
    expect(head?.headers.connection).toBe('upgrade');
    expect(head?.headers['x-forwarded-for']).toBe('127.0.0.1');
    expect(head?.headers['x-forwarded-host']).toBe(`127.0.0.1:${proxy.port}`);
    expect(head?.headers['x-request-id']).toMatch(/^test-/);
    expect(head?.headers['x-switchyard-service-id']).toBe('svc-7');
    expect(proxy.metrics.get('upgraded')).toBeGreaterThanOrEqual(1);
  });

  it('strips fields the client named in Connection from the upgrade request', async () => {
    const { text } = await rawExchange(
      proxy.port,
      'GET /ws HTTP/1.1\r\nHost: app.example\r\nConnection: Upgrade, X-Secret\r\nUpgrade: websocket\r\nX-Secret: 1\r\n' +
        'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
      500,
    );
    expect(statusesIn(text)).toEqual([101]);
    expect(echo.upgrades.at(-1)?.headers['x-secret']).toBeUndefined();
  });

  it('routes an upgrade with an absolute-form target by its authority', async () => {
    const { text } = await rawExchange(
      proxy.port,
      'GET http://other.example/ws HTTP/1.1\r\nHost: app.example\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n' +
        'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
      500,
    );
    expect(statusesIn(text)).toEqual([101]);
    expect(echo.upgrades.at(-1)?.headers.host).toBe('other.example');
    expect(echo.upgrades.at(-1)?.url).toBe('/ws');
  });
});

describe('an upgrade the upstream refuses', () => {
  it('relays the refusal and never tunnels further client bytes to the upstream', async () => {
    // A plain HTTP/1.1 upstream that answers every request with 200 and keeps the connection.
    const received: string[] = [];
    const plain = createServer((socket) => {
      socket.on('data', (chunk: Buffer) => {
        received.push(chunk.toString('latin1'));
        socket.write('HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nno');
      });
      socket.on('error', () => {});
    });
    await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
    const port = (plain.address() as AddressInfo).port;
    const proxy = await startProxy({ targets: [{ host: '127.0.0.1', port }] });
    try {
      const answer = await new Promise<string>((resolve) => {
        const socket = connect(proxy.port, '127.0.0.1');
        let text = '';
        socket.on('data', (c: Buffer) => {
          text += c.toString('latin1');
          // The "tunnel" is open from the client's point of view: try to smuggle a request.
          socket.write('GET /smuggled HTTP/1.1\r\nHost: app.example\r\n\r\n');
        });
        socket.on('error', () => {});
        socket.on('close', () => resolve(text));
        socket.write('GET /ws HTTP/1.1\r\nHost: app.example\r\nConnection: Upgrade\r\nUpgrade: h2c\r\n\r\n');
      });
      expect(statusesIn(answer)).toEqual([200]);
      expect(received.join('')).toContain('GET /ws HTTP/1.1');
      expect(received.join('')).not.toContain('/smuggled');
      expect(proxy.metrics.get('upgradeFailed')).toBe(1);
    } finally {
      await proxy.close();
      await new Promise<void>((resolve) => plain.close(() => resolve()));
    }
  }, 10_000);
});

describe('WebSocket pass-through to a dead upstream', () => {
  it('writes a 502 on the socket and closes it', async () => {
    const echo = await startWebSocketEcho();
    const port = echo.port;
    await echo.close(); // now nothing listens there
    const proxy = await startProxy({ targets: [{ host: '127.0.0.1', port }] });
    try {
      const { text, timedOut } = await rawExchange(
        proxy.port,
        'GET /ws HTTP/1.1\r\nHost: app.example\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n',
      );
      expect(timedOut).toBe(false);
      expect(statusesIn(text)).toEqual([502]);
      expect(proxy.metrics.get('upgradeFailed')).toBe(1);
    } finally {
      await proxy.close();
    }
  });
});

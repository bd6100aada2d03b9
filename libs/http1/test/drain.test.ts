import { Agent, request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type ClientConnection, HttpServer } from '../src/index.ts';

/** A server that answers every request with its own name (and the request count on its connection). */
function named(name: string, options: { checkIntervalMs?: number } = {}): HttpServer {
  return new HttpServer(options, (conn: ClientConnection) => {
    const body = Buffer.from(name);
    conn.writeHead(200, ['content-type', 'text/plain', 'content-length', String(body.length)]);
    conn.end(body);
  });
}

const servers: HttpServer[] = [];
const sockets: Socket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  await Promise.all(servers.splice(0).map((s) => s.drain(0)));
});

function listening(server: HttpServer, port = 0): Promise<number> {
  servers.push(server);
  return server.listen(port).then((a) => a.port);
}

/** A raw client connection: send a request, read one response head + body (content-length). */
class RawClient {
  readonly socket: Socket;
  #buffered = '';
  #waiter: (() => void) | null = null;
  ended = false;
  error: string | undefined;

  constructor(port: number) {
    this.socket = connect(port, '127.0.0.1');
    sockets.push(this.socket);
    this.socket.setEncoding('latin1');
    this.socket.on('data', (text: string) => {
      this.#buffered += text;
      this.#waiter?.();
    });
    this.socket.on('end', () => {
      this.ended = true;
      this.#waiter?.();
    });
    this.socket.on('error', (err: NodeJS.ErrnoException) => {
      this.error = err.code ?? err.message;
      this.#waiter?.();
    });
  }

  async get(): Promise<{ head: string; body: string }> {
    this.socket.write('GET / HTTP/1.1\r\nHost: app.example\r\n\r\n');
    for (;;) {
      const end = this.#buffered.indexOf('\r\n\r\n');
      if (end >= 0) {
        const head = this.#buffered.slice(0, end).toLowerCase();
        const length = Number(/content-length: (\d+)/.exec(head)?.[1] ?? 0);
        if (this.#buffered.length >= end + 4 + length) {
          const body = this.#buffered.slice(end + 4, end + 4 + length);
          this.#buffered = this.#buffered.slice(end + 4 + length);
          return { head, body };
        }
      }
      if (this.ended || this.error !== undefined) throw new Error(`no answer: ${this.error ?? 'closed'}`);
      await new Promise<void>((resolve) => {
        this.#waiter = resolve;
      });
      this.#waiter = null;
    }
  }

  closed(): Promise<void> {
    return new Promise((resolve) => {
      if (this.socket.destroyed) resolve();
      else this.socket.once('close', () => resolve());
    });
  }
}

function get(port: number, agent: Agent): Promise<{ body: string; connection: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/', headers: { host: 'app.example' }, agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        body += c;
      });
      res.on('end', () => resolve({ body, connection: res.headers.connection }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('drain', () => {
  it('keeps an idle keep-alive connection open and answers a request sent on it with Connection: close', async () => {
    const server = named('blue', { checkIntervalMs: 10 });
    const port = await listening(server);
    const client = new RawClient(port);
    const first = await client.get();
    expect(first.head).not.toContain('connection: close');

    const drained = server.drain(60_000);
    await sleep(200); // twenty sweeps: none of them closes the idle connection
    expect(client.ended).toBe(false);
    expect(server.connectionCount).toBe(1);

    const second = await client.get();
    expect(second.body).toBe('blue');
    expect(second.head).toContain('connection: close');
    await client.closed();
    expect(client.error).toBeUndefined();
    // The last connection is gone: the drain ends long before its period.
    await drained;
    expect(server.connectionCount).toBe(0);
  });

  it('closes the connections still idle when the period ends cleanly (FIN, no reset)', async () => {
    const server = named('blue', { checkIntervalMs: 10 });
    const port = await listening(server);
    const client = new RawClient(port);
    await client.get();
    await server.drain(200);
    await client.closed();
    expect(client.ended).toBe(true);
    expect(client.error).toBeUndefined();
  });

  it('loses no request of keep-alive clients while one of two listeners on a port drains (blue/green)', async () => {
    const blue = named('blue');
    const port = await listening(blue);
    // Keep-alive clients on blue, one connection each; some send every few ms, some about once per period.
    const clients = Array.from({ length: 8 }, () => new Agent({ keepAlive: true, maxSockets: 1 }));
    for (const agent of clients) expect((await get(port, agent)).body).toBe('blue');
    const green = named('green');
    await listening(green, port);

    let sending = true;
    const failures: string[] = [];
    const seen = clients.map(() => ({ blueClose: 0, green: 0, total: 0 }));
    const loops = clients.map(async (agent, i) => {
      const pauseMs = i % 2 === 0 ? 2 : 150;
      const s = seen[i] as { blueClose: number; green: number; total: number };
      while (sending) {
        try {
          const res = await get(port, agent);
          s.total++;
          if (res.body === 'green') s.green++;
          else if (res.connection === 'close') s.blueClose++;
        } catch (error) {
          failures.push((error as NodeJS.ErrnoException).code ?? (error as Error).message);
        }
        await sleep(pauseMs);
      }
    });
    await blue.drain(1_000);
    // Every client went on, on green, after blue told it to close.
    await expect.poll(() => seen.every((s) => s.green > 0), { timeout: 10_000 }).toBe(true);
    sending = false;
    await Promise.all(loops);
    for (const agent of clients) agent.destroy();

    expect(failures).toEqual([]);
    expect(seen.every((s) => s.blueClose === 1)).toBe(true);
    expect(blue.connectionCount).toBe(0);
  });
});

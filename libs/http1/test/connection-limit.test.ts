import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectionEvent, type ConnectionEventCode, type ConnectionMetrics, HttpServer } from '../src/index.ts';

class Counts implements ConnectionMetrics {
  waited = 0;
  refused = 0;
  open = 0;
  connectionEvent(event: ConnectionEventCode): void {
    if (event === ConnectionEvent.waited) this.waited++;
    else this.refused++;
  }
  openConnections(count: number): void {
    this.open = count;
  }
}

const servers: HttpServer[] = [];
const sockets: Socket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  await Promise.all(servers.splice(0).map((s) => s.drain(0)));
});

async function limited(
  options: { maxConnections: number; maxWaitingConnections?: number; headersTimeoutMs?: number },
  counts: Counts,
): Promise<{ server: HttpServer; port: number }> {
  const server = new HttpServer({ ...options, checkIntervalMs: 10, connectionMetrics: counts }, (conn) => {
    conn.writeHead(200, ['content-length', '2']);
    conn.end(Buffer.from('ok'));
  });
  servers.push(server);
  const { port } = await server.listen(0);
  return { server, port };
}

/** A client that sends one request at once and collects everything that comes back. */
function client(port: number): { socket: Socket; text: () => string; closed: Promise<string | undefined> } {
  const socket = connect(port, '127.0.0.1');
  sockets.push(socket);
  let text = '';
  let error: string | undefined;
  socket.setEncoding('latin1');
  socket.on('data', (chunk: string) => {
    text += chunk;
  });
  socket.on('error', (err: NodeJS.ErrnoException) => {
    error = err.code;
  });
  socket.write('GET / HTTP/1.1\r\nHost: app.example\r\n\r\n');
  return { socket, text: () => text, closed: new Promise((resolve) => socket.on('close', () => resolve(error))) };
}

describe('connection limit', () => {
  it('makes a connection past the limit wait, unread, and serves it when a connection closes', async () => {
    const counts = new Counts();
    const { server, port } = await limited({ maxConnections: 2 }, counts);
    const a = client(port);
    const b = client(port);
    await expect.poll(() => a.text() + b.text()).toMatch(/200 OK[\s\S]*200 OK/);
    expect(counts.open).toBe(2);

    const c = client(port);
    await expect.poll(() => server.waitingCount).toBe(1);
    expect(counts.waited).toBe(1);
    expect(c.text()).toBe(''); // not served while both others are open

    a.socket.end();
    await expect.poll(() => c.text()).toMatch(/^HTTP\/1\.1 200 OK/);
    expect(server.waitingCount).toBe(0);
    expect(server.connectionCount).toBe(2);
    expect(counts.refused).toBe(0);
  });

  it('answers 503 with Retry-After and closes when the wait list is full — read in full, not reset', async () => {
    const counts = new Counts();
    const { server, port } = await limited({ maxConnections: 1, maxWaitingConnections: 1 }, counts);
    const a = client(port);
    await expect.poll(() => a.text()).toMatch(/200 OK/);
    client(port);
    await expect.poll(() => server.waitingCount).toBe(1);

    const refused = client(port);
    expect(await refused.closed).toBeUndefined();
    const head = refused.text().toLowerCase();
    expect(head).toMatch(/^http\/1\.1 503 service unavailable/);
    expect(head).toContain('retry-after: 1');
    expect(head).toContain('connection: close');
    expect(head).toContain('too many connections');
    expect(counts.refused).toBe(1);
  });

  it('answers 503 to a connection that waited longer than the headers timeout', async () => {
    const counts = new Counts();
    const { server, port } = await limited({ maxConnections: 1, headersTimeoutMs: 100 }, counts);
    const a = client(port);
    await expect.poll(() => a.text()).toMatch(/200 OK/);
    const late = client(port);
    expect(await late.closed).toBeUndefined();
    expect(late.text()).toMatch(/^HTTP\/1\.1 503 /);
    expect(server.waitingCount).toBe(0);
    expect(counts).toMatchObject({ waited: 1, refused: 1 });
  });

  it('serves waiting connections while draining (with Connection: close), and refuses what is left at its end', async () => {
    const counts = new Counts();
    const { server, port } = await limited({ maxConnections: 1 }, counts);
    const a = client(port);
    await expect.poll(() => a.text()).toMatch(/200 OK/);
    const b = client(port);
    await expect.poll(() => server.waitingCount).toBe(1);
    const drained = server.drain(60_000);
    a.socket.end();
    await b.closed;
    expect(b.text().toLowerCase()).toMatch(/^http\/1\.1 200 ok[\s\S]*connection: close/);
    await drained;
  });
});

import { connect as h2connect } from 'node:http2';
import { type AddressInfo, connect, createServer, type Server } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import { Forwarder, H2Server, HttpServer, Peers, RequestIds, type Target, UpstreamPool } from '@switchyard/http1';
import { issueCertificate } from '@switchyard/pki';
import { afterAll, describe, expect, it } from 'vitest';
import { Decision } from '../decisions.ts';
import type { AccessLine } from './format.ts';
import { formatRecord } from './format.ts';
import { AccessRecordWriter } from './record-writer.ts';
import { allocateRing, RingReader } from './ring.ts';

// The record path without threads: the engine on real sockets, a real ring, the real formatter.
const servers: Server[] = [];
const sockets: import('node:net').Socket[] = [];
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups) await c();
  for (const socket of sockets) socket.destroy();
  for (const s of servers) await new Promise((resolve) => s.close(resolve));
});

async function listen(onSocket: (socket: import('node:net').Socket) => void): Promise<number> {
  const server = createServer((socket) => {
    sockets.push(socket);
    socket.on('error', () => {});
    onSocket(socket);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

async function proxy(targets: Target[]) {
  const ring = allocateRing(64);
  const reader = new RingReader(ring);
  const writer = new AccessRecordWriter(ring, { sampleRate: 1, includeQuery: false, peers: new Peers() });
  const pool = new UpstreamPool({ readTimeoutMs: 300 });
  const requestIds = new RequestIds('t-');
  const forwarder = new Forwarder({ pool, requestIds });
  const server = new HttpServer({ requestIds, onRequestEnd: (conn) => writer.write(conn) }, (conn) => {
    conn.tag = Decision.instance;
    conn.facts.label = 'svc-1';
    forwarder.forward(conn, targets[0] as Target, null, (failed) => targets[targets.indexOf(failed) + 1]);
  });
  const { port } = await server.listen(0);
  cleanups.push(async () => {
    await server.drain(100);
    await pool.close();
  });
  const records = (): AccessLine[] => {
    const out: AccessLine[] = [];
    reader.drain((r, at) => out.push(JSON.parse(formatRecord(r, at)) as AccessLine), 64);
    return out;
  };
  return { port, records };
}

function exchange(port: number, text: string, abortAfterMs?: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let got = '';
    socket.on('data', (c: Buffer) => {
      got += c.toString('latin1');
    });
    socket.on('error', () => {});
    socket.on('close', () => resolve(got));
    socket.write(text);
    if (abortAfterMs !== undefined) setTimeout(() => socket.destroy(), abortAfterMs);
  });
}

const GET = 'GET /p?q=1 HTTP/1.1\r\nHost: a.example\r\nUser-Agent: t/1\r\nConnection: close\r\n\r\n';

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe('access-log records of forwarded requests', () => {
  it('504 when the upstream stays silent: outcome timeout, upstream time, the page’s ids', async () => {
    const silent = await listen(() => {});
    const p = await proxy([{ host: '127.0.0.1', port: silent }]);
    const answer = await exchange(p.port, GET);
    expect(answer).toMatch(/^HTTP\/1\.1 504 /);
    const [r] = p.records();
    expect(r).toMatchObject({ status: 504, outcome: 'timeout', decision: 'instance', serviceId: 'svc-1', path: '/p' });
    expect(r?.upstreamMs).toBeGreaterThanOrEqual(300);
    expect(answer).toContain(`x-trace-id: ${r?.traceId}`);
    expect(answer).toContain(`x-request-id: ${r?.requestId}`);
  });

  it('a retry on the next instance: retries 1, the instance that answered', async () => {
    const closed = await listen((s) => s.destroy());
    const good = await listen((s) =>
      s.on('data', () => s.end('HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: close\r\n\r\nok')),
    );
    const p = await proxy([
      { host: '127.0.0.1', port: closed },
      { host: '127.0.0.1', port: good },
    ]);
    expect(await exchange(p.port, GET)).toMatch(/^HTTP\/1\.1 200 /);
    expect(p.records()[0]).toMatchObject({ status: 200, retries: 1, outcome: 'ok', instance: `127.0.0.1:${good}` });
  });

  it('a client that leaves before the answer: 499, end aborted, outcome client_closed', async () => {
    const silent = await listen(() => {});
    const p = await proxy([{ host: '127.0.0.1', port: silent }]);
    await exchange(p.port, GET, 50);
    let records: AccessLine[] = [];
    await until(() => {
      records = records.concat(p.records());
      return records.length > 0;
    });
    expect(records[0]).toMatchObject({ status: 499, end: 'aborted', outcome: 'client_closed', userAgent: 't/1' });
  });

  it('an HTTP/2 stream: protocol HTTP/2, its TLS version and SNI, routed by :authority', async () => {
    const good = await listen((s) =>
      s.on('data', () => s.end('HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: close\r\n\r\nok')),
    );
    const ring = allocateRing(64);
    const reader = new RingReader(ring);
    const writer = new AccessRecordWriter(ring, { sampleRate: 1, includeQuery: false, peers: new Peers() });
    const pool = new UpstreamPool({ readTimeoutMs: 300 });
    const forwarder = new Forwarder({ pool, requestIds: new RequestIds('t-') });
    const h2 = new H2Server({ onRequestEnd: (exchange) => writer.write(exchange) }, (exchange) => {
      exchange.tag = Decision.instance;
      forwarder.forward(exchange, { host: '127.0.0.1', port: good });
    });
    const { certPem, keyPem } = issueCertificate({ names: ['*.example'] });
    const tls = createTlsServer({ cert: certPem, key: keyPem, ALPNProtocols: ['h2'] }, (socket) =>
      h2.accept(socket, () => true),
    );
    await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
    cleanups.push(async () => {
      tls.close();
      await h2.drain(100);
      await pool.close();
    });
    const client = h2connect(`https://127.0.0.1:${(tls.address() as AddressInfo).port}`, {
      servername: 'a.example',
      rejectUnauthorized: false,
    });
    await new Promise<void>((resolve) => {
      const stream = client.request({ ':path': '/p', ':authority': 'b.example', 'user-agent': 't/2' });
      stream.resume();
      stream.on('end', () => resolve());
    });
    client.close();
    const records: AccessLine[] = [];
    await until(() => {
      reader.drain((r, at) => records.push(JSON.parse(formatRecord(r, at)) as AccessLine), 64);
      return records.length > 0;
    });
    expect(records[0]).toMatchObject({
      protocol: 'HTTP/2',
      status: 200,
      host: 'b.example',
      sni: 'a.example',
      tls: 'TLSv1.3',
      userAgent: 't/2',
      end: 'completed',
    });
  });
});

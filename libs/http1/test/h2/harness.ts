import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import {
  type ClientHttp2Session,
  connect as h2connect,
  type IncomingHttpHeaders,
  type OutgoingHttpHeaders,
} from 'node:http2';
import type { AddressInfo } from 'node:net';
import { createServer as createTlsServer, type TLSSocket, type Server as TlsServer } from 'node:tls';
import { issueCertificate } from '@switchyard/pki';
import {
  type ClientExchange,
  CountingMetrics,
  Forwarder,
  H2Server,
  type H2ServerOptions,
  HttpServer,
  RequestIds,
  UpstreamPool,
  type UpstreamPoolOptions,
} from '../../src/index.ts';

/** A self-signed ECDSA P-256 certificate for example.test and *.example.test (libs/pki). */
export function makeCertificate(): { key: string; cert: string } {
  const issued = issueCertificate({ names: ['example.test', '*.example.test'] });
  return { key: issued.keyPem, cert: issued.certPem };
}

/** What the certificate above covers: the name and one level of subdomains. */
export function coversExampleTest(host: string): boolean {
  if (host === 'example.test') return true;
  const dot = host.indexOf('.');
  return dot > 0 && host.slice(dot + 1) === 'example.test';
}

/** The upstream's view of one request, as it answers `/echo`. */
export interface Echo {
  method: string;
  url: string;
  httpVersion: string;
  rawHeaders: string[];
  headers: IncomingHttpHeaders;
  bodyLength: number;
  body: string;
}

/**
 * A real HTTP/1.1 upstream on loopback:
 * `/echo` (the request as JSON), `/bytes?n=&chunked=1` (n bytes, chunked or with a length),
 * `/hang` (never answers), `/status/NNN`, `/hop` (hop-by-hop fields in its answer),
 * `/trailers` (a chunked body with trailers), `/early` (103 then 200), `/sink` (reads the body
 * slowly, answers its length).
 */
export async function startUpstream(): Promise<{ server: Server; port: number; requests: string[] }> {
  const requests: string[] = [];
  const server = createHttpServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://upstream');
    requests.push(url.pathname);
    const n = Number(url.searchParams.get('n') ?? '0');
    switch (url.pathname) {
      case '/echo': {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          const body = Buffer.concat(chunks);
          const echo: Echo = {
            method: req.method ?? '',
            url: req.url ?? '',
            httpVersion: req.httpVersion,
            rawHeaders: req.rawHeaders,
            headers: req.headers,
            bodyLength: body.length,
            body: body.length <= 4096 ? body.toString('latin1') : '',
          };
          const out = Buffer.from(JSON.stringify(echo));
          res.writeHead(200, { 'content-type': 'application/json', 'content-length': out.length });
          res.end(out);
        });
        return;
      }
      case '/bytes': {
        const chunked = url.searchParams.get('chunked') === '1';
        res.writeHead(200, chunked ? { 'content-type': 'application/octet-stream' } : { 'content-length': n });
        if (req.method === 'HEAD') {
          res.end();
          return;
        }
        let sent = 0;
        const block = patternBlock();
        const pump = (): void => {
          while (sent < n) {
            const size = Math.min(block.length, n - sent);
            sent += size;
            if (!res.write(block.subarray(0, size))) {
              res.once('drain', pump);
              return;
            }
          }
          res.end();
        };
        pump();
        return;
      }
      case '/hang':
        return;
      case '/hop':
        res.writeHead(200, [
          'Connection',
          'keep-alive, X-Hop',
          'Keep-Alive',
          'timeout=5',
          'X-Hop',
          'secret',
          'X-End',
          'kept',
          'Content-Length',
          '2',
        ]);
        res.end('ok');
        return;
      case '/trailers':
        res.writeHead(200, { trailer: 'x-checksum' });
        res.write('hello ');
        res.addTrailers({ 'x-checksum': 'abc' });
        res.end('world');
        return;
      case '/early':
        res.writeEarlyHints({ link: '</style.css>; rel=preload; as=style' }, () => {
          res.writeHead(200, { 'content-length': 5 });
          res.end('early');
        });
        return;
      case '/sink': {
        let length = 0;
        req.on('data', (c: Buffer) => {
          length += c.length;
          // A slow reader: the proxy must hold the client back meanwhile.
          req.pause();
          setTimeout(() => req.resume(), 1);
        });
        req.on('end', () => {
          const out = String(length);
          res.writeHead(200, { 'content-length': out.length });
          res.end(out);
        });
        return;
      }
      default: {
        const status = /^\/status\/(\d{3})$/.exec(url.pathname);
        if (status !== null) {
          res.writeHead(Number(status[1]), { etag: '"x"' });
          res.end();
          return;
        }
        res.writeHead(404, { 'content-length': 0 });
        res.end();
      }
    }
  });
  server.keepAliveTimeout = 10_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port, requests };
}

/** A 64 KiB block of a known pattern (byte i is i mod 251). */
export function patternBlock(): Buffer {
  const b = Buffer.allocUnsafe(65_536);
  for (let i = 0; i < b.length; i++) b[i] = i % 251;
  return b;
}

/** Is `body` the pattern's first `body.length` bytes, block after block? */
export function isPattern(body: Buffer): boolean {
  for (let i = 0; i < body.length; i++) if (body[i] !== (i % 65_536) % 251) return false;
  return true;
}

export interface Front {
  port: number;
  metrics: CountingMetrics;
  h2: H2Server;
  completed: ClientExchange[];
  /** Every request's end (`facts.end`), in order. */
  ended: ClientExchange[];
  close(): Promise<void>;
}

/**
 * The serving side as the router's threads have it: a TLS listener (ALPN h2 and http/1.1) whose
 * h2 connections go to an H2Server and the others to an HttpServer, one request handler for both,
 * a real Forwarder and UpstreamPool. Paths under `/dead` go to a port nobody listens on.
 */
export async function startFront(
  tls: { key: string; cert: string },
  upstreamPort: number,
  options: H2ServerOptions = {},
  pool: UpstreamPoolOptions = {},
  handler?: (exchange: ClientExchange, forwarder: Forwarder) => void,
): Promise<Front> {
  const metrics = new CountingMetrics();
  const requestIds = new RequestIds('t-');
  const upstreams = new UpstreamPool({ readTimeoutMs: 5000, ...pool });
  const forwarder = new Forwarder({ pool: upstreams, requestIds, metrics });
  const deadPort = await unusedPort();
  const completed: ClientExchange[] = [];
  const onRequest = (exchange: ClientExchange): void => {
    if (handler !== undefined) {
      handler(exchange, forwarder);
      return;
    }
    const port = exchange.path.startsWith('/dead') ? deadPort : upstreamPort;
    exchange.tag = 7;
    if (exchange.path.includes('hsts=1')) exchange.hsts = 'max-age=60';
    forwarder.forward(exchange, { host: '127.0.0.1', port });
  };
  const onComplete = (exchange: ClientExchange): void => {
    completed.push(exchange);
  };
  const ended: ClientExchange[] = [];
  const onRequestEnd = (exchange: ClientExchange): void => {
    ended.push(exchange);
  };
  const h2 = new H2Server({ metrics, requestIds, onComplete, onRequestEnd, ...options }, onRequest);
  const h1 = new HttpServer({ metrics, requestIds, onComplete }, onRequest);
  const server: TlsServer = createTlsServer({ ...tls, ALPNProtocols: ['h2', 'http/1.1'] }, (socket: TLSSocket) => {
    if (socket.alpnProtocol === 'h2') h2.accept(socket, coversExampleTest);
    else h1.accept(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    metrics,
    h2,
    completed,
    ended,
    async close() {
      server.close();
      await Promise.all([h2.drain(200), h1.drain(200)]);
      await upstreams.close();
    },
  };
}

async function unusedPort(): Promise<number> {
  const server = createHttpServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** An HTTP/2 client over TLS to the front, for `example.test` (SNI) unless told otherwise. */
export function h2client(port: number, servername = 'example.test'): ClientHttp2Session {
  const client = h2connect(`https://127.0.0.1:${port}`, { servername, rejectUnauthorized: false });
  client.on('error', () => {});
  return client;
}

export interface H2Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  interim: IncomingHttpHeaders[];
  trailers: IncomingHttpHeaders | null;
}

/** One request on `client`; `body` as a Buffer (sent in one piece) or chunks written one by one. */
export function h2request(
  client: ClientHttp2Session,
  headers: OutgoingHttpHeaders,
  body?: Buffer | Buffer[],
): Promise<H2Answer> {
  return new Promise((resolve, reject) => {
    const stream = client.request({ ':authority': 'example.test', ...headers }, { endStream: body === undefined });
    const interim: IncomingHttpHeaders[] = [];
    let answer: IncomingHttpHeaders = {};
    let trailers: IncomingHttpHeaders | null = null;
    const chunks: Buffer[] = [];
    stream.on('headers', (h) => interim.push(h));
    stream.on('response', (h) => {
      answer = h;
    });
    stream.on('trailers', (t) => {
      trailers = t;
    });
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () =>
      resolve({ status: Number(answer[':status']), headers: answer, body: Buffer.concat(chunks), interim, trailers }),
    );
    stream.on('error', reject);
    if (Array.isArray(body)) {
      let i = 0;
      const pump = (): void => {
        while (i < body.length) {
          if (!stream.write(body[i++])) {
            stream.once('drain', pump);
            return;
          }
        }
        stream.end();
      };
      pump();
    } else if (body !== undefined) {
      stream.end(body);
    }
  });
}

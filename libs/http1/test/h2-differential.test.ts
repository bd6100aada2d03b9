import type { Server } from 'node:http';
import { Agent, request as httpsRequest, type RequestOptions } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Echo, type Front, h2client, makeCertificate, startFront, startUpstream } from './h2/harness.ts';

/**
 * Differential: a request with random fields sent over HTTP/2 (node:http2 client, through the
 * engine's own framing layer and HPACK decoder) must reach the upstream exactly as the same request
 * sent over HTTP/1.1 does — same request line, same fields in the same order, same values — apart
 * from the per-request ids the router adds.
 */
const tls = makeCertificate();
let upstream: { server: Server; port: number; requests: string[] };
let front: Front;

beforeAll(async () => {
  upstream = await startUpstream();
  front = await startFront(tls, upstream.port);
});

afterAll(async () => {
  await front.close();
  await new Promise<void>((resolve) => upstream.server.close(() => resolve()));
  upstream.server.closeAllConnections();
});

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOKEN = "abcdefghijklmnopqrstuvwxyz0123456789-!#$%&'*+.^_`|~";
const KNOWN = [
  'accept',
  'user-agent',
  'accept-language',
  'cache-control',
  'if-none-match',
  'authorization',
  'referer',
  'accept-encoding',
  'x-custom',
];

function randomRequest(random: () => number): {
  method: string;
  path: string;
  fields: [string, string][];
  body: string;
} {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const fields: [string, string][] = [];
  const count = Math.floor(random() * 12);
  for (let i = 0; i < count; i++) {
    let name: string;
    const known = pick(KNOWN);
    // node:http2's client refuses a repeated single-value field (user-agent, authorization…).
    if (random() < 0.4 && !fields.some(([n]) => n === known)) name = known;
    else {
      name = 'x-';
      const length = 1 + Math.floor(random() * 16);
      for (let j = 0; j < length; j++) name += pick(TOKEN.split(''));
    }
    let value = '';
    const length = Math.floor(random() * 40);
    for (let j = 0; j < length; j++) {
      const r = random();
      value += r < 0.08 ? ' ' : r < 0.1 ? '\t' : String.fromCharCode(0x21 + Math.floor(random() * 94));
    }
    fields.push([name, value.trim()]);
  }
  if (random() < 0.3) fields.push(['cookie', `a=${Math.floor(random() * 1000)}; b=x`]);
  let path = '/echo';
  if (random() < 0.5) path += `?q=${Math.floor(random() * 1e6)}&r=%20x`;
  const method = pick(['GET', 'GET', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH']);
  const withBody = method === 'POST' || method === 'PUT' || method === 'PATCH';
  const body = withBody ? 'b'.repeat(Math.floor(random() * 100)) : '';
  // A body's length is always given (Node's HTTP/1.1 client would announce chunked otherwise).
  if (withBody) fields.push(['content-length', String(body.length)]);
  return { method, path, fields, body };
}

/** The upstream's fields, with the per-request values blanked. */
function normalise(echo: Echo): string[] {
  const out: string[] = [`${echo.method} ${echo.url}`];
  for (let i = 0; i < echo.rawHeaders.length; i += 2) {
    const name = (echo.rawHeaders[i] as string).toLowerCase();
    const value = name === 'x-request-id' || name === 'traceparent' ? '*' : (echo.rawHeaders[i + 1] as string);
    out.push(`${name}: ${value}`);
  }
  out.push(`body ${echo.body}`);
  return out;
}

describe('HTTP/2 requests arrive upstream as their HTTP/1.1 equivalents', () => {
  it('200 requests with random fields, methods, queries and bodies', async () => {
    const random = rng(16);
    const client = h2client(front.port);
    const agent = new Agent({ keepAlive: true, maxSockets: 1, rejectUnauthorized: false });
    try {
      for (let n = 0; n < 200; n++) {
        const { method, path, fields, body } = randomRequest(random);
        // Over HTTP/2: fields in order, content-length with a body.
        const h2fields: string[] = [':method', method, ':path', path, ':authority', 'example.test', ':scheme', 'https'];
        for (const [name, value] of fields) h2fields.push(name, value);
        const viaH2 = await new Promise<Echo>((resolve, reject) => {
          // The flat array form keeps the order (and repeated names) as given.
          const stream = client.request(h2fields as unknown as Record<string, string>, { endStream: body === '' });
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString()) as Echo));
          stream.on('error', reject);
          if (body !== '') stream.end(body);
        });
        // Over HTTP/1.1: Host first, then the same fields.
        const h1fields: string[] = ['host', 'example.test'];
        for (const [name, value] of fields) h1fields.push(name, value);
        const viaH1 = await new Promise<Echo>((resolve, reject) => {
          const options: RequestOptions = {
            host: '127.0.0.1',
            port: front.port,
            servername: 'example.test',
            method,
            path,
            headers: h1fields as unknown as Record<string, string>,
            agent,
          };
          const req = httpsRequest(options, (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString()) as Echo));
          });
          req.on('error', reject);
          req.end(body === '' ? undefined : body);
        });
        const h1 = normalise(viaH1).filter((line) => line !== 'connection: keep-alive');
        expect(normalise(viaH2), JSON.stringify({ method, path, fields })).toEqual(h1);
      }
    } finally {
      client.close();
      agent.destroy();
    }
  });
});

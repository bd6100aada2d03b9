import { createHash } from 'node:crypto';
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

/** What an upstream saw of one request. */
export interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  rawHeaders: string[];
  bodyBytes: number;
  bodySha256: string;
  /** The request body ended normally (not cut off). */
  complete: boolean;
  /** The request's connection closed before the response was finished. */
  aborted: boolean;
}

export interface Upstream {
  readonly port: number;
  readonly server: Server;
  readonly seen: Seen[];
  close(): Promise<void>;
}

export type UpstreamHandler = (req: IncomingMessage, res: ServerResponse, seen: Seen) => void;

/**
 * A real HTTP upstream on 127.0.0.1 that records every request it receives. The default
 * handler reads the body and answers JSON describing what arrived.
 */
export async function startUpstream(handler: UpstreamHandler = describeRequest): Promise<Upstream> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    const entry: Seen = {
      method: req.method ?? '',
      url: req.url ?? '',
      headers: req.headers,
      rawHeaders: req.rawHeaders,
      bodyBytes: 0,
      bodySha256: '',
      complete: false,
      aborted: false,
    };
    seen.push(entry);
    res.on('close', () => {
      if (!res.writableFinished) entry.aborted = true;
    });
    handler(req, res, entry);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    server,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Consumes the body into `seen` (size and hash), then calls `done`. */
export function readBody(req: IncomingMessage, seen: Seen, done: () => void): void {
  const hash = createHash('sha256');
  req.on('data', (chunk: Buffer) => {
    seen.bodyBytes += chunk.length;
    hash.update(chunk);
  });
  req.on('end', () => {
    seen.complete = true;
    seen.bodySha256 = hash.digest('hex');
    done();
  });
}

export function describeRequest(req: IncomingMessage, res: ServerResponse, seen: Seen): void {
  readBody(req, seen, () => {
    const body = JSON.stringify({
      method: seen.method,
      url: seen.url,
      headers: seen.headers,
      bodyBytes: seen.bodyBytes,
      bodySha256: seen.bodySha256,
    });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(body);
  });
}

/** Deterministic bytes: block `i` of `size` bytes, so both ends can hash without storing. */
export function patternBlock(size: number, i: number): Buffer {
  const block = Buffer.allocUnsafe(size);
  for (let j = 0; j < size; j++) block[j] = (i * 31 + j) & 0xff;
  return block;
}

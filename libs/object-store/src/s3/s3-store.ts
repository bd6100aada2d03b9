import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { Readable } from 'node:stream';
import type { Pool } from 'undici';
import { ObjectStoreConfigError, ObjectStoreError } from '../errors.ts';
import { assertValidKey, assertValidPrefix } from '../keys.ts';
import type { ByteRange, ObjectInfo, ObjectStore, PutOptions } from '../object-store.ts';
import {
  amzDate,
  type Credentials,
  EMPTY_SHA256,
  sha256Hex,
  signRequest,
  UNSIGNED_PAYLOAD,
  uriEncode,
  uriEncodePath,
} from './sigv4.ts';
import { elements, escapeXmlText, text } from './xml.ts';

/** Where and how to reach S3; every field falls back to the environment (see `openObjectStore`). */
export interface S3Options {
  /** `http(s)://host[:port]`; default AWS (`https://s3.<region>.amazonaws.com`). */
  readonly endpoint?: string;
  /** Default `us-east-1`. */
  readonly region?: string;
  readonly accessKeyId?: string;
  readonly secretAccessKey?: string;
  readonly sessionToken?: string;
  /** Path-style addressing (`/<bucket>/<key>`); default true with a custom endpoint, false for AWS. */
  readonly forcePathStyle?: boolean;
  /** Keep-alive connections in the pool (default 16). */
  readonly connections?: number;
}

export interface S3Config {
  readonly bucket: string;
  /** Prepended to every key ('' or ending with `/`). */
  readonly keyPrefix: string;
  readonly endpoint: URL;
  readonly region: string;
  readonly credentials: Credentials;
  readonly pathStyle: boolean;
  readonly connections: number;
}

/** `s3://bucket[/prefix]` + options + environment → a complete config, or an ObjectStoreConfigError. */
export function s3ConfigFrom(url: string, options: S3Options, env: NodeJS.ProcessEnv): S3Config {
  const match = /^s3:\/\/([^/?#]+)(\/[^?#]*)?$/i.exec(url);
  const bucket = match?.[1];
  if (bucket === undefined || !/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
    throw new ObjectStoreConfigError(`bad S3 URL ${JSON.stringify(url)}: expected s3://<bucket>[/<prefix>]`);
  }
  const rawPrefix = (match?.[2] ?? '').replace(/^\/+/, '');
  const keyPrefix = rawPrefix === '' || rawPrefix.endsWith('/') ? rawPrefix : `${rawPrefix}/`;
  if (keyPrefix !== '') assertValidPrefix(keyPrefix);
  const region = options.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1';
  const customEndpoint = options.endpoint ?? env.SWITCHYARD_S3_ENDPOINT;
  let endpoint: URL;
  try {
    endpoint = new URL(customEndpoint ?? `https://s3.${region}.amazonaws.com`);
  } catch {
    throw new ObjectStoreConfigError(`bad S3 endpoint ${JSON.stringify(customEndpoint)}: not a URL`);
  }
  if (endpoint.protocol !== 'http:' && endpoint.protocol !== 'https:') {
    throw new ObjectStoreConfigError(`bad S3 endpoint ${JSON.stringify(customEndpoint)}: use http:// or https://`);
  }
  const accessKeyId = options.accessKeyId ?? env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = options.secretAccessKey ?? env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey) {
    throw new ObjectStoreConfigError(
      `S3 store ${url}: no credentials (set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or pass them in options)`,
    );
  }
  const sessionToken = options.sessionToken ?? env.AWS_SESSION_TOKEN;
  return {
    bucket,
    keyPrefix,
    endpoint: new URL(endpoint.origin),
    region,
    credentials: sessionToken ? { accessKeyId, secretAccessKey, sessionToken } : { accessKeyId, secretAccessKey },
    pathStyle: options.forcePathStyle ?? customEndpoint !== undefined,
    connections: options.connections ?? 16,
  };
}

interface S3Response {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: Readable;
}

const DELETE_BATCH = 1000; // DeleteObjects' limit per request

/**
 * S3-compatible storage over one keep-alive undici Pool, signed with SigV4: GetObject (with Range),
 * HeadObject, PutObject, ListObjectsV2 and DeleteObjects. A missing object is `undefined`; every
 * other failure is an ObjectStoreError with the HTTP status and the S3 error code.
 */
export class S3ObjectStore implements ObjectStore {
  readonly config: S3Config;
  private readonly pool: Pool;
  private readonly host: string;

  constructor(config: S3Config) {
    this.config = config;
    const origin = config.pathStyle
      ? config.endpoint.origin
      : `${config.endpoint.protocol}//${config.bucket}.${config.endpoint.host}`;
    this.host = new URL(origin).host;
    this.pool = new (undici().Pool)(origin, { connections: config.connections, keepAliveTimeout: 4_000 });
  }

  async head(key: string): Promise<ObjectInfo | undefined> {
    const res = await this.send('HEAD', key, [], {});
    if (res.status === 404) return discard(res, undefined);
    if (res.status !== 200) throw await this.failure('HEAD', key, res);
    // Finish the response before returning, so the connection is free for the caller's next request.
    await discard(res, undefined);
    return infoFrom(res.headers, Number(header(res.headers, 'content-length')));
  }

  async get(key: string, range?: ByteRange): Promise<{ info: ObjectInfo; body: Readable } | undefined> {
    const headers: Record<string, string> = range ? { range: `bytes=${range.start}-${range.end}` } : {};
    const res = await this.send('GET', key, [], headers);
    if (res.status === 404) return this.missing('GET', key, res);
    if (res.status !== 200 && res.status !== 206) throw await this.failure('GET', key, res);
    const size =
      res.status === 206
        ? Number(/\/(\d+)$/.exec(header(res.headers, 'content-range') ?? '')?.[1])
        : Number(header(res.headers, 'content-length'));
    if (range && res.status === 200) {
      // A server that ignored Range: never hand out the whole object as if it were the range.
      res.body.destroy();
      throw new ObjectStoreError('S3', `GET ${key}: server ignored the Range header`, { status: 200 });
    }
    return { info: infoFrom(res.headers, size), body: res.body };
  }

  async getBytes(key: string): Promise<{ info: ObjectInfo; bytes: Buffer } | undefined> {
    const res = await this.send('GET', key, [], {});
    if (res.status === 404) return this.missing('GET', key, res);
    if (res.status !== 200) throw await this.failure('GET', key, res);
    const bytes = await readAll(res.body);
    return { info: infoFrom(res.headers, bytes.length), bytes };
  }

  async put(key: string, body: Buffer | Readable, options: PutOptions = {}): Promise<void> {
    // S3 needs a Content-Length: a stream of unknown size is read into memory first (site files are small).
    const payload = Buffer.isBuffer(body) || options.size === undefined ? await toBuffer(body) : body;
    const size = Buffer.isBuffer(payload) ? payload.length : (options.size as number);
    if (options.size !== undefined && Buffer.isBuffer(payload) && payload.length !== options.size) {
      throw new ObjectStoreError('SIZE_MISMATCH', `put ${key}: expected ${options.size} bytes, got ${payload.length}`);
    }
    const headers: Record<string, string> = { 'content-length': String(size) };
    if (options.contentType) headers['content-type'] = options.contentType;
    const res = await this.send('PUT', key, [], headers, payload);
    if (res.status !== 200) throw await this.failure('PUT', key, res);
    await discard(res, undefined);
  }

  async *list(prefix: string): AsyncIterable<{ key: string; size: number }> {
    assertValidPrefix(prefix);
    let token: string | undefined;
    do {
      const query: Array<[string, string]> = [
        ['list-type', '2'],
        ['prefix', this.config.keyPrefix + prefix],
      ];
      if (token !== undefined) query.push(['continuation-token', token]);
      const res = await this.send('GET', undefined, query, {});
      if (res.status !== 200) throw await this.failure('LIST', prefix, res);
      const xml = (await readAll(res.body)).toString('utf8');
      for (const entry of elements(xml, 'Contents')) {
        const key = text(entry, 'Key') ?? '';
        yield { key: key.slice(this.config.keyPrefix.length), size: Number(text(entry, 'Size') ?? 0) };
      }
      token = text(xml, 'IsTruncated') === 'true' ? text(xml, 'NextContinuationToken') : undefined;
    } while (token !== undefined);
  }

  async deletePrefix(prefix: string): Promise<number> {
    assertValidPrefix(prefix);
    let deleted = 0;
    let batch: string[] = [];
    for await (const { key } of this.list(prefix)) {
      batch.push(key);
      if (batch.length === DELETE_BATCH) {
        deleted += await this.deleteObjects(batch);
        batch = [];
      }
    }
    if (batch.length > 0) deleted += await this.deleteObjects(batch);
    return deleted;
  }

  async close(): Promise<void> {
    await this.pool.close();
  }

  private async deleteObjects(keys: readonly string[]): Promise<number> {
    const objects = keys
      .map((key) => `<Object><Key>${escapeXmlText(this.config.keyPrefix + key)}</Key></Object>`)
      .join('');
    const body = Buffer.from(
      `<?xml version="1.0" encoding="UTF-8"?><Delete xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${objects}</Delete>`,
    );
    const res = await this.send(
      'POST',
      undefined,
      [['delete', '']],
      {
        'content-length': String(body.length),
        'content-md5': createHash('md5').update(body).digest('base64'),
        'content-type': 'application/xml',
      },
      body,
    );
    if (res.status !== 200) throw await this.failure('DELETE', `${keys.length} objects`, res);
    const xml = (await readAll(res.body)).toString('utf8');
    const errors = elements(xml, 'Error');
    if (errors.length > 0) {
      const first = errors[0] ?? '';
      throw new ObjectStoreError(
        'S3',
        `DeleteObjects: ${errors.length} of ${keys.length} failed, first ${text(first, 'Key')}: ${text(first, 'Code')} ${text(first, 'Message') ?? ''}`.trim(),
        { status: 200, s3Code: text(first, 'Code') ?? 'Unknown' },
      );
    }
    return elements(xml, 'Deleted').length;
  }

  /** One signed request; `key` undefined addresses the bucket itself. */
  private async send(
    method: string,
    key: string | undefined,
    query: ReadonlyArray<readonly [string, string]>,
    extraHeaders: Record<string, string>,
    body?: Buffer | Readable,
  ): Promise<S3Response> {
    if (key !== undefined) assertValidKey(key);
    const objectPath = key === undefined ? '/' : `/${this.config.keyPrefix}${key}`;
    const path = uriEncodePath(this.config.pathStyle ? `/${this.config.bucket}${objectPath}` : objectPath);
    const now = new Date();
    const payloadHash = body === undefined ? EMPTY_SHA256 : Buffer.isBuffer(body) ? sha256Hex(body) : UNSIGNED_PAYLOAD;
    const signed: Record<string, string> = {
      host: this.host,
      'x-amz-content-sha256': payloadHash,
      'x-amz-date': amzDate(now),
    };
    if (this.config.credentials.sessionToken) signed['x-amz-security-token'] = this.config.credentials.sessionToken;
    const { authorization } = signRequest(
      { method, path, query, headers: signed, payloadHash },
      this.config.credentials,
      this.config.region,
      now,
    );
    const search = query.map(([k, v]) => (v === '' ? uriEncode(k) : `${uriEncode(k)}=${uriEncode(v)}`)).join('&');
    const options = {
      method: method as 'GET',
      path: search === '' ? path : `${path}?${search}`,
      headers: { ...signed, ...extraHeaders, authorization },
      body: body ?? null,
      // undici closes the connection after every HEAD unless told otherwise (for servers that send a body
      // with it); S3 does not, and a new connection per HEAD would double the cost of a lookup.
      reset: false,
    };
    // A request with a replayable body (none, or a Buffer) is retried once on a connection error: the
    // server may close an idle keep-alive connection just as it is reused. A stream cannot be replayed.
    const attempts = body === undefined || Buffer.isBuffer(body) ? 2 : 1;
    for (let attempt = 1; ; attempt++) {
      try {
        const res = await this.pool.request(options);
        return { status: res.statusCode, headers: res.headers, body: res.body };
      } catch (err) {
        if (attempt < attempts && isConnectionError(err)) continue;
        throw new ObjectStoreError(
          'S3',
          `${method} ${key ?? '(bucket)'}: ${(err as Error).message}`,
          {},
          { cause: err },
        );
      }
    }
  }

  /**
   * A 404 is a missing object when S3 says NoSuchKey (or says nothing); any other code (NoSuchBucket,
   * a gateway's unknown-user error) is a failure, never "not found". HEAD has no body to tell them apart.
   */
  private async missing(op: string, key: string, res: S3Response): Promise<undefined> {
    const xml = (await readAll(res.body).catch(() => Buffer.alloc(0))).toString('utf8');
    const s3Code = text(xml, 'Code');
    if (s3Code === undefined || s3Code === 'NoSuchKey') return undefined;
    const message = text(xml, 'Message');
    throw new ObjectStoreError(
      'S3',
      `S3 ${op} ${key} in bucket ${this.config.bucket}: 404 ${s3Code}${message ? ` (${message})` : ''}`,
      { status: 404, s3Code },
    );
  }

  private async failure(op: string, what: string, res: S3Response): Promise<ObjectStoreError> {
    const xml = (await readAll(res.body).catch(() => Buffer.alloc(0))).toString('utf8');
    const s3Code = text(xml, 'Code') ?? `HTTP${res.status}`;
    const message = text(xml, 'Message');
    return new ObjectStoreError(
      'S3',
      `S3 ${op} ${what} in bucket ${this.config.bucket}: ${res.status} ${s3Code}${message ? ` (${message})` : ''}`,
      { status: res.status, s3Code },
    );
  }
}

const CONNECTION_ERRORS = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);

function isConnectionError(err: unknown): boolean {
  const code = (err as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && CONNECTION_ERRORS.has(code);
}

function header(headers: S3Response['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function infoFrom(headers: S3Response['headers'], size: number): ObjectInfo {
  const lastModified = header(headers, 'last-modified');
  const etag = header(headers, 'etag') ?? '';
  return {
    size,
    etag: etag.startsWith('"') || etag.startsWith('W/') ? etag : `"${etag}"`,
    lastModified: lastModified ? new Date(lastModified) : new Date(0),
  };
}

async function discard<T>(res: S3Response, value: T): Promise<T> {
  await readAll(res.body).catch(() => {});
  return value;
}

async function readAll(body: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function toBuffer(body: Buffer | Readable): Promise<Buffer> {
  return Buffer.isBuffer(body) ? Promise.resolve(body) : readAll(body);
}

const require = createRequire(import.meta.url);
/**
 * undici, loaded at the first S3 store: a process that never opens one (a router without
 * --static-store, and each of its serving threads) does not pay for loading it at start.
 */
function undici(): typeof import('undici') {
  return require('undici');
}

import { createHash, createHmac, createSecretKey, type KeyObject } from 'node:crypto';

/**
 * AWS Signature Version 4 for S3 (header form). S3 specifics: the canonical URI is the request path
 * encoded ONCE (no dot-segment normalisation, `/` kept), and the payload hash is sent as
 * `x-amz-content-sha256` (`UNSIGNED-PAYLOAD` allowed for streamed bodies).
 */

export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';

export interface Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

export interface RequestToSign {
  readonly method: string;
  /** Already-encoded path (`uriEncodePath`), e.g. `/bucket/sites/a%20b.html`. */
  readonly path: string;
  /** Query parameters, unencoded; order does not matter. */
  readonly query: ReadonlyArray<readonly [string, string]>;
  /** Headers to sign, `host` included. Names in any case. */
  readonly headers: Readonly<Record<string, string>>;
  /** Hex SHA-256 of the body, or UNSIGNED_PAYLOAD. */
  readonly payloadHash: string;
}

/** RFC 3986 percent-encoding as SigV4 wants it: everything but A-Z a-z 0-9 - _ . ~ (UTF-8 bytes, upper-case hex). */
export function uriEncode(value: string, encodeSlash = true): string {
  let encoded: string;
  try {
    // encodeURIComponent leaves only ! ' ( ) * of the reserved characters alone: encode those too.
    encoded = encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  } catch {
    encoded = encodeBytes(value); // a lone surrogate: encode its replacement bytes as Buffer does
  }
  return encodeSlash ? encoded : encoded.replace(/%2F/g, '/');
}

function encodeBytes(value: string): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-_.~]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

export function uriEncodePath(path: string): string {
  return uriEncode(path, false);
}

export function canonicalQuery(query: ReadonlyArray<readonly [string, string]>): string {
  return query
    .map(([k, v]) => [uriEncode(k), uriEncode(v)] as const)
    .sort(([ka, va], [kb, vb]) => (ka < kb ? -1 : ka > kb ? 1 : va < vb ? -1 : va > vb ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

/** `20130524T000000Z` */
export function amzDate(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function hmac(key: Buffer | string, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

// The signing key depends only on the secret, the day, the region and the service: derive it once a day.
// Kept as a KeyObject: converting a Buffer key on every createHmac showed up in profiles.
let cachedKey: { id: string; key: KeyObject } | undefined;

function signingKeyFor(secret: string, day: string, region: string, service: string): KeyObject {
  const id = `${day}\n${region}\n${service}\n${secret}`;
  if (cachedKey?.id !== id) {
    const key = hmac(hmac(hmac(hmac(`AWS4${secret}`, day), region), service), 'aws4_request');
    cachedKey = { id, key: createSecretKey(key) };
  }
  return cachedKey.key;
}

export interface Signature {
  readonly authorization: string;
  readonly canonicalRequest: string;
  readonly stringToSign: string;
}

/**
 * Signs `request` made at `date`; the caller must send `x-amz-date` = amzDate(date) and
 * `x-amz-content-sha256` = payloadHash (both should be among `headers`) and exactly the signed headers' values.
 */
export function signRequest(
  request: RequestToSign,
  credentials: Credentials,
  region: string,
  date: Date,
  service = 's3',
): Signature {
  const names = Object.keys(request.headers)
    .map((name) => [name.toLowerCase(), request.headers[name] ?? ''] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const canonicalHeaders = names.map(([n, v]) => `${n}:${v.trim().replace(/\s+/g, ' ')}\n`).join('');
  const signedHeaders = names.map(([n]) => n).join(';');
  const canonicalRequest = [
    request.method,
    request.path,
    canonicalQuery(request.query),
    canonicalHeaders,
    signedHeaders,
    request.payloadHash,
  ].join('\n');
  const stamp = amzDate(date);
  const day = stamp.slice(0, 8);
  const scope = `${day}/${region}/${service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', stamp, scope, sha256Hex(canonicalRequest)].join('\n');
  const signingKey = signingKeyFor(credentials.secretAccessKey, day, region, service);
  const signature = createHmac('sha256', signingKey).update(stringToSign, 'utf8').digest('hex');
  return {
    authorization: `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
    canonicalRequest,
    stringToSign,
  };
}

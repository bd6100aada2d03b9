import { createPublicKey, generateKeyPairSync, type KeyObject, randomBytes, sign } from 'node:crypto';

/**
 * Test certificates without a dependency: a minimal DER writer for X.509 v3 (subject CN, DNS
 * subjectAltNames, basicConstraints), signed with node:crypto. ECDSA P-256 by default, RSA on request.
 */

export interface TestCertificate {
  /** PEM of the certificate alone (add `issuer.certPem` for a chain). */
  certPem: string;
  /** PKCS#8 PEM of its private key. */
  keyPem: string;
  key: KeyObject;
  names: string[];
}

export interface TestCertificateOptions {
  /** DNS names (subjectAltName); the first is also the CN. */
  names: string[];
  notBefore?: Date;
  notAfter?: Date;
  /** Signs with this CA instead of self-signing. */
  issuer?: TestCertificate;
  /** Makes a CA certificate (basicConstraints cA). */
  ca?: boolean;
  keyType?: 'ec' | 'rsa';
  /** Use this key pair instead of a new one. */
  key?: KeyObject;
}

const DAY_MS = 86_400_000;

function length(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v % 256);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function tlv(tag: number, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), length(body.length), body]);
}

const seq = (...c: Buffer[]) => tlv(0x30, ...c);
const set = (...c: Buffer[]) => tlv(0x31, ...c);

function oid(dotted: string): Buffer {
  const parts = dotted.split('.').map(Number);
  const bytes = [40 * (parts[0] as number) + (parts[1] as number)];
  for (const part of parts.slice(2)) {
    const chunk: number[] = [];
    let v = part;
    do {
      chunk.unshift((v & 0x7f) | (chunk.length ? 0x80 : 0));
      v = Math.floor(v / 128);
    } while (v > 0);
    bytes.push(...chunk);
  }
  return tlv(0x06, Buffer.from(bytes));
}

function time(date: Date): Buffer {
  const iso = date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return date.getUTCFullYear() < 2050 ? tlv(0x17, Buffer.from(`${iso.slice(2)}Z`)) : tlv(0x18, Buffer.from(`${iso}Z`));
}

function name(cn: string): Buffer {
  return seq(set(seq(oid('2.5.4.3'), tlv(0x0c, Buffer.from(cn, 'utf8')))));
}

function signatureAlgorithm(key: KeyObject): Buffer {
  return key.asymmetricKeyType === 'rsa'
    ? seq(oid('1.2.840.113549.1.1.11'), tlv(0x05)) // sha256WithRSAEncryption, NULL
    : seq(oid('1.2.840.10045.4.3.2')); // ecdsa-with-SHA256
}

function pem(label: string, der: Buffer): string {
  const b64 = der.toString('base64').replace(/(.{64})/g, '$1\n');
  return `-----BEGIN ${label}-----\n${b64.replace(/\n$/, '')}\n-----END ${label}-----\n`;
}

/** A fresh key pair of the given type. */
export function testKeyPair(keyType: 'ec' | 'rsa' = 'ec'): KeyObject {
  return keyType === 'rsa'
    ? generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey
    : generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
}

/** Issues a certificate for `names` (self-signed unless `issuer` is given). */
export function createTestCertificate(options: TestCertificateOptions): TestCertificate {
  const key = options.key ?? testKeyPair(options.keyType);
  const spki = createPublicKey(key).export({ type: 'spki', format: 'der' });
  const signer = options.issuer?.key ?? key;
  const notBefore = options.notBefore ?? new Date(Date.now() - DAY_MS);
  const notAfter = options.notAfter ?? new Date(Date.now() + 90 * DAY_MS);
  const serial = randomBytes(12);
  serial[0] = (serial[0] as number) & 0x7f;
  const sans = Buffer.concat(options.names.map((n) => tlv(0x82, Buffer.from(n, 'ascii'))));
  const extensions = [
    seq(oid('2.5.29.17'), tlv(0x04, seq(sans))),
    seq(
      oid('2.5.29.19'),
      tlv(0x01, Buffer.from([0xff])),
      tlv(0x04, seq(...(options.ca ? [tlv(0x01, Buffer.from([0xff]))] : []))),
    ),
  ];
  const subject = name(options.names[0] ?? 'test');
  const tbs = seq(
    tlv(0xa0, tlv(0x02, Buffer.from([2]))),
    tlv(0x02, serial),
    signatureAlgorithm(signer),
    options.issuer ? name(options.issuer.names[0] ?? 'test') : subject,
    seq(time(notBefore), time(notAfter)),
    subject,
    spki,
    tlv(0xa3, seq(...extensions)),
  );
  const signature = sign('sha256', tbs, signer);
  const der = seq(tbs, signatureAlgorithm(signer), tlv(0x03, Buffer.from([0]), signature));
  return {
    certPem: pem('CERTIFICATE', der),
    keyPem: key.export({ type: 'pkcs8', format: 'pem' }) as string,
    key,
    names: options.names,
  };
}

/** A CA, a leaf for `names` issued by it, and the leaf's chain PEM (leaf then CA). */
export function createTestChain(names: string[], opts: Omit<TestCertificateOptions, 'names' | 'issuer' | 'ca'> = {}) {
  const ca = createTestCertificate({ names: ['Switchyard Test CA'.toLowerCase().replace(/ /g, '-')], ca: true });
  const leaf = createTestCertificate({ ...opts, names, issuer: ca });
  return { ca, leaf, chainPem: leaf.certPem + ca.certPem, keyPem: leaf.keyPem };
}

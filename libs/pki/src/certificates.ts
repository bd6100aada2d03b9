import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  randomBytes,
  sign,
  X509Certificate,
} from 'node:crypto';

/**
 * X.509 v3 certificates without a dependency: a minimal DER writer (subject CN, DNS
 * subjectAltNames, basicConstraints), signed with node:crypto. ECDSA P-256 by default, RSA on
 * request. For the dev stack's local CA and for tests; the platform's real certificates come
 * from customers or ACME.
 */

export type KeyType = 'ec' | 'rsa';

export interface IssuedCertificate {
  /** PEM of the certificate alone (append the issuer's for a chain). */
  readonly certPem: string;
  /** PKCS #8 PEM of its private key. */
  readonly keyPem: string;
  readonly key: KeyObject;
  /** Its DNS names (subjectAltName); empty for a CA. */
  readonly names: readonly string[];
  /** Its subject CN. */
  readonly commonName: string;
}

export interface IssueOptions {
  /** DNS names (exact or `*.example.com`) for the subjectAltName; the first is the CN unless `commonName` says. */
  names: readonly string[];
  commonName?: string;
  /** Signs the certificate; none: self-signed. */
  issuer?: Pick<IssuedCertificate, 'key' | 'commonName'>;
  /** A CA certificate (basicConstraints cA). */
  ca?: boolean;
  keyType?: KeyType;
  /** Use this key pair instead of a new one. */
  key?: KeyObject;
  /** Default: a day ago. */
  notBefore?: Date;
  /** Default: 90 days from now. */
  notAfter?: Date;
}

const DAY_MS = 86_400_000;

/** A fresh private key: ECDSA P-256 or RSA 2048. */
export function newKeyPair(keyType: KeyType = 'ec'): KeyObject {
  return keyType === 'rsa'
    ? generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey
    : generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
}

/** A certificate for `names`, signed by `issuer` (or self-signed). */
export function issueCertificate(options: IssueOptions): IssuedCertificate {
  const key = options.key ?? newKeyPair(options.keyType);
  const spki = createPublicKey(key).export({ type: 'spki', format: 'der' });
  const signer = options.issuer?.key ?? key;
  const notBefore = options.notBefore ?? new Date(Date.now() - DAY_MS);
  const notAfter = options.notAfter ?? new Date(Date.now() + 90 * DAY_MS);
  const serial = randomBytes(12);
  // Positive, and a non-zero first byte: DER integers must be minimal (a leading 0x00 before a byte
  // below 0x80 is "illegal padding", one certificate in 256 before).
  serial[0] = ((serial[0] as number) & 0x7f) | 0x01;
  const commonName = options.commonName ?? options.names[0] ?? 'certificate';
  const extensions = [
    seq(
      oid('2.5.29.19'), // basicConstraints, critical
      tlv(0x01, Buffer.from([0xff])),
      tlv(0x04, seq(...(options.ca ? [tlv(0x01, Buffer.from([0xff]))] : []))),
    ),
  ];
  if (options.names.length > 0) {
    const sans = Buffer.concat(options.names.map((n) => tlv(0x82, Buffer.from(n, 'ascii'))));
    extensions.unshift(seq(oid('2.5.29.17'), tlv(0x04, seq(sans))));
  }
  const subject = name(commonName);
  const tbs = seq(
    tlv(0xa0, tlv(0x02, Buffer.from([2]))),
    tlv(0x02, serial),
    signatureAlgorithm(signer),
    options.issuer ? name(options.issuer.commonName) : subject,
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
    names: [...options.names],
    commonName,
  };
}

/** A certificate authority (self-signed, cA) that signs certificates with `issueCertificate`. */
export function createCertificateAuthority(
  commonName: string,
  options: { keyType?: KeyType; notAfter?: Date } = {},
): IssuedCertificate {
  return issueCertificate({
    names: [],
    commonName,
    ca: true,
    ...(options.keyType === undefined ? {} : { keyType: options.keyType }),
    notAfter: options.notAfter ?? new Date(Date.now() + 3650 * DAY_MS),
  });
}

/** An issuer read back from its PEM files (the CA `createCertificateAuthority` made, kept on disk). */
export function issuerFromPem(certPem: string, keyPem: string): Pick<IssuedCertificate, 'key' | 'commonName'> {
  const subject = new X509Certificate(certPem).subject;
  return { key: createPrivateKey(keyPem), commonName: /(?:^|\n)CN=([^\n]*)/.exec(subject)?.[1] ?? '' };
}

/** A CA, a leaf for `names` it issued, and the leaf's chain PEM (leaf, then CA). */
export function issueChain(
  names: readonly string[],
  options: Omit<IssueOptions, 'names' | 'issuer' | 'ca'> = {},
): { ca: IssuedCertificate; leaf: IssuedCertificate; chainPem: string; keyPem: string } {
  const ca = createCertificateAuthority('Switchyard test CA');
  const leaf = issueCertificate({ ...options, names, issuer: ca });
  return { ca, leaf, chainPem: leaf.certPem + ca.certPem, keyPem: leaf.keyPem };
}

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

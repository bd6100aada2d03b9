import { randomBytes, webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

type CryptoKey = webcrypto.CryptoKey;
type CryptoKeyPair = webcrypto.CryptoKeyPair;

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

/** A certificate and its private key, as PEM (the key in PKCS #8). */
export interface CertificateAndKey {
  readonly certPem: string;
  readonly keyPem: string;
}

/** ECDSA P-256 (what browsers and ACME CAs prefer) or RSA 2048. */
export type KeyType = 'ec' | 'rsa';

export interface IssueOptions {
  /** DNS names (exact or `*.example.com`) for the subjectAltName; the first is also the subject CN. */
  names: readonly string[];
  /** Signs the certificate; none: self-signed. */
  issuer?: CertificateAndKey;
  keyType?: KeyType;
  /** Default: one hour ago. */
  notBefore?: Date;
  /** Default: 90 days after notBefore. */
  notAfter?: Date;
}

const DAY_MS = 86_400_000;

const ALGORITHMS: Record<
  KeyType,
  { generate: webcrypto.EcKeyGenParams | webcrypto.RsaHashedKeyGenParams; sign: webcrypto.Algorithm }
> = {
  ec: {
    generate: { name: 'ECDSA', namedCurve: 'P-256' },
    sign: { name: 'ECDSA', hash: 'SHA-256' } as webcrypto.Algorithm,
  },
  rsa: {
    generate: {
      name: 'RSASSA-PKCS1-v1_5',
      modulusLength: 2048,
      publicExponent: new Uint8Array([1, 0, 1]),
      hash: 'SHA-256',
    },
    sign: { name: 'RSASSA-PKCS1-v1_5' },
  },
};

/** A certificate authority (self-signed, CA:true, keyCertSign) for issuing local certificates. */
export async function createCertificateAuthority(
  commonName: string,
  options: { keyType?: KeyType; days?: number } = {},
): Promise<CertificateAndKey> {
  const algorithm = ALGORITHMS[options.keyType ?? 'ec'];
  const keys = (await webcrypto.subtle.generateKey(algorithm.generate, true, ['sign', 'verify'])) as CryptoKeyPair;
  const notBefore = new Date(Date.now() - 3_600_000);
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: `CN=${escapeDn(commonName)}`,
    notBefore,
    notAfter: new Date(notBefore.getTime() + (options.days ?? 3650) * DAY_MS),
    signingAlgorithm: algorithm.sign,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { certPem: certificate.toString('pem'), keyPem: await keyPem(keys.privateKey) };
}

/** A server certificate for `names`, signed by `issuer` (or self-signed). */
export async function issueCertificate(options: IssueOptions): Promise<CertificateAndKey> {
  const [first] = options.names;
  if (first === undefined) throw new Error('issueCertificate needs at least one name');
  const algorithm = ALGORITHMS[options.keyType ?? 'ec'];
  const keys = (await webcrypto.subtle.generateKey(algorithm.generate, true, ['sign', 'verify'])) as CryptoKeyPair;
  const notBefore = options.notBefore ?? new Date(Date.now() - 3_600_000);
  const notAfter = options.notAfter ?? new Date(notBefore.getTime() + 90 * DAY_MS);
  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(false, undefined, true),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
    new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
    new x509.SubjectAlternativeNameExtension(options.names.map((name) => ({ type: 'dns' as const, value: name }))),
  ];
  const subject = `CN=${escapeDn(first)}`;
  let certificate: x509.X509Certificate;
  if (options.issuer === undefined) {
    certificate = await x509.X509CertificateGenerator.createSelfSigned({
      serialNumber: serial(),
      name: subject,
      notBefore,
      notAfter,
      signingAlgorithm: algorithm.sign,
      keys,
      extensions,
    });
  } else {
    const issuer = new x509.X509Certificate(options.issuer.certPem);
    const issuerKey = await importKey(options.issuer.keyPem, issuer);
    certificate = await x509.X509CertificateGenerator.create({
      serialNumber: serial(),
      subject,
      issuer: issuer.subject,
      notBefore,
      notAfter,
      signingAlgorithm: issuerKey.algorithm.name === 'ECDSA' ? ALGORITHMS.ec.sign : ALGORITHMS.rsa.sign,
      publicKey: keys.publicKey,
      signingKey: issuerKey,
      extensions: [...extensions, await x509.AuthorityKeyIdentifierExtension.create(issuer)],
    });
  }
  return { certPem: certificate.toString('pem'), keyPem: await keyPem(keys.privateKey) };
}

async function keyPem(key: CryptoKey): Promise<string> {
  const der = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', key));
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN PRIVATE KEY-----\n${lines.join('\n')}\n-----END PRIVATE KEY-----\n`;
}

/** The issuer's PKCS #8 key, for signing with the issuer certificate's algorithm. */
async function importKey(pem: string, issuer: x509.X509Certificate): Promise<CryptoKey> {
  const der = Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
  const ec = issuer.publicKey.algorithm.name === 'ECDSA';
  const algorithm = ec
    ? { name: 'ECDSA', namedCurve: (issuer.publicKey.algorithm as webcrypto.EcKeyAlgorithm).namedCurve }
    : { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
  return webcrypto.subtle.importKey('pkcs8', der, algorithm, false, ['sign']);
}

function serial(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] as number) & 0x7f; // positive
  return bytes.toString('hex');
}

function escapeDn(value: string): string {
  return value.replace(/([,+"\\<>;=])/g, '\\$1');
}

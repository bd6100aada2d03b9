// 100,000 certificates for distinct hostnames, written the way addCertificate writes them (chain PEM,
// the key sealed under the platform key with the row's id as additional data, names, fingerprint,
// validity) but many rows per INSERT: addCertificate validates each chain (~1 ms), which is not what
// this benchmark measures. Each leaf has its own P-256 key and is issued by one intermediate CA, so a
// chain is leaf + intermediate, as Let's Encrypt's are.
import { createHash, randomUUID } from 'node:crypto';
import { createCertificateAuthority, issueCertificate } from '@switchyard/pki';
import type { PlatformKey } from '@switchyard/service-db';
import pg from 'pg';

const ROWS_PER_INSERT = 2_000;

/** The hostname of certificate `i` (the SNI names the handshakes use are the first of these). */
export const certificateName = (i: number) => `site-${i}.certs.bench.example`;

/** The SHA-256 of a PEM certificate's DER, as X509Certificate#fingerprint256 prints it. */
function fingerprint(certPem: string): string {
  const base64 = certPem.replace(/-----[^-]+-----|\s/g, '');
  const hex = createHash('sha256').update(Buffer.from(base64, 'base64')).digest('hex').toUpperCase();
  return hex.match(/../g)?.join(':') ?? '';
}

/** Inserts `count` certificates spread over `serviceIds`; resolves with the intermediate's PEM (clients trust it). */
export async function insertCertificates(
  databaseUrl: string,
  platformKey: PlatformKey,
  serviceIds: readonly string[],
  count: number,
  onProgress: (done: number) => void,
): Promise<{ caPem: string }> {
  const ca = createCertificateAuthority('Switchyard bench intermediate');
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const notBefore = new Date(Date.now() - 86_400_000);
  const notAfter = new Date(Date.now() + 90 * 86_400_000);
  let pending: Promise<unknown> = Promise.resolve();
  try {
    for (let start = 0; start < count; start += ROWS_PER_INSERT) {
      const columns = { id: [] as string[], service: [] as string[], chain: [] as string[], key: [] as Buffer[] };
      const names: string[] = [];
      const prints: string[] = [];
      for (let i = start; i < Math.min(count, start + ROWS_PER_INSERT); i++) {
        const name = certificateName(i);
        const leaf = issueCertificate({ names: [name], issuer: ca, notBefore, notAfter });
        const id = randomUUID();
        columns.id.push(id);
        columns.service.push(serviceIds[i % serviceIds.length] as string);
        columns.chain.push(leaf.certPem + ca.certPem);
        columns.key.push(platformKey.seal(leaf.keyPem, id));
        names.push(name);
        prints.push(fingerprint(leaf.certPem));
      }
      // The next batch is issued while this one is written.
      await pending;
      const done = Math.min(count, start + ROWS_PER_INSERT);
      pending = client
        .query(
          `INSERT INTO certificates (id, service_id, chain_pem, key_sealed, names, fingerprint, not_before, not_after, source)
         SELECT id, service_id, chain_pem, key_sealed, ARRAY[name], fingerprint, $7, $8, 'uploaded'
         FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::bytea[], $5::text[], $6::text[])
           AS t(id, service_id, chain_pem, key_sealed, name, fingerprint)`,
          [columns.id, columns.service, columns.chain, columns.key, names, prints, notBefore, notAfter],
        )
        .then(() => onProgress(done));
    }
    await pending;
  } finally {
    await client.end();
  }
  return { caPem: ca.certPem };
}

import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createCertificateAuthority, issueCertificate } from '@switchyard/pki';
import { DEMO_SERVICE, DOCS_SERVICE, SLEEPY_SERVICE } from './demo.ts';

/** Files of the dev stack's HTTPS: a local CA (to trust) and the router's default certificate it signed. */
export interface DevTlsFiles {
  readonly caCert: string;
  readonly cert: string;
  readonly key: string;
}

/** Names the dev certificate covers: the demos, and a wildcard for hostnames added while trying things. */
export const DEV_TLS_NAMES = [
  'localhost',
  ...DEMO_SERVICE.hostnames,
  SLEEPY_SERVICE.hostname,
  DOCS_SERVICE.hostname,
  'hi.localhost',
] as const;

/**
 * The local development CA under `<dataDir>/tls/`, made once and kept (trust it once), and a
 * certificate for the demo names it signs (remade when the names change). The CA key stays on
 * this machine, readable by its owner only; it signs nothing but this certificate.
 */
export async function ensureDevTls(dataDir: string): Promise<DevTlsFiles> {
  const dir = join(dataDir, 'tls');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const files = { caCert: join(dir, 'ca.crt'), cert: join(dir, 'localhost.crt'), key: join(dir, 'localhost.key') };
  const caKeyPath = join(dir, 'ca.key');
  let ca = await readPair(files.caCert, caKeyPath);
  if (ca === undefined) {
    ca = await createCertificateAuthority('Switchyard development CA (this machine only)');
    await writeFile(caKeyPath, ca.keyPem, { mode: 0o600 });
    await writeFile(files.caCert, ca.certPem);
  }
  const names = join(dir, 'names');
  const wanted = DEV_TLS_NAMES.join(',');
  const current = await readPair(files.cert, files.key);
  if (current === undefined || (await readFile(names, 'utf8').catch(() => '')) !== wanted) {
    const leaf = await issueCertificate({ names: DEV_TLS_NAMES, issuer: ca, notAfter: daysFromNow(825) });
    await writeFile(files.key, leaf.keyPem, { mode: 0o600 });
    await writeFile(files.cert, leaf.certPem);
    await writeFile(names, wanted);
  }
  return files;
}

async function readPair(certPath: string, keyPath: string): Promise<{ certPem: string; keyPem: string } | undefined> {
  try {
    return { certPem: await readFile(certPath, 'utf8'), keyPem: await readFile(keyPath, 'utf8') };
  } catch {
    return undefined;
  }
}

function daysFromNow(days: number): Date {
  return new Date(Date.now() + days * 86_400_000);
}

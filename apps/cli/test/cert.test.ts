import { randomBytes } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestCertificate, createTestChain } from '@switchyard/service-db/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { cliWith, createServiceWithCli } from './support/cli.ts';
import { useTestDatabase } from './support/database.ts';

const database = useTestDatabase();
const certKey = randomBytes(32).toString('hex');
const cli = cliWith(() => ({ SWITCHYARD_DATABASE_URL: database.url, SWITCHYARD_CERT_KEY: certKey }));
const noKey = cliWith(() => ({ SWITCHYARD_DATABASE_URL: database.url }));
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cli-cert-'));
});

async function files(name: string, cert: { certPem?: string; chainPem?: string; keyPem: string }) {
  const certFile = join(dir, `${name}.crt`);
  const keyFile = join(dir, `${name}.key`);
  await writeFile(certFile, cert.chainPem ?? cert.certPem ?? '');
  await writeFile(keyFile, cert.keyPem);
  return { certFile, keyFile };
}

describe('switchyard cert', () => {
  it('adds, shows, lists (--expiring) and removes certificates, never printing the key', async () => {
    const service = await createServiceWithCli(cli, { name: 'tls-shop', kind: 'web', plan: 'paid' });
    const chain = createTestChain(['shop.example.com', '*.shop.example.com']);
    const a = await files('a', chain);
    const added = await cli('cert', 'add', service, '--cert', a.certFile, '--key', a.keyFile, '--json');
    expect(added.code, added.err).toBe(0);
    const record = JSON.parse(added.out);
    expect(record).toMatchObject({ serviceId: service, names: ['*.shop.example.com', 'shop.example.com'] });
    expect(added.out).not.toContain('PRIVATE KEY');

    const soon = createTestCertificate({
      names: ['soon.example.com'],
      notAfter: new Date(Date.now() + 3 * 86_400_000),
    });
    const b = await files('b', soon);
    const plain = await cli('cert', 'add', service, '--cert', b.certFile, '--key', b.keyFile);
    expect(plain.code, plain.err).toBe(0);
    const soonId = plain.out;

    const shown = await cli('cert', 'show', record.id);
    expect(shown.out).toContain('names:       *.shop.example.com, shop.example.com');
    expect(shown.out).not.toContain('PRIVATE KEY');
    const expiring = await cli('cert', 'list', '--expiring', '30d', '--json');
    expect(JSON.parse(expiring.out).map((c: { id: string }) => c.id)).toEqual([soonId]);
    const all = await cli('cert', 'list', '--service', service);
    expect(all.out.split('\n')).toHaveLength(2);

    expect((await cli('cert', 'remove', soonId, '--json')).out).toBe(JSON.stringify({ removed: soonId }, null, 2));
    const again = await cli('cert', 'remove', soonId);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/not found/);
  });

  it('refuses bad input with the field named and a non-zero exit', async () => {
    const service = await createServiceWithCli(cli, { name: 'tls-bad', kind: 'web', plan: 'paid' });
    const one = createTestCertificate({ names: ['one.example.com'] });
    const two = createTestCertificate({ names: ['two.example.com'] });
    const mismatched = await files('mismatch', { certPem: one.certPem, keyPem: two.keyPem });
    const result = await cli('cert', 'add', service, '--cert', mismatched.certFile, '--key', mismatched.keyFile);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/key: the private key does not match/);

    const expired = createTestCertificate({
      names: ['old.example.com'],
      notBefore: new Date(Date.now() - 10 * 86_400_000),
      notAfter: new Date(Date.now() - 86_400_000),
    });
    const old = await files('old', expired);
    expect((await cli('cert', 'add', service, '--cert', old.certFile, '--key', old.keyFile)).err).toMatch(
      /cert: .*expired/,
    );
    expect((await cli('cert', 'add', service, '--cert', join(dir, 'missing'), '--key', old.keyFile)).err).toMatch(
      /cert: cannot read/,
    );
    const good = await files('good', one);
    const missingKey = await noKey('cert', 'add', service, '--cert', good.certFile, '--key', good.keyFile);
    expect(missingKey.code).toBe(2);
    expect(missingKey.err).toMatch(/platform key/);
    expect((await cli('cert', 'add', service, '--cert', good.certFile)).err).toMatch(/--key FILE is required/);
    expect((await cli('cert', 'list', '--expiring', 'soon')).err).toMatch(/--expiring must be a duration/);
    expect((await cli('cert', '--help')).out).toMatch(/switchyard cert add SERVICE --cert FILE --key FILE/);
  });

  it('sets https_redirect and HSTS on a service', async () => {
    const service = await createServiceWithCli(cli, { name: 'tls-hsts', kind: 'web', plan: 'paid' });
    const updated = await cli(
      'service',
      'update',
      service,
      '--https-redirect',
      'on',
      '--hsts',
      '31536000,includeSubDomains',
      '--json',
    );
    expect(updated.code, updated.err).toBe(0);
    expect(JSON.parse(updated.out)).toMatchObject({
      httpsRedirect: true,
      hsts: { maxAgeSeconds: 31_536_000, includeSubdomains: true, preload: false },
    });
    expect((await cli('service', 'update', service, '--hsts', '60,preload')).err).toMatch(/hsts.preload/);
    expect((await cli('service', 'show', service)).out).toContain('hsts:       max-age=31536000; includeSubDomains');
  });
});

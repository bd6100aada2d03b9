import { randomBytes } from 'node:crypto';
import {
  createTestCertificate,
  createTestChain,
  createTestDatabase,
  type TestDatabase,
} from '@switchyard/service-db/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addCertificate,
  checkCertificate,
  createService,
  getCertificate,
  getService,
  listCertificates,
  loadCertificates,
  loadRegionTls,
  NotFoundError,
  PlatformKey,
  pruneChanges,
  readTlsChanges,
  removeCertificate,
  replaceCertificate,
  rotateTicketKeys,
  SealedValueError,
  setCertificateStatus,
  updateService,
  ValidationError,
} from '../src/index.ts';

let db: TestDatabase;
let pool: pg.Pool;
const key = new PlatformKey(randomBytes(32));
let serviceId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  pool = new pg.Pool({ connectionString: db.url, max: 4 });
  serviceId = (await createService(pool, { name: 'tls', kind: 'web', plan: 'paid', region: 'eu' })).id;
});
afterAll(async () => {
  await pool?.end();
  await db?.drop();
});

function fieldOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof ValidationError) return error.field;
    throw error;
  }
  return undefined;
}

describe('checkCertificate', () => {
  it('accepts a chain (leaf first) with its key, and reads names and validity from the leaf', () => {
    const { chainPem, keyPem } = createTestChain(['Shop.Example.com', '*.shop.example.com']);
    const checked = checkCertificate(chainPem, keyPem);
    expect(checked.names).toEqual(['*.shop.example.com', 'shop.example.com']);
    expect(checked.keyPem).toContain('BEGIN PRIVATE KEY');
    expect(checked.notAfter.getTime()).toBeGreaterThan(Date.now());
    expect(checked.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  });

  it('accepts RSA keys', () => {
    const cert = createTestCertificate({ names: ['rsa.example.com'], keyType: 'rsa' });
    expect(checkCertificate(cert.certPem, cert.keyPem).names).toEqual(['rsa.example.com']);
  });

  it('names the field of every refusal', () => {
    const good = createTestCertificate({ names: ['a.example.com'] });
    const other = createTestCertificate({ names: ['b.example.com'] });
    expect(fieldOf(() => checkCertificate('', good.keyPem))).toBe('cert');
    expect(fieldOf(() => checkCertificate('not a pem', good.keyPem))).toBe('cert');
    expect(
      fieldOf(() => checkCertificate('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----', good.keyPem)),
    ).toBe('cert');
    expect(fieldOf(() => checkCertificate(good.certPem, other.keyPem))).toBe('key');
    expect(fieldOf(() => checkCertificate(good.certPem, 'garbage'))).toBe('key');
    expect(fieldOf(() => checkCertificate(good.certPem, ''))).toBe('key');
    // Out of order: the CA first.
    const { ca, leaf } = createTestChain(['c.example.com']);
    expect(fieldOf(() => checkCertificate(ca.certPem + leaf.certPem, leaf.keyPem))).toBe('cert');
    expect(fieldOf(() => checkCertificate(leaf.certPem + other.certPem, leaf.keyPem))).toBe('cert');
    const expired = createTestCertificate({
      names: ['old.example.com'],
      notBefore: new Date(Date.now() - 10 * 86_400_000),
      notAfter: new Date(Date.now() - 86_400_000),
    });
    expect(() => checkCertificate(expired.certPem, expired.keyPem)).toThrow(/expired/);
    expect(fieldOf(() => checkCertificate(expired.certPem, expired.keyPem))).toBe('cert');
    const badName = createTestCertificate({ names: ['bad_name.example.com'] });
    expect(fieldOf(() => checkCertificate(badName.certPem, badName.keyPem))).toBe('names');
  });
});

describe('PlatformKey', () => {
  it('seals and opens, bound to the row, and refuses another key', () => {
    const sealed = key.seal('secret', 'row-1');
    expect(sealed.includes(Buffer.from('secret'))).toBe(false);
    expect(key.open(sealed, 'row-1').toString()).toBe('secret');
    expect(() => key.open(sealed, 'row-2')).toThrow(SealedValueError);
    expect(() => new PlatformKey(randomBytes(32)).open(sealed, 'row-1')).toThrow(/another|not the configured/);
  });

  it('parses hex, base64 and raw bytes, and never shows the key', () => {
    const raw = randomBytes(32);
    expect(PlatformKey.parse(raw.toString('hex'), 'test').fingerprint).toBe(new PlatformKey(raw).fingerprint);
    expect(PlatformKey.parse(`${raw.toString('base64')}\n`, 'test').fingerprint).toBe(new PlatformKey(raw).fingerprint);
    expect(PlatformKey.parse(raw, 'test').fingerprint).toBe(new PlatformKey(raw).fingerprint);
    expect(() => PlatformKey.parse('short', 'SWITCHYARD_CERT_KEY')).toThrow(/SWITCHYARD_CERT_KEY/);
    expect(JSON.stringify({ key: new PlatformKey(raw) })).not.toContain(raw.toString('hex'));
  });
});

describe('certificates in the database', () => {
  it('adds, shows, lists by expiry, replaces, disables and removes — the key sealed at rest', async () => {
    const soon = createTestCertificate({
      names: ['soon.example.com'],
      notAfter: new Date(Date.now() + 5 * 86_400_000),
    });
    const later = createTestCertificate({ names: ['later.example.com'] });
    const a = await addCertificate(pool, key, { serviceId, certPem: soon.certPem, keyPem: soon.keyPem });
    const b = await addCertificate(pool, key, {
      serviceId,
      certPem: later.certPem,
      keyPem: later.keyPem,
      source: 'acme',
    });
    expect(a).toMatchObject({ serviceId, names: ['soon.example.com'], source: 'uploaded', status: 'active' });
    expect(JSON.stringify(a)).not.toContain('PRIVATE KEY');
    expect(await getCertificate(pool, b.id)).toMatchObject({ source: 'acme', names: ['later.example.com'] });

    const stored = await pool.query<{ key_sealed: Buffer }>('SELECT key_sealed FROM certificates WHERE id = $1', [
      a.id,
    ]);
    expect(stored.rows[0]?.key_sealed.toString('latin1')).not.toContain('PRIVATE KEY');

    const expiring = await listCertificates(pool, { expiringWithinMs: 30 * 86_400_000 });
    expect(expiring.map((c) => c.id)).toEqual([a.id]);
    expect((await listCertificates(pool, { serviceId })).map((c) => c.id)).toEqual([a.id, b.id]);

    const renewed = createTestCertificate({ names: ['soon.example.com', 'www.soon.example.com'] });
    const replaced = await replaceCertificate(pool, key, a.id, { certPem: renewed.certPem, keyPem: renewed.keyPem });
    expect(replaced.names).toEqual(['soon.example.com', 'www.soon.example.com']);
    const delivered = await loadCertificates(pool, key, 'eu', [a.id]);
    expect(delivered.certificates[0]?.privateKeyPem).toBe(renewed.keyPem);

    await setCertificateStatus(pool, a.id, 'disabled');
    expect((await loadCertificates(pool, key, 'eu', [a.id])).certificates).toEqual([]);
    await removeCertificate(pool, a.id);
    await removeCertificate(pool, b.id);
    await expect(getCertificate(pool, a.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(removeCertificate(pool, a.id)).rejects.toMatchObject({ field: 'id' });
  });

  it('refuses an unknown service and bad input with the field named', async () => {
    const cert = createTestCertificate({ names: ['x.example.com'] });
    await expect(
      addCertificate(pool, key, { serviceId: '00000000-0000-4000-8000-000000000000', ...pick(cert) }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND', field: 'serviceId' });
    await expect(addCertificate(pool, key, { serviceId: 'nope', ...pick(cert) })).rejects.toMatchObject({
      field: 'serviceId',
    });
    await expect(
      addCertificate(pool, key, {
        serviceId,
        certPem: cert.certPem,
        keyPem: createTestCertificate({ names: ['y.example.com'] }).keyPem,
      }),
    ).rejects.toMatchObject({ code: 'INVALID', field: 'key' });
    await expect(listCertificates(pool, { expiringWithinMs: -1 })).rejects.toMatchObject({ field: 'expiring' });
  });

  it('logs every change to the TLS changelog, and loadRegionTls stamps certificates and tombstones from it', async () => {
    const start = await readTlsChanges(pool, 1);
    const cert = createTestCertificate({ names: ['feed.example.com'] });
    const added = await addCertificate(pool, key, { serviceId, ...pick(cert) });
    const afterAdd = await readTlsChanges(pool, start.version);
    expect(afterAdd.certificateIds).toEqual([added.id]);
    expect(afterAdd.resyncRequired).toBe(false);

    expect(await rotateTicketKeys(pool, key, 'eu', { everyMs: 3_600_000 })).toBe(true);
    expect(await rotateTicketKeys(pool, key, 'eu', { everyMs: 3_600_000 })).toBe(false);
    expect(await rotateTicketKeys(pool, key, 'eu', { everyMs: 0 })).toBe(true);
    expect(await rotateTicketKeys(pool, key, 'eu', { everyMs: 0 })).toBe(true);
    const keys = await pool.query('SELECT id FROM tls_ticket_keys WHERE region = $1', ['eu']);
    expect(keys.rowCount).toBe(2);
    const afterRotate = await readTlsChanges(pool, afterAdd.version);
    expect(afterRotate.ticketRegions).toEqual(['eu']);

    const gone = createTestCertificate({ names: ['gone.example.com'] });
    const removed = await addCertificate(pool, key, { serviceId, ...pick(gone) });
    await removeCertificate(pool, removed.id);

    const tls = await loadRegionTls(pool, key, 'eu');
    const mine = tls.certificates.find((c) => c.id === added.id);
    expect(mine?.privateKeyPem).toBe(cert.keyPem);
    expect(mine?.version).toBeGreaterThan(start.version);
    expect(mine?.version).toBeLessThanOrEqual(tls.version);
    expect(tls.tombstones.map(([id]) => id)).toContain(removed.id);
    expect(tls.ticketKeys.keys).toHaveLength(2);
    expect(tls.ticketKeys.keys?.[0]).toHaveLength(48);
    expect(tls.ticketKeys.version).toBeGreaterThan(afterAdd.version - 1);

    // Pruning the changelog past a reader's version asks it to reload.
    await pruneChanges(pool, { olderThanMs: 0 });
    expect((await readTlsChanges(pool, start.version)).resyncRequired).toBe(true);
  });

  it('carries https_redirect and HSTS in the routing record, validated', async () => {
    const updated = await updateService(pool, serviceId, {
      httpsRedirect: true,
      hsts: { maxAgeSeconds: 31_536_000, includeSubdomains: true, preload: true },
    });
    expect(updated.httpsRedirect).toBe(true);
    expect(updated.hsts).toEqual({ maxAgeSeconds: 31_536_000, includeSubdomains: true, preload: true });
    await expect(updateService(pool, serviceId, { hsts: { maxAgeSeconds: -1 } })).rejects.toMatchObject({
      field: 'hsts.maxAge',
    });
    await expect(updateService(pool, serviceId, { hsts: { maxAgeSeconds: 60, preload: true } })).rejects.toMatchObject({
      field: 'hsts.preload',
    });
    await updateService(pool, serviceId, { hsts: null });
    expect((await getService(pool, serviceId)).hsts).toBeNull();
  });
});

function pick(cert: { certPem: string; keyPem: string }) {
  return { certPem: cert.certPem, keyPem: cert.keyPem };
}

import { randomBytes } from 'node:crypto';
import { issueChain } from '@switchyard/pki';
import { createTestDatabase, type TestDatabase } from '@switchyard/service-db/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addCertificate,
  addHostname,
  claimAcmeHostnames,
  createService,
  FencedOutError,
  getAcmeStatus,
  loadRegionTls,
  PlatformKey,
  putAcmeChallenge,
  readTlsChanges,
  recordAcmeFailure,
  removeHostname,
  renewalTime,
  reserveAcmeOrder,
  storeAcmeCertificate,
} from '../src/index.ts';

let db: TestDatabase;
let pool: pg.Pool;
const key = new PlatformKey(randomBytes(32));
let serviceId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  pool = new pg.Pool({ connectionString: db.url, max: 6 });
  serviceId = (await createService(pool, { name: 'acme', kind: 'web', plan: 'paid', region: 'eu' })).id;
});
afterAll(async () => {
  await pool?.end();
  await db?.drop();
});

const claim = (owner: string, leaseMs = 60_000, limit = 10) => claimAcmeHostnames(pool, { owner, leaseMs, limit });

describe('ACME state in the service database', () => {
  it('tracks every hostname; wildcards are skipped with the reason; removal forgets it', async () => {
    await addHostname(pool, serviceId, 'a.acme.example');
    await addHostname(pool, serviceId, '*.acme.example');
    expect((await getAcmeStatus(pool, 'a.acme.example')).state).toBe('pending');
    const wild = await getAcmeStatus(pool, '*.acme.example');
    expect(wild.state).toBe('skipped');
    expect(wild.lastError).toMatch(/^wildcard: HTTP-01 cannot validate/);
    await removeHostname(pool, '*.acme.example');
    await expect(getAcmeStatus(pool, '*.acme.example')).rejects.toThrow(/not found/);
  });

  it('never gives one hostname to two concurrent claimers (SKIP LOCKED)', async () => {
    const claims = await Promise.all(['m1', 'm2', 'm3', 'm4'].map((owner) => claim(owner)));
    const names = claims.flat().map((c) => c.hostname);
    expect(names).toEqual(['a.acme.example']);
    expect((await getAcmeStatus(pool, 'a.acme.example')).state).toBe('ordering');
    // Nobody else gets it while the lease lasts.
    expect(await claim('m5')).toEqual([]);
  });

  it('fences out a manager whose lease expired and was taken over', async () => {
    await addHostname(pool, serviceId, 'b.acme.example');
    const [old] = await claim('slow', 1);
    expect(old?.hostname).toBe('b.acme.example');
    await new Promise((r) => setTimeout(r, 20));
    const [successor] = await claim('fast');
    expect(successor?.hostname).toBe('b.acme.example');
    expect(successor?.fence).toBeGreaterThan(old?.fence as number);
    const { chainPem, keyPem } = issueChain(['b.acme.example']);
    const issued = { hostname: 'b.acme.example', certPem: chainPem, keyPem, renewsCertificateId: null };
    await expect(storeAcmeCertificate(pool, key, { ...issued, fence: old?.fence as number })).rejects.toBeInstanceOf(
      FencedOutError,
    );
    await expect(
      putAcmeChallenge(pool, {
        hostname: 'b.acme.example',
        fence: old?.fence as number,
        token: 'stale',
        keyAuthorization: 'stale.x',
        expiresAt: new Date(Date.now() + 60_000),
      }),
    ).rejects.toBeInstanceOf(FencedOutError);
    expect(
      await recordAcmeFailure(pool, {
        hostname: 'b.acme.example',
        fence: old?.fence as number,
        error: 'x',
        retryAt: new Date(),
      }),
    ).toBe(false);
    const stored = await storeAcmeCertificate(pool, key, { ...issued, fence: successor?.fence as number });
    const status = await getAcmeStatus(pool, 'b.acme.example');
    expect(status).toMatchObject({ state: 'valid', certificateId: stored.certificateId, failures: 0 });
    expect(Date.parse(status.nextAttemptAt)).toBe(stored.renewAt.getTime());
  });

  it('marks a hostname covered by an uploaded certificate valid instead of ordering', async () => {
    await addHostname(pool, serviceId, 'c.acme.example');
    const { chainPem, keyPem } = issueChain(['c.acme.example']);
    const cert = await addCertificate(pool, key, { serviceId, certPem: chainPem, keyPem });
    const claims = await claim('m1');
    expect(claims.map((c) => c.hostname)).not.toContain('c.acme.example');
    expect(await getAcmeStatus(pool, 'c.acme.example')).toMatchObject({ state: 'valid', certificateId: cert.id });
  });

  it('makes a hostname due again when its certificate is removed or disabled', async () => {
    await pool.query("DELETE FROM certificates WHERE 'c.acme.example' = ANY(names)");
    const status = await getAcmeStatus(pool, 'c.acme.example');
    expect(status.state).toBe('pending');
    expect(Date.parse(status.nextAttemptAt)).toBeLessThanOrEqual(Date.now() + 1_000);
  });

  it('records failures with the error and the retry time', async () => {
    await addHostname(pool, serviceId, 'd.acme.example');
    const [mine] = (await claim('m1')).filter((c) => c.hostname === 'd.acme.example');
    const retryAt = new Date(Date.now() + 60_000);
    expect(
      await recordAcmeFailure(pool, {
        hostname: 'd.acme.example',
        fence: mine?.fence as number,
        error: 'DNS problem',
        retryAt,
      }),
    ).toBe(true);
    expect(await getAcmeStatus(pool, 'd.acme.example')).toMatchObject({
      state: 'failing',
      failures: 1,
      lastError: 'DNS problem',
      nextAttemptAt: retryAt.toISOString(),
    });
  });

  it('paces new orders per account: window budget and spacing', async () => {
    const budget = { orders: 2, windowMs: 60_000, spacingMs: 0 };
    expect(await reserveAcmeOrder(pool, 'acct', 'd.acme.example', budget)).toEqual({ ok: true });
    expect(await reserveAcmeOrder(pool, 'acct', 'd.acme.example', budget)).toEqual({ ok: true });
    const third = await reserveAcmeOrder(pool, 'acct', 'd.acme.example', budget);
    expect(third.ok).toBe(false);
    expect(await reserveAcmeOrder(pool, 'other', 'd.acme.example', budget)).toEqual({ ok: true });
    const spaced = await reserveAcmeOrder(pool, 'spaced', 'd.acme.example', { ...budget, spacingMs: 60_000 });
    expect(spaced.ok).toBe(true);
    const next = await reserveAcmeOrder(pool, 'spaced', 'd.acme.example', { ...budget, spacingMs: 60_000 });
    expect(next.ok).toBe(false);
  });

  it('delivers challenges through the TLS changelog and the region load', async () => {
    const before = await readTlsChanges(pool, (await readTlsChanges(pool, 1)).version);
    await pool.query(
      "INSERT INTO acme_challenges (token, hostname, key_authorization, expires_at) VALUES ('tok', 'e.acme.example', 'tok.x', now() + interval '1 minute')",
    );
    const after = await readTlsChanges(pool, before.version);
    expect(after.challengesChanged).toBe(true);
    const tls = await loadRegionTls(pool, key, 'elsewhere');
    expect(tls.acmeChallenges.challenges).toEqual([
      { token: 'tok', hostname: 'e.acme.example', keyAuthorization: 'tok.x', expiresAtMs: expect.any(Number) },
    ]);
  });

  it('leaves hostnames with a skipped suffix alone', async () => {
    await addHostname(pool, serviceId, 'demo.localhost');
    const claims = await claimAcmeHostnames(pool, {
      owner: 'dev',
      leaseMs: 60_000,
      limit: 10,
      skipSuffixes: ['.localhost'],
    });
    expect(claims.map((c) => c.hostname)).not.toContain('demo.localhost');
    expect((await getAcmeStatus(pool, 'demo.localhost')).state).toBe('pending');
  });

  it('renews at a third of the lifetime left, minus jitter', () => {
    const notBefore = new Date('2026-01-01T00:00:00Z');
    const notAfter = new Date('2026-04-01T00:00:00Z'); // 90 days
    expect(renewalTime(notBefore, notAfter, 0).toISOString()).toBe('2026-03-02T00:00:00.000Z');
    const jittered = renewalTime(notBefore, notAfter, 86_400_000).getTime();
    expect(jittered).toBeLessThanOrEqual(Date.parse('2026-03-02T00:00:00Z'));
    expect(jittered).toBeGreaterThanOrEqual(Date.parse('2026-03-01T00:00:00Z'));
  });
});

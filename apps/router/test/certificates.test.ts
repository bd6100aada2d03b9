import { randomBytes } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CacheServer, startCacheServer, withDefaults } from '@switchyard/cache-server';
import {
  addCertificate,
  createService,
  PlatformKey,
  removeCertificate,
  replaceCertificate,
} from '@switchyard/service-db';
import { createTestCertificate, createTestDatabase, type TestDatabase } from '@switchyard/service-db/testing';
import { silentLogger } from '@switchyard/telemetry';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invalidates } from '../src/tls/certificate-messages.ts';
import { CertificateStore } from '../src/tls/certificate-store.ts';
import { createCertificateSync } from '../src/tls/certificate-sync.ts';
import { CertificateThread } from './support/certificate-thread.ts';

// Database → two caches (gRPC on loopback) → a router's certificate store → a serving thread.
const TOKEN = 'router-certificates-token';
const rawKey = randomBytes(32).toString('base64');
const platformKey = PlatformKey.parse(rawKey, 'test');
let database: TestDatabase;
let pool: pg.Pool;
const caches: CacheServer[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  pool = new pg.Pool({ connectionString: database.url, max: 2 });
  const dir = await mkdtemp(join(tmpdir(), 'router-certs-'));
  const tokenFile = join(dir, 'token');
  await writeFile(tokenFile, TOKEN);
  for (let i = 0; i < 2; i++) {
    const cache = await startCacheServer(
      withDefaults({
        databaseUrl: database.url,
        region: 'eu',
        listen: '127.0.0.1:0',
        admin: '127.0.0.1:0',
        heartbeatIntervalMs: 200,
        pollIntervalMs: 500,
        tokenFile,
        certKey: rawKey,
      }),
      { logger: silentLogger() },
    );
    await cache.ready;
    caches.push(cache);
  }
});

afterAll(async () => {
  for (const cache of caches) await cache.close().catch(() => undefined);
  await pool?.end();
  await database?.drop();
});

describe('certificates from the database to a serving thread', () => {
  it('adds, replaces (new handshakes get it), removes (tombstone), and resumes on another cache', async () => {
    const service = await createService(pool, { name: 'shop', kind: 'web', plan: 'paid', region: 'eu' });
    const store = new CertificateStore({ defaultServerName: 'fallback.shop.test' });
    // Both caches; the first pick is A (random 0), and a failover can only go to B.
    const sync = createCertificateSync(
      {
        caches: caches.map((c) => c.grpcAddress),
        region: 'eu',
        clientId: 'router-test',
        token: TOKEN,
        random: () => 0,
        backoff: { initialMs: 50, maxMs: 200 },
      },
      store,
    );
    sync.start();
    const thread = new CertificateThread(store);
    try {
      await eventually(() => sync.status().synced, 'the first snapshot');
      await thread.ready;
      expect(await thread.lookup('www.shop.test')).toBeUndefined();

      // Added through the database layer (what `switchyard cert add` calls).
      let mark = thread.invalidations.length;
      const first = createTestCertificate({ names: ['www.shop.test', '*.shop.test'] });
      const added = await addCertificate(pool, platformKey, {
        serviceId: service.id,
        certPem: first.certPem,
        keyPem: first.keyPem,
      });
      await thread.until(
        () => thread.invalidations.slice(mark).some((i) => invalidates(i, 'www.shop.test')),
        'the invalidation',
      );
      const found = await thread.lookup('WWW.shop.test');
      expect(found).toMatchObject({ id: added.id, keyPem: first.keyPem, matchedBy: 'exact' });
      expect(await thread.lookup('api.shop.test')).toMatchObject({ id: added.id, matchedBy: 'wildcard' });
      // The default certificate: fallback.shop.test resolves through the wildcard.
      expect(await thread.lookup('unknown.example')).toMatchObject({ id: added.id, matchedBy: 'default' });
      // The caches generated the region's ticket keys; the thread got them with its hello.
      expect(store.ticketKeys?.current).toHaveLength(48);

      // Replaced in the database: the thread hears of it and the next lookup has the new key.
      const renewed = createTestCertificate({ names: ['www.shop.test', '*.shop.test'] });
      const seen = thread.invalidations.length;
      await replaceCertificate(pool, platformKey, added.id, { certPem: renewed.certPem, keyPem: renewed.keyPem });
      await thread.until(() => thread.invalidations.length > seen, 'the replacement');
      const replaced = await thread.lookup('www.shop.test');
      expect(replaced?.keyPem).toBe(renewed.keyPem);
      expect(replaced?.version).toBeGreaterThan(found?.version ?? 0);

      // Cache A goes away: the client resumes on B from its version, without a new snapshot.
      expect(sync.status().cache).toBe(caches[0]?.grpcAddress);
      await (caches[0] as CacheServer).close();
      await eventually(
        () => sync.status().connected && sync.status().cache === caches[1]?.grpcAddress,
        'failover to B',
      );
      mark = thread.invalidations.length;
      const other = createTestCertificate({ names: ['other.test'] });
      const second = await addCertificate(pool, platformKey, {
        serviceId: service.id,
        certPem: other.certPem,
        keyPem: other.keyPem,
      });
      await thread.until(
        () => thread.invalidations.slice(mark).some((i) => invalidates(i, 'other.test')),
        'the certificate via B',
      );
      expect(await thread.lookup('other.test')).toMatchObject({ id: second.id });
      expect(sync.status().snapshots).toBe(1);

      // Removed: a tombstone reaches the store and the name is gone.
      mark = thread.invalidations.length;
      await removeCertificate(pool, second.id);
      await thread.until(
        () => thread.invalidations.slice(mark).some((i) => invalidates(i, 'other.test')),
        'the tombstone',
      );
      expect(await thread.lookup('other.test')).toMatchObject({ matchedBy: 'default' });
    } finally {
      sync.stop();
      await thread.terminate();
      store.close();
    }
  });
});

async function eventually(check: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

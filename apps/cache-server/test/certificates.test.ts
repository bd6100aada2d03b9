import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ClientReadableStream, credentials, type Metadata, type ServiceError, status } from '@grpc/grpc-js';
import { type Certificate, type CertificateEvent, RouteCacheClient, type TicketKeys } from '@switchyard/proto';
import {
  addCertificate,
  createService,
  PlatformKey,
  removeCertificate,
  replaceCertificate,
} from '@switchyard/service-db';
import { createTestCertificate } from '@switchyard/service-db/testing';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { bearer, eventually, REGION, useTestContext } from './helpers.ts';

const ctx = useTestContext();
const rawKey = randomBytes(32).toString('hex');
const platformKey = PlatformKey.parse(rawKey, 'test');
const TOKEN = 'certificate-test-token';

function tokenFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cache-cert-'));
  const file = join(dir, 'token');
  writeFileSync(file, TOKEN);
  return file;
}

/** Keeps certificates the way a router's store does, from one WatchCertificates stream. */
class CertificateRecorder {
  certificates = new Map<string, Certificate>();
  ticketKeys: TicketKeys | undefined;
  version: number;
  snapshots = 0;
  deltas: { upserts: string[]; removed: string[] }[] = [];
  error: ServiceError | undefined;
  readonly stream: ClientReadableStream<CertificateEvent>;
  #fresh: Map<string, Certificate> | undefined;

  constructor(address: string, fromVersion: number, metadata: Metadata) {
    this.version = fromVersion;
    const client = new RouteCacheClient(address, credentials.createInsecure()) as unknown as {
      watchCertificates(r: object, m: Metadata): ClientReadableStream<CertificateEvent>;
    };
    this.stream = client.watchCertificates({ region: REGION, clientId: 'test', fromVersion }, metadata);
    this.stream.on('data', (event: CertificateEvent) => this.#apply(event));
    this.stream.on('error', (error: ServiceError) => {
      this.error = error;
    });
  }

  #apply(event: CertificateEvent): void {
    if (event.snapshotStart) this.#fresh = new Map();
    else if (event.certificateBatch)
      for (const c of event.certificateBatch.certificates ?? []) this.#fresh?.set(c.id as string, c);
    else if (event.snapshotEnd) {
      this.certificates = this.#fresh ?? new Map();
      this.ticketKeys = event.snapshotEnd.ticketKeys ?? undefined;
      this.version = Number(event.snapshotEnd.version);
      this.snapshots++;
    } else if (event.delta) {
      for (const c of event.delta.upserts ?? []) this.certificates.set(c.id as string, c);
      for (const id of event.delta.removedIds ?? []) this.certificates.delete(id);
      if (event.delta.ticketKeys) this.ticketKeys = event.delta.ticketKeys;
      this.version = Number(event.delta.version);
      const upserts = (event.delta.upserts ?? []).map((c) => c.id as string);
      const removed = event.delta.removedIds ?? [];
      if (upserts.length > 0 || removed.length > 0) this.deltas.push({ upserts, removed });
    } else if (event.heartbeat) this.version = Math.max(this.version, Number(event.heartbeat.version));
  }

  close(): void {
    this.stream.cancel();
  }
}

describe('WatchCertificates', () => {
  it('streams certificates and ticket keys apart from routes: snapshot, one-certificate deltas, tombstones, resume on another cache', async () => {
    const pool = new pg.Pool({ connectionString: ctx.db.url, max: 2 });
    ctx.cleanups.push(() => pool.end());
    const service = await createService(pool, { name: 'shop', kind: 'web', plan: 'paid', region: REGION });
    const first = createTestCertificate({ names: ['shop.example.com'] });
    const a = await addCertificate(pool, platformKey, {
      serviceId: service.id,
      certPem: first.certPem,
      keyPem: first.keyPem,
    });

    const token = tokenFile();
    const cacheA = await ctx.cache({ tokenFile: token, certKey: rawKey, pollIntervalMs: 200 });
    const cacheB = await ctx.cache({ tokenFile: token, certKey: rawKey, pollIntervalMs: 200 });

    const recorder = new CertificateRecorder(cacheA.grpcAddress, 0, bearer(TOKEN));
    ctx.cleanups.push(() => recorder.close());
    await eventually(() => recorder.snapshots === 1, 'the snapshot');
    expect([...recorder.certificates.keys()]).toEqual([a.id]);
    expect(recorder.certificates.get(a.id)?.privateKeyPem).toBe(first.keyPem);
    // The caches generated the region's first ticket key (one of them won).
    expect(recorder.ticketKeys?.keys).toHaveLength(1);
    expect(recorder.ticketKeys?.keys?.[0]).toHaveLength(48);

    // Adding one certificate sends that one certificate.
    const second = createTestCertificate({ names: ['*.shop.example.com'] });
    const b = await addCertificate(pool, platformKey, {
      serviceId: service.id,
      certPem: second.certPem,
      keyPem: second.keyPem,
    });
    await eventually(() => recorder.certificates.has(b.id), 'the added certificate');
    expect(recorder.deltas.at(-1)).toEqual({ upserts: [b.id], removed: [] });

    // Replaced in place.
    const renewed = createTestCertificate({ names: ['shop.example.com'] });
    await replaceCertificate(pool, platformKey, a.id, { certPem: renewed.certPem, keyPem: renewed.keyPem });
    await eventually(
      () => recorder.certificates.get(a.id)?.privateKeyPem === renewed.keyPem,
      'the replaced certificate',
    );
    expect(recorder.deltas.at(-1)).toEqual({ upserts: [a.id], removed: [] });
    const resumeFrom = recorder.version;

    // Removed: a tombstone.
    await removeCertificate(pool, b.id);
    await eventually(() => !recorder.certificates.has(b.id), 'the tombstone');
    expect(recorder.deltas.at(-1)).toEqual({ upserts: [], removed: [b.id] });

    // Resume on the other cache from the earlier version: only what was missed (the tombstone), no snapshot.
    const resumed = new CertificateRecorder(cacheB.grpcAddress, resumeFrom, bearer(TOKEN));
    ctx.cleanups.push(() => resumed.close());
    await eventually(() => resumed.deltas.length > 0, 'the resumed delta');
    expect(resumed.snapshots).toBe(0);
    expect(resumed.deltas).toEqual([{ upserts: [], removed: [b.id] }]);

    // /debug/state shows counts, never key material.
    const debug = await (await fetch(`http://${cacheA.adminAddress}/debug/state`)).text();
    expect(JSON.parse(debug).certificates).toMatchObject({ loaded: true, count: 1 });
    expect(debug).not.toContain('PRIVATE KEY');
  });

  it('serves key material only to authenticated clients', async () => {
    const open = await ctx.cache({ certKey: rawKey });
    const anonymous = new CertificateRecorder(open.grpcAddress, 0, bearer('x'));
    ctx.cleanups.push(() => anonymous.close());
    await eventually(() => anonymous.error !== undefined, 'the refusal');
    expect(anonymous.error?.code).toBe(status.FAILED_PRECONDITION);
    expect(anonymous.error?.details).toMatch(/--token-file/);

    const guarded = await ctx.cache({ certKey: rawKey, tokenFile: tokenFile() });
    const wrong = new CertificateRecorder(guarded.grpcAddress, 0, bearer('wrong'));
    ctx.cleanups.push(() => wrong.close());
    await eventually(() => wrong.error !== undefined, 'the refusal');
    expect(wrong.error?.code).toBe(status.UNAUTHENTICATED);
    expect(wrong.certificates.size).toBe(0);
  });
});

import { type CacheServer, startCacheServer, withDefaults } from '@switchyard/cache-server';
import type { Delta, Service } from '@switchyard/proto';
import { addHostname, createService, deleteService, updateService } from '@switchyard/service-db';
import { createTestDatabase, type TestDatabase } from '@switchyard/service-db/testing';
import { silentLogger } from '@switchyard/telemetry';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SyncClient, type SyncSink } from '../src/sync-client.ts';

/** A sink that keeps records by id the way the route table does: fresh table per snapshot, swapped at the end. */
class MapSink implements SyncSink {
  current = new Map<string, Service>();
  #fresh: Map<string, Service> | undefined;
  snapshotsApplied = 0;
  aborted = 0;

  beginSnapshot(): void {
    this.#fresh = new Map();
  }
  addBatch(services: Service[]): void {
    for (const s of services) this.#fresh?.set(s.id as string, s);
  }
  endSnapshot(): void {
    this.current = this.#fresh ?? new Map();
    this.#fresh = undefined;
    this.snapshotsApplied++;
  }
  abortSnapshot(): void {
    this.#fresh = undefined;
    this.aborted++;
  }
  applyDelta(delta: Delta): void {
    for (const s of delta.upserts ?? []) this.current.set(s.id as string, s);
    for (const id of delta.removedIds ?? []) this.current.delete(id);
  }
}

async function until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

let database: TestDatabase;
let pool: pg.Pool;
const caches: CacheServer[] = [];

async function startCache(): Promise<CacheServer> {
  const cache = await startCacheServer(
    withDefaults({
      databaseUrl: database.url,
      region: 'eu',
      listen: '127.0.0.1:0',
      admin: '127.0.0.1:0',
      heartbeatIntervalMs: 200,
    }),
    { logger: silentLogger() },
  );
  await cache.ready;
  caches.push(cache);
  return cache;
}

beforeAll(async () => {
  database = await createTestDatabase();
  pool = new pg.Pool({ connectionString: database.url, max: 2 });
});
afterAll(async () => {
  await Promise.all(caches.map((c) => c.close().catch(() => {})));
  await pool?.end();
  await database?.drop();
});

describe('SyncClient against real cache servers', () => {
  it('loads a snapshot, follows deltas, and resumes on the other cache without a snapshot', async () => {
    const a = await createService(pool, { name: 'alpha', kind: 'web', plan: 'paid', region: 'eu' });
    await addHostname(pool, a.id, 'alpha.example.com');
    const cacheA = await startCache();
    const cacheB = await startCache();

    const sink = new MapSink();
    // random() = 0 picks the first candidate: cache A first, then (avoiding A) cache B.
    const client = new SyncClient(
      {
        caches: [cacheA.grpcAddress, cacheB.grpcAddress],
        region: 'eu',
        clientId: 'test-router',
        fromVersion: 0,
        backoff: { initialMs: 20, maxMs: 200 },
        random: () => 0,
      },
      sink,
    );
    const disconnects: string[] = [];
    client.on('disconnected', ({ cache }) => disconnects.push(cache));
    client.start();
    try {
      await until(() => client.status().synced, 'the first sync');
      expect(client.status()).toMatchObject({ cache: cacheA.grpcAddress, snapshots: 1, connected: true });
      expect(sink.current.get(a.id)?.hostnames).toEqual(['alpha.example.com']);

      const b = await createService(pool, { name: 'beta', kind: 'web', plan: 'free', region: 'eu' });
      await until(() => sink.current.has(b.id), 'the delta creating beta');

      await cacheA.close();
      // Changes committed while the client is between caches must still arrive.
      await updateService(pool, a.id, { state: 'suspended' });
      await deleteService(pool, b.id);
      await until(() => client.status().cache === cacheB.grpcAddress && client.status().connected, 'failover to B');
      await until(
        () => sink.current.get(a.id)?.state === 2 && !sink.current.has(b.id),
        'the changes made during failover',
      );
      expect(disconnects).toEqual([cacheA.grpcAddress]);
      expect(client.status().snapshots).toBe(1);
      expect(sink.snapshotsApplied).toBe(1);
      expect(client.status().reconnects).toBe(1);
    } finally {
      client.stop();
    }
  });

  it('keeps retrying while no cache answers, then syncs when one comes up', async () => {
    const sink = new MapSink();
    const client = new SyncClient(
      {
        caches: ['127.0.0.1:1'],
        region: 'eu',
        clientId: 'test-router',
        fromVersion: 0,
        backoff: { initialMs: 10, maxMs: 50 },
      },
      sink,
    );
    client.start();
    try {
      await until(() => client.status().reconnects >= 3, 'a few failed attempts');
      expect(client.status().synced).toBe(false);
      expect(sink.snapshotsApplied).toBe(0);
    } finally {
      client.stop();
    }
  });
});

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { credentials, type Metadata, status } from '@grpc/grpc-js';
import { seed } from '@switchyard/service-db';
import { buildInfo } from '@switchyard/telemetry';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import {
  bearer,
  cacheClient,
  eventually,
  getServices,
  metricValue,
  REGION,
  startTestCache,
  untilMatchesDatabase,
  useTestContext,
  WatchRecorder,
} from './helpers.ts';

const ctx = useTestContext((db) =>
  seed(db.url, { services: 200, regions: [REGION, 'us'], seed: 1 }).then(() => undefined),
);

function watch(address: string, opts: { metadata?: Metadata; creds?: ReturnType<typeof credentials.createSsl> } = {}) {
  // The certificate names "localhost"; the address is an IP.
  const client = cacheClient(address, opts.creds, opts.creds ? { 'grpc.ssl_target_name_override': 'localhost' } : {});
  const recorder = new WatchRecorder(client, { clientId: 'serving' }, opts.metadata ? { metadata: opts.metadata } : {});
  ctx.cleanups.push(() => {
    recorder.close();
    client.close();
  });
  return recorder;
}

async function failure(recorder: WatchRecorder) {
  await recorder.until((r) => r.error !== undefined, 'the call to fail').catch(() => undefined);
  return recorder.error;
}

describe('serving', () => {
  it('bounds a subscriber that stops reading: resync from state first, then RESOURCE_EXHAUSTED', async () => {
    // Small fetch batches: one seed becomes dozens of deltas, more than grpc-js buffers before write() says false.
    const server = await ctx.cache({ backlogBytes: 64 * 1024, maxResyncs: 1, batchSize: 50 });
    const recorder = watch(server.grpcAddress);
    await recorder.until((r) => r.snapshots === 1, 'the snapshot');
    const metric = (name: string) => metricValue(server.adminAddress, name);

    recorder.stream.pause();
    await seed(ctx.db.url, { services: 3_000, regions: [REGION], seed: 2 }); // far more than 64 KiB of deltas
    await eventually(async () => (await metric('switchyard_cache_streams_resynced_total')) >= 1, 'a backlog resync');
    recorder.stream.resume();
    await untilMatchesDatabase(recorder, ctx.db.url, 'the resynced subscriber to be up to date');
    expect(recorder.snapshots).toBe(1); // brought up to date with deltas from state, not a snapshot

    recorder.stream.pause();
    await seed(ctx.db.url, { services: 3_000, regions: [REGION], seed: 3 });
    await seed(ctx.db.url, { services: 3_000, regions: [REGION], seed: 4 });
    await eventually(async () => (await metric('switchyard_cache_streams_dropped_total')) === 1, 'the stream dropped');
    recorder.stream.resume();
    const error = await failure(recorder);
    expect(error?.code).toBe(status.RESOURCE_EXHAUSTED);
    expect(error?.details).toMatch(/fell more than 65536 bytes behind/);
    expect(await metric('switchyard_cache_subscribers')).toBe(0);
  });

  it('enforces the bearer token over TLS', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cache-tls-'));
    const cert = join(dir, 'cert.pem');
    const key = join(dir, 'key.pem');
    const tokenFile = join(dir, 'token');
    const subject = ['-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1'];
    const keyType = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
    execFileSync('openssl', ['req', '-x509', ...keyType, '-days', '1', ...subject, '-keyout', key, '-out', cert], {
      stdio: 'ignore',
    });
    writeFileSync(tokenFile, 's3cret-token\n');
    const server = await ctx.cache({ tlsCert: cert, tlsKey: key, tokenFile });
    const creds = () => credentials.createSsl(readFileSync(cert));

    const missing = await failure(watch(server.grpcAddress, { creds: creds() }));
    expect(missing?.code).toBe(status.UNAUTHENTICATED);
    const wrong = await failure(watch(server.grpcAddress, { creds: creds(), metadata: bearer('s3cret-tokem') }));
    expect(wrong?.code).toBe(status.UNAUTHENTICATED);
    const unary = cacheClient(server.grpcAddress, creds(), { 'grpc.ssl_target_name_override': 'localhost' });
    await expect(getServices(unary, [])).rejects.toMatchObject({
      code: status.UNAUTHENTICATED,
    });

    const ok = watch(server.grpcAddress, { creds: creds(), metadata: bearer('s3cret-token') });
    await ok.until((r) => r.snapshots === 1, 'the snapshot over TLS');
    expect(ok.table.size).toBeGreaterThan(0);

    const plaintext = await failure(watch(server.grpcAddress, { metadata: bearer('s3cret-token') }));
    expect(plaintext?.code).toBe(status.UNAVAILABLE);
  });

  it('is not ready and refuses Watch until the initial load is done', async () => {
    const unreachable = 'postgres://postgres:postgres@127.0.0.1:1/none';
    const server = await startTestCache(unreachable, {}, { waitReady: false });
    ctx.cleanups.push(() => server.close());
    expect((await fetch(`http://${server.adminAddress}/healthz`)).status).toBe(200);
    expect((await fetch(`http://${server.adminAddress}/readyz`)).status).toBe(503);
    const error = await failure(watch(server.grpcAddress));
    expect(error?.code).toBe(status.UNAVAILABLE);
    expect(error?.details).toMatch(/initial load/);
    expect(await metricValue(server.adminAddress, 'switchyard_cache_database_connected')).toBe(0);
  });

  it('holds one connection pair to the database however many clients watch', async () => {
    const server = await ctx.cache();
    const count = async () => {
      const client = new pg.Client({ connectionString: ctx.db.url });
      await client.connect();
      try {
        const { rows } = await client.query<{ n: string }>(
          `SELECT count(*)::text AS n FROM pg_stat_activity
           WHERE datname = current_database() AND application_name LIKE 'switchyard-cache%'`,
        );
        return Number(rows[0]?.n);
      } finally {
        await client.end();
      }
    };
    const recorders = Array.from({ length: 10 }, () => watch(server.grpcAddress));
    for (const r of recorders) await r.until((x) => x.snapshots === 1, 'a snapshot');
    expect(await count()).toBe(2);
    expect(await metricValue(server.adminAddress, 'switchyard_cache_subscribers')).toBe(10);
  });

  it('exposes readiness, metrics and state on the admin port', async () => {
    const server = await ctx.cache();
    expect(server.grpcAddress).toMatch(/^127\.0\.0\.1:[1-9]\d*$/);
    expect((await fetch(`http://${server.adminAddress}/readyz`)).status).toBe(200);
    const state = (await (await fetch(`http://${server.adminAddress}/debug/state`)).json()) as Record<string, unknown>;
    expect(state).toMatchObject({
      region: REGION,
      loaded: true,
      build: { version: buildInfo().version, node: process.versions.node },
    });
    expect(state.records).toBeGreaterThan(0);
    const metrics = await (await fetch(`http://${server.adminAddress}/metrics`)).text();
    for (const name of [
      'switchyard_cache_version',
      'switchyard_cache_lag_seconds',
      'switchyard_cache_changes_applied_total',
      'switchyard_cache_fetch_duration_seconds',
      'switchyard_cache_database_connected',
      'switchyard_cache_snapshot_duration_seconds',
      'switchyard_cache_streams_resynced_total',
      'process_resident_memory_bytes',
      `switchyard_build_info{component="cache",version="${buildInfo().version}"`,
    ]) {
      expect(metrics).toContain(name);
    }
  });
});

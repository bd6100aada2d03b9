import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CacheServer, startCacheServer, withDefaults } from '@switchyard/cache-server';
import { createTestDatabase, type TestDatabase } from '@switchyard/service-db/testing';
import { silentLogger } from '@switchyard/telemetry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ActivatorConfig, withActivatorDefaults } from '../src/config.ts';
import { ActivatorConfigError } from '../src/errors.ts';
import { type Activator, startActivator } from '../src/main.ts';
import { until } from './support/stack.ts';

// A cache that requires TLS and a bearer token, as a deployment with cache.token_file has it.
let database: TestDatabase;
let cache: CacheServer;
let dir: string;
const started: Activator[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'activator-cache-auth-'));
  const subject = ['-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1'];
  const keyType = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      ...keyType,
      '-days',
      '1',
      ...subject,
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
  await writeFile(join(dir, 'token'), 'activator-s3cret\n');
  await writeFile(join(dir, 'wrong-token'), 'not-the-token\n');
  database = await createTestDatabase();
  cache = await startCacheServer(
    withDefaults({
      databaseUrl: database.url,
      region: 'eu',
      listen: '127.0.0.1:0',
      admin: '127.0.0.1:0',
      tlsCert: join(dir, 'cert.pem'),
      tlsKey: join(dir, 'key.pem'),
      tokenFile: join(dir, 'token'),
    }),
    { logger: silentLogger() },
  );
  await cache.ready;
});
afterAll(async () => {
  for (const activator of started) await activator.close().catch(() => {});
  await cache?.close();
  await database?.drop();
  await rm(dir, { recursive: true, force: true });
});

async function activator(config: Partial<ActivatorConfig>): Promise<Activator> {
  const a = await startActivator(
    withActivatorDefaults({
      caches: [cache.grpcAddress],
      region: 'eu',
      listen: '127.0.0.1:0',
      admin: '127.0.0.1:0',
      drainTimeoutMs: 1_000,
      ...config,
    }),
    { logger: silentLogger() },
  );
  started.push(a);
  return a;
}

describe('an activator following a cache that requires TLS and a token', () => {
  it('syncs with --cache-token-file and --cache-tls-ca', async () => {
    const a = await activator({ cacheTokenFile: join(dir, 'token'), cacheTlsCa: join(dir, 'cert.pem') });
    await a.ready;
    expect(a.sync()).toMatchObject({ connected: true, cache: cache.grpcAddress });
    expect((await fetch(`http://${a.adminAddress}/readyz`)).status).toBe(200);
  });

  it('is refused with the wrong token, and cannot connect without the CA', async () => {
    const wrongToken = await activator({ cacheTokenFile: join(dir, 'wrong-token'), cacheTlsCa: join(dir, 'cert.pem') });
    const noCa = await activator({ cacheTokenFile: join(dir, 'token') });
    await until(
      () => [wrongToken, noCa].every((a) => a.sync().reconnects >= 2),
      'both activators to fail to sync repeatedly',
    );
    for (const a of [wrongToken, noCa]) {
      expect(a.sync().synced).toBe(false);
      expect((await fetch(`http://${a.adminAddress}/readyz`)).status).toBe(503);
    }
    // The wrong token is a refusal, said with its fix; a TLS failure is not (the cache never answered).
    const readyz = await (await fetch(`http://${wrongToken.adminAddress}/readyz`)).text();
    expect(readyz).toContain(
      `not ready: cache refused this activator: cache ${cache.grpcAddress} refused our bearer token`,
    );
    expect(readyz).toContain('fix: make --cache-token-file hold');
    expect(wrongToken.sync().refusal).toMatchObject({ kind: 'token' });
    const metrics = await (await fetch(`http://${wrongToken.adminAddress}/metrics`)).text();
    expect(metrics).toMatch(/^switchyard_activator_cache_refused\{kind="token"[^}]*\} 1$/m);
    expect(noCa.sync().refusal).toBeNull();
  });

  it('is refused for its region, and says which region the cache serves', async () => {
    const elsewhere = await activator({
      region: 'us',
      cacheTokenFile: join(dir, 'token'),
      cacheTlsCa: join(dir, 'cert.pem'),
    });
    await until(() => elsewhere.sync().refusal !== null, 'the region refusal');
    const readyz = await fetch(`http://${elsewhere.adminAddress}/readyz`);
    expect(readyz.status).toBe(503);
    expect(await readyz.text()).toContain(
      `cache ${cache.grpcAddress} serves region "eu", not region "us" that this process asks for; ` +
        'fix: set --region eu (SWITCHYARD_REGION)',
    );
  });

  it('refuses to start with an unreadable token file, naming the flag', async () => {
    await expect(activator({ cacheTokenFile: join(dir, 'absent') })).rejects.toThrow(ActivatorConfigError);
    await expect(activator({ cacheTokenFile: join(dir, 'absent') })).rejects.toThrow(/--cache-token-file/);
  });
});

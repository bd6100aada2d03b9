import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CACHE_STALL_TIMEOUT_MS, cacheClientFlags, cacheClientHelp, readCacheClientSecrets } from './cache-client.ts';
import { ConfigError, parseFlags } from './flags.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cache-client-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('cache client flags', () => {
  it('take flags over SWITCHYARD_CACHE_TOKEN_FILE, SWITCHYARD_CACHE_TLS_CA and SWITCHYARD_CACHE_STALL_TIMEOUT', () => {
    const env = {
      SWITCHYARD_CACHE_TOKEN_FILE: '/env/token',
      SWITCHYARD_CACHE_TLS_CA: '/env/ca.pem',
      SWITCHYARD_CACHE_STALL_TIMEOUT: '5s',
    };
    expect(parseFlags([], env, cacheClientFlags)).toEqual({
      'cache-token-file': '/env/token',
      'cache-tls-ca': '/env/ca.pem',
      'cache-stall-timeout': 5_000,
    });
    expect(parseFlags(['--cache-tls-ca', '/flag/ca.pem'], env, cacheClientFlags)['cache-tls-ca']).toBe('/flag/ca.pem');
    expect(parseFlags([], {}, cacheClientFlags)['cache-stall-timeout']).toBe(CACHE_STALL_TIMEOUT_MS);
    for (const name of Object.keys(cacheClientFlags)) expect(cacheClientHelp).toContain(`--${name}`);
  });

  it('read the token trimmed and the CA as bytes', async () => {
    await writeFile(join(dir, 'token'), '  s3cret\n');
    await writeFile(join(dir, 'ca.pem'), '-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----\n');
    const secrets = await readCacheClientSecrets({
      cacheTokenFile: join(dir, 'token'),
      cacheTlsCa: join(dir, 'ca.pem'),
    });
    expect(secrets.token).toBe('s3cret');
    expect(secrets.tlsCa?.toString()).toContain('BEGIN CERTIFICATE');
    expect(await readCacheClientSecrets({})).toEqual({});
  });

  it('name the flag of a missing or empty file', async () => {
    await writeFile(join(dir, 'empty'), '\n');
    await expect(readCacheClientSecrets({ cacheTokenFile: join(dir, 'empty') })).rejects.toThrow(
      /--cache-token-file ".*empty" is empty/,
    );
    await expect(readCacheClientSecrets({ cacheTlsCa: join(dir, 'absent.pem') })).rejects.toThrow(ConfigError);
    await expect(readCacheClientSecrets({ cacheTlsCa: join(dir, 'absent.pem') })).rejects.toThrow(
      /cannot read --cache-tls-ca/,
    );
  });
});

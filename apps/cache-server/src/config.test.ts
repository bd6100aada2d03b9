import { describe, expect, it } from 'vitest';
import { CACHE_DEFAULTS, cacheHelp, parseCacheConfig } from './config.ts';
import { CacheConfigError } from './errors.ts';

const base = ['--database-url', 'postgres://db/x', '--region', 'eu-west'];

describe('parseCacheConfig', () => {
  it('applies defaults that bind to loopback', () => {
    const config = parseCacheConfig(base, {});
    expect(config).toMatchObject({
      databaseUrl: 'postgres://db/x',
      region: 'eu-west',
      listen: '127.0.0.1:50051',
      admin: '127.0.0.1:9091',
      pollIntervalMs: CACHE_DEFAULTS.pollIntervalMs,
    });
    expect(config.tlsCert).toBeUndefined();
  });

  it('reads SWITCHYARD_* variables, and flags win over them', () => {
    const env = {
      SWITCHYARD_DATABASE_URL: 'postgres://env/db',
      SWITCHYARD_REGION: 'us',
      SWITCHYARD_CACHE_LISTEN: '0.0.0.0:6000',
      SWITCHYARD_CACHE_TOKEN_FILE: '/run/token',
      SWITCHYARD_CACHE_POLL_INTERVAL: '500ms',
    };
    const fromEnv = parseCacheConfig([], env);
    expect(fromEnv).toMatchObject({ databaseUrl: 'postgres://env/db', region: 'us', listen: '0.0.0.0:6000' });
    expect(fromEnv.tokenFile).toBe('/run/token');
    expect(fromEnv.pollIntervalMs).toBe(500);
    expect(parseCacheConfig(['--region', 'eu', '--listen', '127.0.0.1:0'], env)).toMatchObject({
      region: 'eu',
      listen: '127.0.0.1:0',
    });
  });

  it('parses durations and sizes', () => {
    const config = parseCacheConfig(
      [...base, '--tombstone-horizon', '2h', '--heartbeat-interval', '1.5s', '--backlog-bytes', '1024'],
      { SWITCHYARD_CACHE_DB_TIMEOUT: '20s', SWITCHYARD_CACHE_DB_LIVENESS_INTERVAL: '500ms' },
    );
    expect(config.databaseTimeoutMs).toBe(20_000);
    expect(config.livenessIntervalMs).toBe(500);
    expect(config.tombstoneHorizonMs).toBe(7_200_000);
    expect(config.heartbeatIntervalMs).toBe(1_500);
    expect(config.backlogBytes).toBe(1024);
  });

  it('serves region "local" without --region, the default of routers, activators and dev too', () => {
    expect(parseCacheConfig(['--database-url', 'postgres://x'], {}).region).toBe('local');
  });

  it.each([
    [['--region', 'eu'], /missing --database-url/],
    [[...base, '--listen', 'nowhere'], /--listen \(SWITCHYARD_CACHE_LISTEN\) must be HOST:PORT/],
    [[...base, '--admin', '127.0.0.1:99999'], /--admin \(SWITCHYARD_CACHE_ADMIN\) port must be 0-65535/],
    [[...base, '--tls-cert', 'c.pem'], /TLS needs both --tls-cert and --tls-key/],
    [
      [...base, '--poll-interval', '5'],
      /--poll-interval \(SWITCHYARD_CACHE_POLL_INTERVAL\) must be a positive duration/,
    ],
    [[...base, '--batch-size', '0'], /--batch-size \(SWITCHYARD_CACHE_BATCH_SIZE\) must be a positive integer/],
    [[...base, '--bogus'], /Unknown option '--bogus'/],
    [['--database-url', 'x', '--region', 'EU West'], /--region must be a lower-case name/],
  ])('rejects %j with a clear CacheConfigError', (argv, message) => {
    expect(() => parseCacheConfig(argv, {})).toThrow(CacheConfigError);
    expect(() => parseCacheConfig(argv, {})).toThrow(message);
  });

  it('documents every flag in the help text', () => {
    for (const flag of [
      '--database-url',
      '--listen',
      '--admin',
      '--region',
      '--tls-cert',
      '--tls-key',
      '--token-file',
      '--db-timeout',
      '--db-liveness-interval',
    ]) {
      expect(cacheHelp).toContain(flag);
    }
  });
});

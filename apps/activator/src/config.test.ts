import { describe, expect, it } from 'vitest';
import { ACTIVATOR_DEFAULTS, activatorHelp, parseActivatorConfig } from './config.ts';
import { ActivatorConfigError } from './errors.ts';

describe('activator flags', () => {
  it('applies defaults: loopback addresses, process scaler, 15 min idle, 1000 queued, 60 s wake', () => {
    expect(parseActivatorConfig(['--caches', '127.0.0.1:50051'], {})).toEqual({
      ...ACTIVATOR_DEFAULTS,
      caches: ['127.0.0.1:50051'],
      peers: [],
    });
    expect(
      parseActivatorConfig(['--caches', 'c:1', '--peers', '10.0.0.1:8180,10.0.0.2:8180'], {
        SWITCHYARD_ACTIVATOR_STATE_DIR: '/var/lib/switchyard/activator',
      }),
    ).toMatchObject({ peers: ['10.0.0.1:8180', '10.0.0.2:8180'], stateDir: '/var/lib/switchyard/activator' });
    expect(() => parseActivatorConfig(['--caches', 'c:1', '--peers', 'nohost'], {})).toThrow('--peers');
    expect(ACTIVATOR_DEFAULTS).toMatchObject({
      listen: '127.0.0.1:8180',
      scaler: 'process',
      idleTimeoutMs: 900_000,
      queueLimit: 1000,
      wakeTimeoutMs: 60_000,
    });
  });

  it('reads flags, with SWITCHYARD_* variables as fallbacks', () => {
    const config = parseActivatorConfig(
      ['--caches', 'a:1,b:2', '--idle-timeout', '2s', '--queue-limit', '5', '--scaler', 'http'],
      { SWITCHYARD_ACTIVATOR_ORCHESTRATOR: 'http://orch:8000', SWITCHYARD_ACTIVATOR_WAKE_TIMEOUT: '10s' },
    );
    expect(config).toMatchObject({
      caches: ['a:1', 'b:2'],
      idleTimeoutMs: 2000,
      queueLimit: 5,
      scaler: 'http',
      orchestrator: 'http://orch:8000',
      wakeTimeoutMs: 10_000,
    });
  });

  it('takes the cache token and TLS CA the way the router does', () => {
    const env = { SWITCHYARD_CACHE_TOKEN_FILE: '/etc/switchyard/cache-token', SWITCHYARD_CACHE_TLS_CA: '/env/ca.pem' };
    expect(parseActivatorConfig(['--caches', 'a:1', '--cache-tls-ca', '/flag/ca.pem'], env)).toMatchObject({
      cacheTokenFile: '/etc/switchyard/cache-token',
      cacheTlsCa: '/flag/ca.pem',
    });
    expect(activatorHelp).toContain('--cache-token-file FILE');
    expect(activatorHelp).toContain('SWITCHYARD_CACHE_TLS_CA');
  });

  it.each([
    [[], /--caches/],
    [['--caches', 'x'], /HOST:PORT/],
    [['--caches', 'a:0'], /need a port/],
    [['--caches', 'a:1', '--scaler', 'docker'], /--scaler must be process or http/],
    [['--caches', 'a:1', '--scaler', 'http'], /needs --orchestrator/],
    [['--caches', 'a:1', '--scaler', 'http', '--orchestrator', 'ftp://x'], /http\(s\) URL/],
    [['--caches', 'a:1', '--queue-limit', '0'], /--queue-limit/],
    [['--caches', 'a:1', '--idle-timeout', 'soon'], /--idle-timeout/],
    [['--caches', 'a:1', '--region', 'EU'], /--region/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseActivatorConfig(argv, {})).toThrow(ActivatorConfigError);
    expect(() => parseActivatorConfig(argv, {})).toThrow(message);
  });
});

import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { parseRouterConfig } from './config.ts';
import { RouterConfigError } from './errors.ts';

describe('parseRouterConfig', () => {
  it('applies the defaults', () => {
    expect(parseRouterConfig(['--caches', 'a:1,b:2'], {})).toMatchObject({
      caches: ['a:1', 'b:2'],
      listen: '127.0.0.1:8080',
      admin: '127.0.0.1:9090',
      workers: availableParallelism(),
      region: 'local',
      warmStartAfterMs: 3000,
      maxConnections: 10_000,
    });
  });

  it('takes flags over SWITCHYARD_* variables', () => {
    const config = parseRouterConfig(['--workers', '3', '--listen', '0.0.0.0:80'], {
      SWITCHYARD_CACHES: 'c:9',
      SWITCHYARD_ROUTER_WORKERS: '5',
      SWITCHYARD_ROUTER_STATE_DIR: '/var/lib/router',
      SWITCHYARD_ACTIVATOR: '10.0.0.5:7000',
      SWITCHYARD_REGION: 'eu-west',
      SWITCHYARD_ROUTER_DRAIN_TIMEOUT: '2s',
      SWITCHYARD_ROUTER_MAX_CONNECTIONS: '500',
    });
    expect(config).toMatchObject({
      caches: ['c:9'],
      workers: 3,
      listen: '0.0.0.0:80',
      stateDir: '/var/lib/router',
      activator: '10.0.0.5:7000',
      region: 'eu-west',
      drainTimeoutMs: 2000,
      maxConnections: 500,
    });
  });

  it('names the flag in every error', () => {
    const bad: [string[], string][] = [
      [[], '--caches'],
      [['--caches', 'nohost'], '--caches'],
      [['--caches', 'a:1', '--workers', '0'], '--workers'],
      [['--caches', 'a:1', '--listen', 'x'], '--listen'],
      [['--caches', 'a:1', '--region', 'EU'], '--region'],
      [['--caches', 'a:1', '--drain-timeout', '5'], '--drain-timeout'],
      [['--caches', 'a:1', '--max-connections', '0'], '--max-connections'],
      [['--caches', 'a:1', '--bogus'], 'bogus'],
    ];
    for (const [argv, flag] of bad) {
      expect(() => parseRouterConfig(argv, {})).toThrow(RouterConfigError);
      expect(() => parseRouterConfig(argv, {})).toThrow(flag);
    }
  });
});

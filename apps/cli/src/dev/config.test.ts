import { describe, expect, it } from 'vitest';
import { UsageError } from '../errors.ts';
import { parseDevConfig, plannedPorts } from './config.ts';

describe('parseDevConfig', () => {
  it('derives every address from a few base ports', () => {
    const config = parseDevConfig([], {}, '/repo');
    expect(config).toMatchObject({
      dataDir: '/repo/.switchyard',
      fresh: false,
      routerListen: '127.0.0.1:8080',
      routerListenTls: '127.0.0.1:8443',
      routerAdmin: '127.0.0.1:9090',
      caches: [
        { name: 'cache-a', listen: '127.0.0.1:50051', admin: '127.0.0.1:9091' },
        { name: 'cache-b', listen: '127.0.0.1:50052', admin: '127.0.0.1:9092' },
      ],
      postgresPort: 54329,
      demoPorts: [3001, 3002],
      activatorListen: '127.0.0.1:8180',
      activatorAdmin: '127.0.0.1:9093',
      idleTimeout: '60s',
      staticStoreDir: '/repo/.switchyard/static',
    });
    const moved = parseDevConfig(
      [
        '--listen',
        '127.0.0.1:18080',
        '--admin-base-port',
        '19000',
        '--fresh',
        '--data-dir',
        '/tmp/x',
        '--activator-port',
        '18180',
        '--idle-timeout',
        '2m',
      ],
      { SWITCHYARD_DEV_POSTGRES_PORT: '15432' },
      '/repo',
    );
    expect(moved).toMatchObject({
      dataDir: '/tmp/x',
      fresh: true,
      routerListen: '127.0.0.1:18080',
      routerAdmin: '127.0.0.1:19000',
      postgresPort: 15432,
      activatorListen: '127.0.0.1:18180',
      activatorAdmin: '127.0.0.1:19003',
      idleTimeout: '120000ms',
      staticStoreDir: '/tmp/x/static',
    });
    expect(moved.caches.map((c) => c.admin)).toEqual(['127.0.0.1:19001', '127.0.0.1:19002']);
  });

  it('names the flag of every planned port', () => {
    const ports = plannedPorts(parseDevConfig([], {}, '/repo'));
    expect(ports.find((p) => p.port === 8080)?.flag).toBe('--listen');
    expect(ports.find((p) => p.port === 8443)?.flag).toBe('--listen-tls');
    expect(ports.find((p) => p.port === 9092)?.flag).toBe('--admin-base-port');
    expect(ports.find((p) => p.port === 50052)?.flag).toBe('--cache-base-port');
    expect(ports.find((p) => p.port === 54329)?.flag).toBe('--postgres-port');
    expect(ports.find((p) => p.port === 3002)?.flag).toBe('--demo-base-port');
    expect(ports.find((p) => p.port === 8180)?.flag).toBe('--activator-port');
    expect(ports.find((p) => p.port === 9093)?.flag).toBe('--admin-base-port');
    expect(ports).toHaveLength(12);
  });

  it('rejects bad values with the flag named', () => {
    expect(() => parseDevConfig(['--listen', '127.0.0.1:0'], {}, '/')).toThrow('--listen needs a fixed port');
    expect(() => parseDevConfig(['--listen-tls', '127.0.0.1:0'], {}, '/')).toThrow('--listen-tls needs a fixed port');
    expect(() => parseDevConfig(['--admin-base-port', '65535'], {}, '/')).toThrow('--admin-base-port 65535');
    expect(() => parseDevConfig(['--workers', '0'], {}, '/')).toThrow(UsageError);
    expect(() => parseDevConfig(['--colour'], {}, '/')).toThrow(UsageError);
  });
});

import { describe, expect, it } from 'vitest';
import { parseRouterConfig, proxyDenyPorts } from './config.ts';
import { RouterConfigError } from './errors.ts';

describe('static-site flags', () => {
  it('default to no store, a 64 MiB cache of objects up to 256 KiB, max-age 60', () => {
    const config = parseRouterConfig(['--caches', 'a:1'], {});
    expect(config.staticStore).toBeUndefined();
    expect(config).toMatchObject({
      staticCacheBytes: 64 * 1024 * 1024,
      staticCacheObjectBytes: 256 * 1024,
      staticAssetMaxAgeSeconds: 60,
      staticProxyRewrites: true,
    });
    expect(parseRouterConfig(['--caches', 'a:1', '--static-proxy-rewrites', 'off'], {}).staticProxyRewrites).toBe(
      false,
    );
  });

  it('refuse inside addresses and platform ports to proxy rewrites unless the operator allows them', () => {
    const defaults = parseRouterConfig(['--caches', 'a:1'], {});
    expect(defaults.staticProxyAllow).toEqual([]);
    expect(defaults.staticProxyDenyPorts).toEqual([5432, 8081, 9090, 9091, 9092, 9093, 50051]);
    const config = parseRouterConfig(
      [
        '--caches',
        'a:1',
        '--static-proxy-allow',
        '10.0.0.0/8,[fd00::1]:443',
        '--static-proxy-deny-ports',
        '22,9000-9002',
      ],
      {},
    );
    expect(config.staticProxyAllow).toEqual(['10.0.0.0/8', '[fd00::1]:443']);
    expect(config.staticProxyDenyPorts).toEqual([22, 9000, 9001, 9002]);
    const fromEnv = parseRouterConfig(['--caches', 'a:1'], {
      SWITCHYARD_ROUTER_STATIC_PROXY_ALLOW: '127.0.0.1:3000',
      SWITCHYARD_ROUTER_STATIC_PROXY_DENY_PORTS: 'none',
    });
    expect(fromEnv).toMatchObject({ staticProxyAllow: ['127.0.0.1:3000'], staticProxyDenyPorts: [] });
    expect(() => parseRouterConfig(['--caches', 'a:1', '--static-proxy-allow', 'localhost'], {})).toThrow(
      /--static-proxy-allow: allow entry "localhost"/,
    );
    expect(() => parseRouterConfig(['--caches', 'a:1', '--static-proxy-deny-ports', '9093-9090'], {})).toThrow(
      RouterConfigError,
    );
  });

  it("always add the router's own fixed admin port to the denied ports", () => {
    const config = parseRouterConfig(
      ['--caches', 'a:1', '--admin', '0.0.0.0:7000', '--static-proxy-deny-ports', 'none'],
      {},
    );
    expect(proxyDenyPorts(config)).toEqual([7000]);
    expect(proxyDenyPorts(parseRouterConfig(['--caches', 'a:1'], {}))).toEqual([
      5432, 8081, 9090, 9091, 9092, 9093, 50051,
    ]);
    expect(proxyDenyPorts(parseRouterConfig(['--caches', 'a:1', '--admin', '127.0.0.1:0'], {}))).not.toContain(0);
  });

  it('read flags and SWITCHYARD_* variables, sizes with units', () => {
    const config = parseRouterConfig(['--caches', 'a:1', '--static-cache-size', '16MiB'], {
      SWITCHYARD_STATIC_STORE: 'file:///srv/sites',
      SWITCHYARD_ROUTER_STATIC_CACHE_SIZE: '1GiB',
      SWITCHYARD_ROUTER_STATIC_CACHE_OBJECT_SIZE: '64KiB',
      SWITCHYARD_ROUTER_STATIC_MAX_AGE: '0',
    });
    expect(config).toMatchObject({
      staticStore: 'file:///srv/sites',
      staticCacheBytes: 16 * 1024 * 1024,
      staticCacheObjectBytes: 64 * 1024,
      staticAssetMaxAgeSeconds: 0,
    });
    expect(parseRouterConfig(['--caches', 'a:1', '--static-cache-size', '0'], {}).staticCacheBytes).toBe(0);
  });

  it.each([
    [['--static-cache-size', '12 parsecs'], '--static-cache-size'],
    [['--static-cache-size', '-1'], '--static-cache-size'],
    [['--static-max-age', '1.5'], '--static-max-age'],
    [['--static-store', 'ftp://x/y'], '--static-store'],
    [['--static-store', 's3://'], '--static-store'],
    [['--static-proxy-rewrites', 'maybe'], '--static-proxy-rewrites'],
  ])('refuse %j naming %s', (flags, name) => {
    expect(() => parseRouterConfig(['--caches', 'a:1', ...flags], {})).toThrow(RouterConfigError);
    expect(() => parseRouterConfig(['--caches', 'a:1', ...flags], {})).toThrow(name);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { ServingOptionsError } from './errors.ts';
import { UpstreamPools } from './upstream-pools.ts';

describe('UpstreamPools', () => {
  const opened: UpstreamPools[] = [];
  afterEach(async () => {
    for (const pools of opened.splice(0)) await pools.close();
  });
  function pools(options: ConstructorParameters<typeof UpstreamPools>[0]): UpstreamPools {
    const p = new UpstreamPools(options);
    opened.push(p);
    return p;
  }

  it('keeps one pool per origin', () => {
    const p = pools({});
    const a = p.get({ host: '127.0.0.1', port: 1 });
    expect(p.get({ host: '127.0.0.1', port: 1 })).toBe(a);
    expect(p.get({ host: '127.0.0.1', port: 2 })).not.toBe(a);
    expect(p.get({ host: '::1', port: 1 })).not.toBe(a);
    expect(p.size).toBe(3);
  });

  it('closes the oldest pool beyond maxPools', () => {
    const p = pools({ maxPools: 2 });
    const first = p.get({ host: '127.0.0.1', port: 1 });
    p.get({ host: '127.0.0.1', port: 2 });
    p.get({ host: '127.0.0.1', port: 3 });
    expect(p.size).toBe(2);
    expect(first.closed).toBe(true);
    expect(p.get({ host: '127.0.0.1', port: 1 })).not.toBe(first);
  });

  it('closes pools nobody used for a sweep period', async () => {
    const p = pools({ idlePoolCloseMs: 20 });
    const pool = p.get({ host: '127.0.0.1', port: 1 });
    await expect.poll(() => p.size).toBe(0);
    expect(pool.closed).toBe(true);
  });

  it('refuses nonsensical options', () => {
    expect(() => new UpstreamPools({ keepAliveTimeoutMs: 0 })).toThrow(ServingOptionsError);
    expect(() => new UpstreamPools({ maxPools: Number.NaN })).toThrow(ServingOptionsError);
  });
});

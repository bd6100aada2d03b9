import { describe, expect, it } from 'vitest';
import { formatExplanation, splitUrl } from './route.ts';

describe('splitUrl', () => {
  it('gives the host (no port) and the path with its query, http:// assumed', () => {
    expect(splitUrl('http://Api.Shop.test:8080/a/b?c=1')).toEqual({ host: 'api.shop.test', path: '/a/b?c=1' });
    expect(splitUrl('shop.test')).toEqual({ host: 'shop.test', path: '/' });
    expect(splitUrl('https://[::1]:8443/x')).toEqual({ host: '::1', path: '/x' });
  });

  it('refuses what is not a URL', () => {
    expect(() => splitUrl('http://')).toThrow(/not a URL|no hostname/);
  });
});

describe('formatExplanation', () => {
  it('prints fields the router adds later (a static rule, an object key) without knowing them', () => {
    const text = formatExplanation(
      {
        host: 'docs.test',
        path: '/old',
        match: 'exact',
        decision: 'static',
        why: 'static site',
        record: {
          serviceId: 'id-1',
          kind: 'static',
          plan: 'free',
          state: 'active',
          instances: [],
          activeBuildId: 'b7',
        },
        rule: { source: '/old', destination: '/new', status: 301 },
        static: { buildId: 'b7', answer: { status: 301, location: '/new' }, steps: [] },
        objectKey: 'sites/id-1/b7/new/index.html',
        tableVersion: 9,
      },
      { url: 'docs.test/old', routerAdmin: '127.0.0.1:9090' },
    );
    expect(text).toMatch(/build:\s+b7/);
    expect(text).not.toContain('instances:');
    expect(text).toMatch(/^ {2}rule:\n {4}source:\s+\/old\n {4}destination:\s+\/new\n {4}status:\s+301$/m);
    expect(text).toMatch(/objectKey:\s+sites\/id-1\/b7\/new\/index\.html/);
    expect(text).toContain('table version 9');
    expect(text).toMatch(/decision:\s+static -> 301 \/new$/m);
    expect(text).toMatch(/^ {4}answer:\n {6}status:\s+301\n {6}location:\s+\/new$/m);
    expect(text).toMatch(/steps:\s+\(none\)/);
  });
});

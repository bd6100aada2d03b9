import { Metadata, status } from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import { CACHE_REGION_METADATA, type CacheRefusal, classifyRefusal, refusalReporter } from './cache-refusal.ts';

const context = { cache: '10.0.0.5:50051', region: 'eu', tokenSent: true, nowMs: 1_000 };

describe('classifyRefusal', () => {
  it('a refused token names the token file and the rotation', () => {
    const refusal = classifyRefusal({ code: status.UNAUTHENTICATED, details: 'wrong token' }, context);
    expect(refusal).toMatchObject({ kind: 'token', cache: '10.0.0.5:50051', atMs: 1_000 });
    expect(refusal?.message).toBe('cache 10.0.0.5:50051 refused our bearer token (wrong token)');
    expect(refusal?.fix).toContain('--cache-token-file');
    const none = classifyRefusal({ code: status.UNAUTHENTICATED }, { ...context, tokenSent: false });
    expect(none?.message).toContain('none was sent');
  });

  it("a region refusal names the cache's region when it sends it", () => {
    const metadata = new Metadata();
    metadata.set(CACHE_REGION_METADATA, 'us');
    const refusal = classifyRefusal(
      { code: status.INVALID_ARGUMENT, details: 'WatchRequest.region "eu" is not served here', metadata },
      context,
    );
    expect(refusal).toMatchObject({
      kind: 'region',
      message: 'cache 10.0.0.5:50051 serves region "us", not region "eu" that this process asks for',
      fix: 'set --region us (SWITCHYARD_REGION), or point --caches at region "eu"\'s caches',
    });
    const unnamed = classifyRefusal({ code: status.INVALID_ARGUMENT, details: 'region mismatch' }, context);
    expect(unnamed?.message).toContain('serves another region');
  });

  it('a server without the Watch method is another protocol', () => {
    expect(classifyRefusal({ code: status.UNIMPLEMENTED }, context)).toMatchObject({
      kind: 'protocol',
      message: expect.stringContaining('does not implement switchyard.routing.v1.RouteCache/Watch'),
    });
  });

  it.each([status.UNAVAILABLE, status.CANCELLED, status.DEADLINE_EXCEEDED, status.INTERNAL, undefined])(
    'code %s is an ordinary failure, not a refusal',
    (code) => {
      expect(classifyRefusal({ code, details: 'x' }, context)).toBeUndefined();
    },
  );

  it('an INVALID_ARGUMENT about something else is not a region refusal', () => {
    expect(classifyRefusal({ code: status.INVALID_ARGUMENT, details: 'from_version out of range' }, context)).toBe(
      undefined,
    );
  });
});

describe('refusalReporter', () => {
  it('reports each cache and kind at once, then at most once per period', () => {
    const seen: string[] = [];
    const report = refusalReporter((r) => seen.push(`${r.cache} ${r.kind} ${r.atMs}`), 60_000);
    const at = (cache: string, kind: CacheRefusal['kind'], atMs: number): CacheRefusal => ({
      cache,
      kind,
      atMs,
      message: '',
      fix: '',
    });
    report(at('a', 'token', 0));
    report(at('a', 'token', 5_000));
    report(at('b', 'token', 5_000));
    report(at('a', 'region', 6_000));
    report(at('a', 'token', 60_000));
    expect(seen).toEqual(['a token 0', 'b token 5000', 'a region 6000', 'a token 60000']);
  });
});

import { describe, expect, it } from 'vitest';
import { ValidationError } from './errors.ts';
import { isRouterOwnedHeader, ROUTER_OWNED_HEADERS } from './router-owned-headers.ts';
import { destinationProblem, headerPatternProblem, sourcePlaceholders, sourceProblem } from './rule-grammar.ts';
import { checkHeaderRules, checkRules } from './validate.ts';

describe('redirect/rewrite source grammar', () => {
  it.each([
    '/',
    '/old',
    '/docs/',
    '/blog/:year/:slug',
    '/files/*',
    '/*',
    '/a:b/c', // a colon inside a literal segment is literal
    '/%C3%A9t%C3%A9',
  ])('accepts %s', (source) => {
    expect(sourceProblem(source)).toBeUndefined();
  });

  it.each([
    ['old', 'must start with "/"'],
    ['/a//b', 'empty segment'],
    ['/a/../b', '".." segment'],
    ['/a b', 'whitespace'],
    ['/a?x=1', '"?"'],
    ['/a#frag', '"#"'],
    ['/*/x', 'last segment'],
    ['/a*', 'whole segment'],
    ['/**', 'whole segment'],
    ['/:', 'placeholder'],
    ['/:1x', 'placeholder'],
    ['/:a-b', 'placeholder'],
    ['/:id/:id', 'defined twice'],
    ['/:splat', 'reserved'],
    [`/${'a'.repeat(2048)}`, '2048'],
  ])('refuses %s (%s)', (source, reason) => {
    expect(sourceProblem(source)).toContain(reason);
  });

  it('knows which placeholders a source defines', () => {
    expect([...sourcePlaceholders('/blog/:year/:slug/*')].sort()).toEqual(['slug', 'splat', 'year']);
    expect([...sourcePlaceholders('/plain')]).toEqual([]);
  });
});

describe('destination grammar', () => {
  it.each([
    ['/new', '/old'],
    ['/posts/:slug', '/blog/:slug'],
    ['/archive/:year/:splat', '/old/:year/*'],
    ['https://example.com/:splat', '/ext/*'],
    ['http://example.com:8080/x', '/x'], // the port is not a placeholder
    ['/search?q=:term', '/s/:term'],
  ])('accepts %s for %s', (destination, source) => {
    expect(destinationProblem(destination, source)).toBeUndefined();
  });

  it.each([
    ['', '/a', '1-2048'],
    ['new', '/a', 'absolute http(s) URL'],
    ['ftp://example.com/x', '/a', 'not http or https'],
    ['//evil.example/x', '/a', 'protocol-relative'],
    ['/posts/:slug', '/blog/:id', '":slug"'],
    ['/x/:splat', '/x/:id', 'no trailing "*"'],
    ['https://example.com/:name', '/a', '":name"'],
    ['/a b', '/a', 'whitespace'],
  ])('refuses %s for %s (%s)', (destination, source, reason) => {
    expect(destinationProblem(destination, source)).toContain(reason);
  });
});

describe('header-rule pattern grammar', () => {
  it.each(['/', '/*', '/assets/*.js', '/assets/**', '/**/index.html', '/a/*/b'])('accepts %s', (pattern) => {
    expect(headerPatternProblem(pattern)).toBeUndefined();
  });

  it.each([
    ['assets/*', 'start with "/"'],
    ['/a/***', 'whole segment'],
    ['/a**b', 'whole segment'],
    ['/a/../b', '".."'],
    ['/a?b', '"?"'],
  ])('refuses %s (%s)', (pattern, reason) => {
    expect(headerPatternProblem(pattern)).toContain(reason);
  });
});

describe('checkRules', () => {
  it('fills in status 301 and force false, keeping explicit values', () => {
    expect(
      checkRules([
        { source: '/a', destination: '/b' },
        { source: '/spa/*', destination: '/index.html', status: 200, force: true },
      ]),
    ).toEqual([
      { source: '/a', destination: '/b', status: 301, force: false },
      { source: '/spa/*', destination: '/index.html', status: 200, force: true },
    ]);
  });

  it('names the field of the first problem', () => {
    const field = (rules: unknown): string | undefined => {
      try {
        checkRules(rules);
        return undefined;
      } catch (err) {
        expect(err).toBeInstanceOf(ValidationError);
        return (err as ValidationError).field;
      }
    };
    expect(field({})).toBe('rules');
    expect(field(['x'])).toBe('rules[0]');
    expect(
      field([
        { source: '/a', destination: '/b' },
        { source: '/a/:x', destination: '/:y' },
      ]),
    ).toBe('rules[1].destination');
    expect(field([{ source: 'a', destination: '/b' }])).toBe('rules[0].source');
    expect(field([{ source: '/a', destination: '/b', force: 'yes' }])).toBe('rules[0].force');
    expect(field([{ source: '/a', destination: '/b', status: 404 }])).toBe('rules[0].status');
  });
});

describe('header rules and router-owned headers', () => {
  it.each([
    'Content-Length',
    'transfer-encoding',
    'Connection',
    'Keep-Alive',
    'Upgrade',
    'Set-Cookie',
    'Date',
    'Trailer',
    'TE',
    'Proxy-Authenticate',
    'Proxy-Anything',
    'Host',
    'Content-Range',
    'ETag',
    'Last-Modified',
    'X-Request-Id',
  ])('refuses %s with a ValidationError naming the field', (name) => {
    expect(isRouterOwnedHeader(name)).toBe(true);
    const rules = [
      { pattern: '/*', headers: [{ name: 'X-Ok', value: '1' }] },
      {
        pattern: '/a',
        headers: [
          { name: 'Cache-Control', value: 'no-cache' },
          { name, value: 'x' },
        ],
      },
    ];
    expect(() => checkHeaderRules(rules)).toThrow(ValidationError);
    expect(() => checkHeaderRules(rules)).toThrow(/headerRules\[1\]\.headers\[1\]\.name .*router sets this header/);
  });

  it.each(['Cache-Control', 'Content-Type', 'X-Frame-Options', 'Content-Security-Policy', 'Link', 'Vary'])(
    'accepts %s',
    (name) => {
      expect(isRouterOwnedHeader(name)).toBe(false);
      expect(checkHeaderRules([{ pattern: '/**', headers: [{ name, value: 'v' }] }])).toHaveLength(1);
    },
  );

  it('keeps the list lower-case', () => {
    for (const name of ROUTER_OWNED_HEADERS) expect(name).toBe(name.toLowerCase());
  });

  it('refuses a bad pattern with the field name', () => {
    expect(() => checkHeaderRules([{ pattern: '/a/***', headers: [] }])).toThrow(/headerRules\[0\]\.pattern/);
  });
});

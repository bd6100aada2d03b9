import { describe, expect, it } from 'vitest';
import { RuleError } from './errors.ts';
import { compileHeaderRule, compileRule, compileSite, withQuery } from './rules.ts';

const site = (rules: { source: string; destination: string; status?: number; force?: boolean }[]) =>
  compileSite({ rules });

describe('redirect and rewrite sources', () => {
  it.each([
    ['/old', '/old', true],
    ['/old', '/old/', true],
    ['/old', '/older', false],
    ['/old', '/old/x', false],
    ['/', '/', true],
    ['/', '/x', false],
    ['/blog/*', '/blog', true],
    ['/blog/*', '/blog/', true],
    ['/blog/*', '/blog/a/b', true],
    ['/blog/*', '/blogs', false],
    ['/u/:id', '/u/42', true],
    ['/u/:id', '/u/', false],
    ['/u/:id', '/u/42/x', false],
    ['/a.b', '/axb', false],
    ['/caf%C3%A9', '/café', true],
  ])('%s matches %s: %s', (source, path, expected) => {
    expect(site([{ source, destination: '/x' }]).match(path) !== undefined).toBe(expected);
  });

  it('fills placeholders and the splat, encoding them', () => {
    const compiled = site([
      { source: '/u/:id/posts/:post', destination: '/users/:id?post=:post' },
      { source: '/files/*', destination: 'https://cdn.example.com/v1/:splat', status: 200 },
    ]);
    expect(compiled.match('/u/4 2/posts/a&b')?.target).toBe('/users/4%202?post=a%26b');
    expect(compiled.match('/files/a b/c.png')?.target).toBe('https://cdn.example.com/v1/a%20b/c.png');
    expect(compiled.match('/files/a b/c.png')?.rule.action).toBe('proxy');
  });

  it('drops a fragment from a rewrite; takes an invalid percent-encoding in a source literally', () => {
    const compiled = site([
      { source: '/a', destination: '/b#top', status: 200 },
      { source: '/100%', destination: '/percent', status: 301 },
      { source: '/r', destination: '/b#top', status: 302 },
    ]);
    expect(compiled.match('/a')?.target).toBe('/b');
    expect(compiled.match('/100%')?.target).toBe('/percent');
    expect(compiled.match('/r')?.target).toBe('/b#top');
  });

  it('first match wins; default status 301', () => {
    const compiled = site([
      { source: '/a/*', destination: '/first' },
      { source: '/a/b', destination: '/second' },
    ]);
    expect(compiled.match('/a/b')?.target).toBe('/first');
    expect(compiled.match('/a/b')?.rule.status).toBe(301);
  });

  it.each([
    [{ source: 'old', destination: '/x' }, 'source'],
    [{ source: '/a/*/b', destination: '/x' }, 'source'],
    [{ source: '/a*', destination: '/x' }, 'source'],
    [{ source: '/:1x', destination: '/x' }, 'source'],
    [{ source: '/:a/:a', destination: '/x' }, 'source'],
    [{ source: '/a', destination: '/:b' }, 'destination'],
    [{ source: '/a', destination: '/:splat' }, 'destination'],
    [{ source: '/a', destination: 'ftp://x.example/' }, 'destination'],
    [{ source: '/a', destination: '//evil.example/' }, 'destination'],
    [{ source: '/a', destination: 'javascript:alert(1)' }, 'destination'],
    [{ source: '/:host/*', destination: 'https://:host.example.com/:splat', status: 200 }, 'destination'],
    [{ source: '/a', destination: 'https://user:pw@x.example/' }, 'destination'],
    [{ source: '/a', destination: '/x', status: 404 }, 'status'],
  ])('refuses %j (field %s)', (rule, field) => {
    try {
      site([{ source: '/ok', destination: '/fine' }, rule]);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(RuleError);
      expect((error as RuleError).index).toBe(1);
      expect((error as RuleError).field).toBe(field);
      expect((error as RuleError).message).toContain(`rules[1].${field}`);
    }
  });
});

describe('destination grammar', () => {
  const reason = (destination: string, source: string): string | undefined => {
    try {
      compileRule({ source, destination }, 0);
      return undefined;
    } catch (error) {
      expect(error).toBeInstanceOf(RuleError);
      expect((error as RuleError).field).toBe('destination');
      return (error as RuleError).reason;
    }
  };

  it.each([
    ['/new', '/old'],
    ['/posts/:slug', '/blog/:slug'],
    ['/archive/:year/:splat', '/old/:year/*'],
    ['https://example.com/:splat', '/ext/*'],
    ['http://example.com:8080/x', '/x'], // the port is not a placeholder
    ['HTTPS://Example.com/x', '/x'],
    ['/search?q=:term', '/s/:term'],
    // IPv6 literals are addresses, not placeholders (whether the router may reach them is its policy).
    ['http://[::ffff:7f00:1]/x', '/x'],
    ['http://[2001:db8::1]:8080/:splat', '/ext/*'],
    ['https://[fd00:ec2::254]/', '/x'],
  ])('accepts %s for %s', (destination, source) => {
    expect(reason(destination, source)).toBeUndefined();
  });

  it.each([
    ['', '/a', '1-2048'],
    [`/${'a'.repeat(2048)}`, '/a', '1-2048'],
    ['new', '/a', 'absolute http(s) URL'],
    ['https:example.com/x', '/a', 'absolute http(s) URL'],
    ['ftp://example.com/x', '/a', 'not http or https'],
    ['//evil.example/x', '/a', 'protocol-relative'],
    ['/posts/:slug', '/blog/:id', '":slug"'],
    ['/x/:splat', '/x/:id', 'no trailing "*"'],
    ['https://example.com/:name', '/a', '":name"'],
    ['https://user:pw@example.com/', '/a', 'credentials'],
    ['https://:host.example.com/', '/:host', 'placeholders are not allowed in the host'],
    ['http://[::1]:port/x', '/:port', 'placeholders are not allowed in the host'],
    ['http://[::1/x', '/x', 'invalid URL origin'],
    ['https:///x', '/a', 'URL'],
    ['/a b', '/a', 'whitespace'],
    ['/a\\b', '/a', '"\\"'],
  ])('refuses %s for %s (%s)', (destination, source, why) => {
    expect(reason(destination, source)).toContain(why);
  });
});

describe('header rules', () => {
  const compiled = compileSite({
    headerRules: [
      { pattern: '/**', headers: [{ name: 'X-Frame-Options', value: 'DENY' }] },
      { pattern: '/assets/*.js', headers: [{ name: 'Cache-Control', value: 'public, max-age=31536000, immutable' }] },
      { pattern: '/**/*.html', headers: [{ name: 'x-frame-options', value: 'SAMEORIGIN' }] },
      {
        pattern: '/x',
        headers: [
          { name: 'Set-Cookie', value: 'a=b' },
          { name: 'X-A', value: '1' },
        ],
      },
    ],
  });

  it('* stays within a segment, ** crosses them', () => {
    expect(compiled.headersFor('/assets/app.js')).toEqual([
      'x-frame-options',
      'DENY',
      'cache-control',
      'public, max-age=31536000, immutable',
    ]);
    expect(compiled.headersFor('/assets/deep/app.js')).toEqual(['x-frame-options', 'DENY']);
  });

  it('later rules override the same header, names case-insensitive', () => {
    expect(compiled.headersFor('/index.html')).toEqual(['x-frame-options', 'SAMEORIGIN']);
    expect(compiled.headersFor('/a/b/index.html')).toEqual(['x-frame-options', 'SAMEORIGIN']);
  });

  it('ignores router-owned headers', () => {
    expect(compiled.headersFor('/x')).toEqual(['x-frame-options', 'DENY', 'x-a', '1']);
    expect(compiled.ignoredHeaders).toEqual(['3:set-cookie']);
  });

  it('refuses bad names and values, naming the rule', () => {
    expect(() => compileSite({ headerRules: [{ pattern: '/x', headers: [{ name: 'a b', value: '1' }] }] })).toThrow(
      'headerRules[0].headers[0].name',
    );
    expect(() =>
      compileSite({ headerRules: [{ pattern: '/x', headers: [{ name: 'a', value: '1\r\nx: y' }] }] }),
    ).toThrow('headerRules[0].headers[0].value');
    expect(() => compileSite({ headerRules: [{ pattern: 'x', headers: [] }] })).toThrow('headerRules[0].pattern');
  });
});

describe('withQuery', () => {
  it.each([
    ['/a', '', '/a'],
    ['/a', 'x=1', '/a?x=1'],
    ['/a?y=2', 'x=1', '/a?y=2&x=1'],
    ['/a?x=2', 'x=1&z=3', '/a?x=2&z=3'],
    ['https://h.example/p#frag', 'q=1', 'https://h.example/p?q=1#frag'],
  ])('%s + %s → %s', (destination, query, expected) => {
    expect(withQuery(destination, query)).toBe(expected);
  });
});

describe('one header rule', () => {
  const rule = {
    pattern: '/a',
    headers: [
      { name: 'Cache-Control', value: 'no-cache' },
      { name: 'Set-Cookie', value: 'a=b' },
    ],
  };

  it('ignores a router-owned header by default, listing it', () => {
    const compiled = compileHeaderRule(rule, 4);
    expect(compiled.headers).toEqual(['cache-control', 'no-cache']);
    expect(compiled.ignored).toEqual(['set-cookie']);
  });

  it('refuses it when asked to, naming the header', () => {
    expect(() => compileHeaderRule(rule, 4, 'refuse')).toThrow(
      'headerRules[4].headers[1].name: the router sets this header itself',
    );
  });

  it('refuses control characters in values, not only CR/LF/NUL', () => {
    expect(() => compileHeaderRule({ pattern: '/', headers: [{ name: 'X', value: 'a\u0001b' }] }, 0)).toThrow(
      'headerRules[0].headers[0].value',
    );
    expect(compileHeaderRule({ pattern: '/', headers: [{ name: 'X', value: 'a\tcafé' }] }, 0).headers).toEqual([
      'x',
      'a\tcafé',
    ]);
  });
});

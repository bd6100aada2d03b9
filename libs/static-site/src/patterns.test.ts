import { describe, expect, it } from 'vitest';
import { compileHeaderPattern, compileSource } from './patterns.ts';

function sourceReason(source: string): string | undefined {
  const compiled = compileSource(source);
  return compiled.ok ? undefined : compiled.reason;
}

function patternReason(pattern: string): string | undefined {
  const compiled = compileHeaderPattern(pattern);
  return typeof compiled === 'string' ? compiled : undefined;
}

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
    expect(sourceReason(source)).toBeUndefined();
  });

  it.each([
    ['old', 'must start with "/"'],
    ['', 'must start with "/"'],
    ['/a//b', 'empty segment'],
    ['/a/../b', '".." segment'],
    ['/a/./b', '"." or'],
    ['/a b', 'whitespace'],
    ['/a\\b', '"\\"'],
    ['/a?x=1', '"?"'],
    ['/a#frag', '"#"'],
    ['/*/x', 'last segment'],
    ['/*/', 'last segment'],
    ['/a*', 'whole segment'],
    ['/**', 'whole segment'],
    ['/:', 'placeholder'],
    ['/:1x', 'placeholder'],
    ['/:a-b', 'placeholder'],
    ['/:id/:id', 'defined twice'],
    ['/:splat', 'reserved'],
    [`/${'a'.repeat(2048)}`, '2048'],
  ])('refuses %s (%s)', (source, reason) => {
    expect(sourceReason(source)).toContain(reason);
  });

  it('names the placeholders by capture group, splat last', () => {
    const compiled = compileSource('/blog/:year/:slug/*');
    expect(compiled.ok && compiled.names).toEqual(['year', 'slug', 'splat']);
    const plain = compileSource('/plain');
    expect(plain.ok && plain.names).toEqual([]);
  });
});

describe('header-rule pattern grammar', () => {
  it.each(['/', '/*', '/assets/*.js', '/assets/**', '/**/index.html', '/a/*/b'])('accepts %s', (pattern) => {
    expect(patternReason(pattern)).toBeUndefined();
  });

  it.each([
    ['assets/*', 'start with "/"'],
    ['/a/***', 'whole segment'],
    ['/a**b', 'whole segment'],
    ['/a/../b', '".."'],
    ['/a//b', 'empty segment'],
    ['/a?b', '"?"'],
    ['/a b', 'whitespace'],
  ])('refuses %s (%s)', (pattern, reason) => {
    expect(patternReason(pattern)).toContain(reason);
  });
});

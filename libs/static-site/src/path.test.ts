import { describe, expect, it } from 'vitest';
import { normalisePath, splitTarget } from './path.ts';

describe('normalisePath', () => {
  it.each([
    ['/', '/'],
    ['/a/b.html', '/a/b.html'],
    ['/docs/', '/docs/'],
    ['/a//b', '/a/b'],
    ['/a/./b', '/a/b'],
    ['/a/b/../c', '/a/c'],
    ['/a/b/..', '/a/'],
    ['/a/.', '/a/'],
    ['/caf%C3%A9.html', '/café.html'],
    ['/a%20b', '/a b'],
    ['/%2e%2e/x', undefined],
    ['/a/%2e%2e/x', '/x'],
    ['/.well-known/x', '/.well-known/x'],
  ])('%s → %s', (raw, expected) => {
    const result = normalisePath(raw);
    if (expected === undefined) expect(result.ok).toBe(false);
    else expect(result).toEqual({ ok: true, path: expected });
  });

  it.each([
    ['/../etc/passwd', '.. above'],
    ['/a/../../etc', '.. above'],
    ['/a%2Fb', 'encoded'],
    ['/a%2fb', 'encoded'],
    ['/a%5Cb', 'encoded'],
    ['/a\\b', 'backslash'],
    ['/a%00b', 'control'],
    ['/a%zz', 'percent'],
    ['/a%E0%A4%A', 'percent'],
    ['a/b', 'start with /'],
    ['/a%0d%0aSet-Cookie:x', 'control'],
  ])('refuses %s', (raw, reason) => {
    const result = normalisePath(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });
});

describe('splitTarget', () => {
  it('splits path and query', () => {
    expect(splitTarget('/a?b=1&c')).toEqual({ path: '/a', query: 'b=1&c' });
    expect(splitTarget('/a')).toEqual({ path: '/a', query: '' });
  });
});

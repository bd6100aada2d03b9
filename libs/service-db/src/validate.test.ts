import { ROUTER_OWNED_RESPONSE_HEADERS } from '@switchyard/static-site';
import { describe, expect, it } from 'vitest';
import { ValidationError } from './errors.ts';
import { checkHeaderRules, checkHostname, checkPort, checkRules, normalizeHostname } from './validate.ts';

describe('hostnames', () => {
  it('normalises case and the trailing dot', () => {
    expect(normalizeHostname('WWW.Example.COM.')).toBe('www.example.com');
    expect(checkHostname(' Api.Example.com ')).toBe('api.example.com');
  });

  it('accepts 253 characters and rejects 254', () => {
    const label = 'a'.repeat(63);
    const ok = `${label}.${label}.${label}.${'b'.repeat(61)}`;
    expect(ok).toHaveLength(253);
    expect(checkHostname(ok)).toBe(ok);
    expect(() => checkHostname(`c${ok}`)).toThrow(/longer than 253/);
  });

  it('accepts wildcards only as the whole first label', () => {
    expect(checkHostname('*.Example.com')).toBe('*.example.com');
    for (const bad of ['*', '*.', 'a.*.example.com', '**.example.com', '*a.example.com']) {
      expect(() => checkHostname(bad), bad).toThrow(ValidationError);
    }
  });

  it('names the field and the value', () => {
    try {
      checkHostname('bad_host.example.com');
      expect.unreachable();
    } catch (err) {
      expect(err).toMatchObject({ code: 'INVALID', field: 'hostname' });
      expect((err as Error).message).toContain('"bad_host.example.com"');
    }
  });
});

describe('ports and rules', () => {
  it('accepts 1-65535 only', () => {
    expect(checkPort(1)).toBe(1);
    expect(checkPort(65535)).toBe(65535);
    for (const bad of [0, 65536, 1.5, Number.NaN, '80']) expect(() => checkPort(bad)).toThrow(/port/);
  });

  it('checks every rule and names its index', () => {
    expect(checkRules([{ source: '/a', destination: '/b', status: 200 }])).toHaveLength(1);
    expect(() =>
      checkRules([
        { source: '/a', destination: '/b', status: 301 },
        { source: '/c', destination: '/d', status: 303 },
      ]),
    ).toThrow(/rules\[1\]\.status 303/);
    expect(() => checkHeaderRules([{ pattern: '/', headers: [{ name: 'X', value: 'a\r\nb' }] }])).toThrow(
      /headerRules\[0\]\.headers\[0\]\.value/,
    );
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
    expect(field([{ source: '/a' }])).toBe('rules[0].destination');
  });

  it("says why, with the router's grammar (@switchyard/static-site)", () => {
    expect(() =>
      checkRules([
        { source: '/a', destination: '/b' },
        { source: 'old', destination: '/b' },
      ]),
    ).toThrow('invalid rules[1].source "old": must start with "/"');
    expect(() => checkRules([{ source: '/blog/:id', destination: '/posts/:slug' }])).toThrow(
      'invalid rules[0].destination "/posts/:slug": uses ":slug" which the source does not define',
    );
  });

  // Accepted at write time once, then refused by the router's compiler (the site answered 500).
  it.each([
    ['https://user:pw@example.com/', 'credentials'],
    ['https:example.com/x', 'an absolute http'],
    ['https://:host.example.com/', 'placeholders are not allowed in the host'],
  ])('refuses a destination the router could not compile: %s', (destination, reason) => {
    expect(() => checkRules([{ source: '/:host', destination }])).toThrow(ValidationError);
    expect(() => checkRules([{ source: '/:host', destination }])).toThrow(
      new RegExp(`rules\\[0\\]\\.destination .*${reason}`),
    );
  });
});

describe('checkHeaderRules', () => {
  // The list itself is @switchyard/static-site's (and tested there); here: each is refused on save.
  it.each([...ROUTER_OWNED_RESPONSE_HEADERS, 'Content-Length', 'Proxy-Anything'])(
    'refuses the router-owned %s with a ValidationError naming the field',
    (name) => {
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
      expect(() => checkHeaderRules(rules)).toThrow(
        `invalid headerRules[1].headers[1].name ${JSON.stringify(name)}: the router sets this header itself`,
      );
    },
  );

  it.each(['Cache-Control', 'Content-Type', 'X-Frame-Options', 'Content-Security-Policy', 'Link', 'Vary'])(
    'accepts %s',
    (name) => {
      expect(checkHeaderRules([{ pattern: '/**', headers: [{ name, value: 'v' }] }])).toEqual([
        { pattern: '/**', headers: [{ name, value: 'v' }] },
      ]);
    },
  );

  it('names the field of a bad pattern, name or value', () => {
    expect(() => checkHeaderRules([{ pattern: '/a/***', headers: [] }])).toThrow(
      /headerRules\[0\]\.pattern "\/a\/\*\*\*"/,
    );
    expect(() => checkHeaderRules([{ pattern: '/', headers: [{ name: 'Bad Name', value: '1' }] }])).toThrow(
      /headerRules\[0\]\.headers\[0\]\.name "Bad Name"/,
    );
    // The router refuses every control character but tab, so saving does too.
    expect(() => checkHeaderRules([{ pattern: '/', headers: [{ name: 'X', value: 'a\u0001b' }] }])).toThrow(
      /headerRules\[0\]\.headers\[0\]\.value/,
    );
    expect(() => checkHeaderRules([{ pattern: '/', headers: 'X: 1' }])).toThrow(/headerRules\[0\]\.headers/);
  });
});

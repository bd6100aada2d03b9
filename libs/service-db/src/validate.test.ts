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

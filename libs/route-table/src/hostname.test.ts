import { describe, expect, it } from 'vitest';
import { normalizeHostname } from './hostname.ts';

describe('normalizeHostname', () => {
  it('lower-cases and strips a port and one trailing dot', () => {
    expect(normalizeHostname('Example.COM.')).toBe('example.com');
    expect(normalizeHostname('example.com:8080')).toBe('example.com');
    expect(normalizeHostname('*.Example.com')).toBe('*.example.com');
    expect(normalizeHostname('xn--bcher-kva.example')).toBe('xn--bcher-kva.example');
  });

  it('rejects what can never be a stored hostname, with a stable code', () => {
    for (const bad of ['', '.', 'a b', 'bücher.de', 'a/b', '*', '*.', '**.a', 'a.*.b', '*a.b', 'x'.repeat(254)]) {
      expect(() => normalizeHostname(bad), bad).toThrow(
        expect.objectContaining({ code: 'ERR_ROUTE_TABLE_INVALID_HOSTNAME' }),
      );
    }
  });
});

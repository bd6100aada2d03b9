import { describe, expect, it } from 'vitest';
import { isValidHostHeader, originFormOfAbsolute } from './request-checks.ts';

describe('isValidHostHeader', () => {
  it.each([
    'app.example',
    'APP.Example.',
    'a',
    'xn--bcher-kva.example',
    'under_score.example',
    'app.example:8080',
    '10.0.0.1',
    '10.0.0.1:443',
    '[::1]',
    '[2001:db8::1]:8443',
    '[::ffff:10.0.0.1]',
  ])('accepts %s', (host) => {
    expect(isValidHostHeader(host)).toBe(true);
  });

  it.each([
    '',
    ' app.example',
    'app.example ',
    'app example',
    'app.example/evil',
    'user@app.example',
    'app.example:',
    'app.example:0',
    'app.example:65536',
    'app.example:80:80',
    'app.example:8o',
    ':80',
    '[::1',
    '[]',
    '[::1]x',
    '[fe80::1%eth0]',
    'app.example\\x',
    `${'a'.repeat(300)}.example`,
  ])('refuses %j', (host) => {
    expect(isValidHostHeader(host)).toBe(false);
  });
});

describe('originFormOfAbsolute', () => {
  it('keeps the path and query of a URL naming the Host', () => {
    expect(originFormOfAbsolute('http://app.example/a/b?c=d', 'app.example')).toBe('/a/b?c=d');
    expect(originFormOfAbsolute('HTTP://App.Example:8080//x', 'app.example:8080')).toBe('//x');
    expect(originFormOfAbsolute('https://app.example', 'app.example')).toBe('/');
    expect(originFormOfAbsolute('http://app.example?q=1', 'app.example')).toBe('/?q=1');
  });

  it('refuses other hosts, ports, userinfo, schemes and fragments', () => {
    expect(originFormOfAbsolute('http://other.example/', 'app.example')).toBeNull();
    expect(originFormOfAbsolute('http://app.example:81/', 'app.example')).toBeNull();
    expect(originFormOfAbsolute('http://app.example@other.example/', 'app.example')).toBeNull();
    expect(originFormOfAbsolute('ftp://app.example/', 'app.example')).toBeNull();
    expect(originFormOfAbsolute('http://app.example#frag', 'app.example')).toBeNull();
    expect(originFormOfAbsolute('*', 'app.example')).toBeNull();
    expect(originFormOfAbsolute('app.example/', 'app.example')).toBeNull();
  });
});

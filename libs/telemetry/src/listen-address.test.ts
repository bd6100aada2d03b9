import { describe, expect, it } from 'vitest';
import { formatListenAddress, InvalidListenAddressError, parseListenAddress } from './listen-address.ts';

describe('listen addresses', () => {
  it('parses host:port, IPv6 in brackets and port 0', () => {
    expect(parseListenAddress('127.0.0.1:9091')).toEqual({ host: '127.0.0.1', port: 9091 });
    expect(parseListenAddress('[::1]:0')).toEqual({ host: '::1', port: 0 });
    expect(formatListenAddress('::1', 80)).toBe('[::1]:80');
  });

  it('rejects malformed input with a message naming the argument', () => {
    expect(() => parseListenAddress('localhost', '--listen')).toThrow(InvalidListenAddressError);
    expect(() => parseListenAddress('localhost', '--listen')).toThrow(/--listen must be HOST:PORT/);
    expect(() => parseListenAddress('h:70000', '--admin')).toThrow(/--admin port must be 0-65535/);
  });
});

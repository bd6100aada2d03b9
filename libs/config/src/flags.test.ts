import { describe, expect, it } from 'vitest';
import { ConfigError, flag, formatAddress, parseAddress, parseFlags } from './flags.ts';

const specs = {
  caches: flag.list({ env: 'SWITCHYARD_CACHES', required: true }),
  listen: flag.address({ env: 'SWITCHYARD_LISTEN', default: '127.0.0.1:8080' }),
  workers: flag.count({ env: 'SWITCHYARD_WORKERS' }),
  'idle-timeout': flag.duration({ default: 900_000 }),
  verbose: flag.boolean({ env: 'SWITCHYARD_VERBOSE', default: false }),
};

describe('parseFlags', () => {
  it('takes flags over environment over defaults', () => {
    const parsed = parseFlags(['--caches', 'a:1, b:2', '--idle-timeout', '1.5m'], { SWITCHYARD_WORKERS: '3' }, specs);
    expect(parsed).toEqual({
      caches: ['a:1', 'b:2'],
      listen: '127.0.0.1:8080',
      workers: 3,
      'idle-timeout': 90_000,
      verbose: false,
    });
    const fromEnv = parseFlags(
      [],
      { SWITCHYARD_CACHES: 'c:3', SWITCHYARD_VERBOSE: 'true', SWITCHYARD_WORKERS: '' },
      specs,
    );
    expect(fromEnv).toEqual({ caches: ['c:3'], listen: '127.0.0.1:8080', 'idle-timeout': 900_000, verbose: true });
  });

  it('names the flag and the bad value', () => {
    const fails =
      (argv: string[], env: NodeJS.ProcessEnv = {}) =>
      () =>
        parseFlags(argv, env, specs);
    expect(fails([])).toThrow('missing --caches (SWITCHYARD_CACHES)');
    expect(fails(['--caches', 'a:1', '--workers', '0'])).toThrow(
      '--workers (SWITCHYARD_WORKERS) must be a positive integer, got "0"',
    );
    expect(fails(['--caches', 'a:1', '--idle-timeout', '10'])).toThrow('--idle-timeout must be a positive duration');
    expect(fails(['--caches', 'a:1'], { SWITCHYARD_LISTEN: 'localhost' })).toThrow(
      '--listen (SWITCHYARD_LISTEN) must be HOST:PORT, got "localhost"',
    );
    expect(fails(['--caches', 'a:1,,b:2'])).toThrow('must be a comma-separated list');
    expect(fails(['--caches', 'a:1', '--colour', 'red'])).toThrow(ConfigError);
    expect(fails(['--caches', 'a:1', 'stray'])).toThrow(ConfigError);
  });
});

describe('parseAddress', () => {
  it('accepts IPv4, names and bracketed IPv6, port 0 included', () => {
    expect(parseAddress('127.0.0.1:0', 'x')).toEqual({ host: '127.0.0.1', port: 0 });
    expect(parseAddress('[::1]:8080', 'x')).toEqual({ host: '::1', port: 8080 });
    expect(parseAddress('cache-a.internal:50051', 'x')).toEqual({ host: 'cache-a.internal', port: 50051 });
  });

  it('formats IPv6 hosts in brackets', () => {
    expect(formatAddress('::1', 80)).toBe('[::1]:80');
    expect(formatAddress('127.0.0.1', 80)).toBe('127.0.0.1:80');
  });

  it('rejects missing hosts, bad ports and unbracketed IPv6', () => {
    for (const bad of [':80', '127.0.0.1:65536', '::1:80', '127.0.0.1', 'host:-1']) {
      expect(() => parseAddress(bad, '--listen')).toThrow(ConfigError);
    }
  });
});

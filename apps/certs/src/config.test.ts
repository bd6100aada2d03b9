import { describe, expect, it } from 'vitest';
import { CertsConfigError, parseCertsConfig } from './config.ts';

const required = [
  '--database-url',
  'postgres://localhost/db',
  '--acme-directory',
  'https://acme.example/dir',
  '--account-key',
  '/tmp/account.key',
  '--contact',
  'mailto:ops@example.com',
];

describe('parseCertsConfig', () => {
  it('fills the defaults: 300 orders per 3 h paced evenly, renewal jitter of a day, 2 min leases', () => {
    const config = parseCertsConfig(required, {});
    expect(config).toMatchObject({
      orderBudget: 300,
      budgetWindowMs: 10_800_000,
      orderSpacingMs: 36_000,
      leaseMs: 120_000,
      renewJitterMs: 86_400_000,
      minBackoffMs: 60_000,
      maxBackoffMs: 21_600_000,
      skipSuffixes: [],
    });
  });

  it('reads flags and SWITCHYARD_* variables', () => {
    const config = parseCertsConfig(
      [...required, '--order-budget', '50/1h', '--backoff', '10s,5m', '--skip-suffix', '.localhost,.internal'],
      { SWITCHYARD_CERTS_CONCURRENCY: '2' },
    );
    expect(config).toMatchObject({
      orderBudget: 50,
      budgetWindowMs: 3_600_000,
      orderSpacingMs: 72_000,
      minBackoffMs: 10_000,
      maxBackoffMs: 300_000,
      concurrency: 2,
      skipSuffixes: ['.localhost', '.internal'],
    });
  });

  it('names the bad flag', () => {
    const bad = (extra: string[], message: RegExp) =>
      expect(() => parseCertsConfig([...required, ...extra], {})).toThrow(message);
    bad(['--acme-directory', 'http://acme.example/dir'], /--acme-directory must be an https URL/);
    bad(['--contact', 'ops@example.com'], /--contact entries must look like mailto:/);
    bad(['--order-budget', 'lots'], /--order-budget takes N\/DURATION/);
    bad(['--backoff', '5m,1m'], /--backoff MAX must not be below MIN/);
    bad(['--skip-suffix', 'localhost'], /--skip-suffix entries look like \.localhost/);
    expect(() => parseCertsConfig([], {})).toThrow(CertsConfigError);
  });
});

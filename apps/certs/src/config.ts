import { ConfigError, flag, parseAddress, parseDuration, parseFlags } from '@switchyard/config';

/** A bad flag or environment value of `switchyard certs`; the message names the flag. */
export class CertsConfigError extends Error {
  override readonly name = 'CertsConfigError';
  readonly code = 'CONFIG';
}

/** Everything the certificate manager starts with; flags and `SWITCHYARD_*` variables map onto it one to one. */
export interface CertsConfig {
  databaseUrl: string;
  /** The ACME directory URL (Let's Encrypt: https://acme-v02.api.letsencrypt.org/directory). */
  acmeDirectory: string;
  /** PEM private key of the ACME account; created (P-256, mode 0600) when the file does not exist. */
  accountKeyFile: string;
  /** `mailto:` contacts of the account. */
  contact: string[];
  /** PEM CA certificate(s) to trust for the ACME directory's HTTPS (a test CA such as Pebble). */
  acmeCaFile?: string;
  /** Admin HTTP address: /healthz /readyz /metrics /debug/status. */
  admin: string;
  /** Platform key file (seals certificate keys); else SWITCHYARD_CERT_KEY or SWITCHYARD_CERT_KEY_FILE. */
  certKeyFile?: string;
  /** How often the database is checked for hostnames whose turn has come. */
  intervalMs: number;
  /** Orders in progress at once in this manager. */
  concurrency: number;
  /** A claim expires this long after its last renewal (a dead manager's hostnames are taken over then). */
  leaseMs: number;
  /** New orders per account per `budgetWindowMs` (Let's Encrypt: 300 per 3 hours). */
  orderBudget: number;
  budgetWindowMs: number;
  /** At least this long between two new orders of the account (default: the window over the budget). */
  orderSpacingMs: number;
  /** After publishing a challenge, wait this long for every router to have it before asking the CA to validate. */
  propagationWaitMs: number;
  /** First retry after a failure; doubles per failure up to `maxBackoffMs`. */
  minBackoffMs: number;
  maxBackoffMs: number;
  /** Renewals start up to this much before their due time (random), so that they spread. */
  renewJitterMs: number;
  /** One order may take this long (challenges, validation, finalisation) before it counts as failed. */
  orderTimeoutMs: number;
  /** Hostnames ending with one of these are never ordered (names a CA cannot validate, e.g. `.localhost`). */
  skipSuffixes: string[];
}

export const CERTS_DEFAULTS = {
  admin: '127.0.0.1:9194',
  intervalMs: 10_000,
  concurrency: 4,
  leaseMs: 120_000,
  orderBudget: 300,
  budgetWindowMs: 3 * 3_600_000,
  propagationWaitMs: 1_000,
  minBackoffMs: 60_000,
  maxBackoffMs: 6 * 3_600_000,
  renewJitterMs: 86_400_000,
  orderTimeoutMs: 300_000,
  skipSuffixes: [] as string[],
} as const;

export const certsHelp = `Usage: switchyard certs --database-url URL --acme-directory URL --account-key FILE --contact mailto:... [options]

The certificate manager: orders a certificate over ACME (HTTP-01) for every hostname of the service
database that has none valid, renews each at a third of its lifetime left (with jitter), and stores
chain and key (sealed under the platform key) for the caches to deliver. Challenges go through the
database and the caches to every router, which answer /.well-known/acme-challenge/<token> before
routing. Several managers may run at once (one per region): a hostname's order is claimed in the
database with a lease and a fencing token. Wildcard hostnames are skipped (HTTP-01 cannot validate
them). Status: switchyard cert status [HOSTNAME]. Nothing is ever issued during a TLS handshake.

Options (environment variable in brackets):
  --database-url URL          service database [SWITCHYARD_DATABASE_URL] (required)
  --acme-directory URL        ACME directory [SWITCHYARD_ACME_DIRECTORY] (required)
  --account-key FILE          PEM key of the ACME account; created if missing [SWITCHYARD_ACME_ACCOUNT_KEY] (required)
  --contact mailto:...,...    account contacts [SWITCHYARD_ACME_CONTACT] (required)
  --acme-ca FILE              PEM CA to trust for the directory's HTTPS (test CAs) [SWITCHYARD_ACME_CA]
  --admin HOST:PORT           /healthz /readyz /metrics /debug/status [SWITCHYARD_CERTS_ADMIN] (default ${CERTS_DEFAULTS.admin})
  --cert-key-file FILE        platform key sealing certificate keys [SWITCHYARD_CERT_KEY_FILE] (or SWITCHYARD_CERT_KEY)
  --interval DURATION         how often due hostnames are looked for [SWITCHYARD_CERTS_INTERVAL] (default 10s)
  --concurrency N             orders in progress at once [SWITCHYARD_CERTS_CONCURRENCY] (default ${CERTS_DEFAULTS.concurrency})
  --lease DURATION            a claim's lease; a dead manager's orders are taken over after it [SWITCHYARD_CERTS_LEASE] (default 2m)
  --order-budget N/DURATION   new orders per account per window [SWITCHYARD_CERTS_ORDER_BUDGET] (default 300/3h)
  --order-spacing DURATION    least time between two new orders (default: window / budget) [SWITCHYARD_CERTS_ORDER_SPACING]
  --propagation-wait DURATION wait for routers to have a challenge before validation [SWITCHYARD_CERTS_PROPAGATION_WAIT] (default 1s)
  --backoff MIN,MAX           retry after a failure: MIN, doubling, at most MAX [SWITCHYARD_CERTS_BACKOFF] (default 1m,6h)
  --renew-jitter DURATION     renewals start up to this much early, at random [SWITCHYARD_CERTS_RENEW_JITTER] (default 24h; at most a tenth of the lifetime)
  --order-timeout DURATION    one order's time limit [SWITCHYARD_CERTS_ORDER_TIMEOUT] (default 5m)
  --skip-suffix .S,...        never order hostnames ending with these (e.g. .localhost) [SWITCHYARD_CERTS_SKIP_SUFFIX]
  -h, --help                  this text

Durations: a number with a unit, ms, s, m or h (e.g. 500ms, 2s, 1h).`;

const specs = {
  'database-url': flag.string({ env: 'SWITCHYARD_DATABASE_URL', required: true }),
  'acme-directory': flag.string({ env: 'SWITCHYARD_ACME_DIRECTORY', required: true }),
  'account-key': flag.string({ env: 'SWITCHYARD_ACME_ACCOUNT_KEY', required: true }),
  contact: flag.list({ env: 'SWITCHYARD_ACME_CONTACT', required: true }),
  'acme-ca': flag.string({ env: 'SWITCHYARD_ACME_CA' }),
  admin: flag.address({ env: 'SWITCHYARD_CERTS_ADMIN', default: CERTS_DEFAULTS.admin }),
  'cert-key-file': flag.string({ env: 'SWITCHYARD_CERT_KEY_FILE' }),
  interval: flag.duration({ env: 'SWITCHYARD_CERTS_INTERVAL', default: CERTS_DEFAULTS.intervalMs }),
  concurrency: flag.count({ env: 'SWITCHYARD_CERTS_CONCURRENCY', default: CERTS_DEFAULTS.concurrency }),
  lease: flag.duration({ env: 'SWITCHYARD_CERTS_LEASE', default: CERTS_DEFAULTS.leaseMs }),
  'order-budget': flag.string({ env: 'SWITCHYARD_CERTS_ORDER_BUDGET', default: '300/3h' }),
  'order-spacing': flag.duration({ env: 'SWITCHYARD_CERTS_ORDER_SPACING' }),
  'propagation-wait': flag.duration({
    env: 'SWITCHYARD_CERTS_PROPAGATION_WAIT',
    default: CERTS_DEFAULTS.propagationWaitMs,
  }),
  backoff: flag.list({ env: 'SWITCHYARD_CERTS_BACKOFF', default: ['1m', '6h'] }),
  'renew-jitter': flag.duration({ env: 'SWITCHYARD_CERTS_RENEW_JITTER', default: CERTS_DEFAULTS.renewJitterMs }),
  'order-timeout': flag.duration({ env: 'SWITCHYARD_CERTS_ORDER_TIMEOUT', default: CERTS_DEFAULTS.orderTimeoutMs }),
  'skip-suffix': flag.list({ env: 'SWITCHYARD_CERTS_SKIP_SUFFIX', default: [] }),
};

/** Flags override `SWITCHYARD_*` variables; anything invalid is a CertsConfigError naming the flag. */
export function parseCertsConfig(argv: string[], env: NodeJS.ProcessEnv): CertsConfig {
  try {
    const values = parseFlags(argv, env, specs);
    const [orders, window] = parseBudget(values['order-budget']);
    const backoff = values.backoff.map((v) => duration(v, '--backoff'));
    if (backoff.length !== 2) throw new CertsConfigError(`--backoff takes MIN,MAX, got "${values.backoff.join(',')}"`);
    return withCertsDefaults({
      databaseUrl: values['database-url'],
      acmeDirectory: values['acme-directory'],
      accountKeyFile: values['account-key'],
      contact: values.contact,
      ...(values['acme-ca'] === undefined ? {} : { acmeCaFile: values['acme-ca'] }),
      admin: values.admin,
      ...(values['cert-key-file'] === undefined ? {} : { certKeyFile: values['cert-key-file'] }),
      intervalMs: values.interval,
      concurrency: values.concurrency,
      leaseMs: values.lease,
      orderBudget: orders,
      budgetWindowMs: window,
      ...(values['order-spacing'] === undefined ? {} : { orderSpacingMs: values['order-spacing'] }),
      propagationWaitMs: values['propagation-wait'],
      minBackoffMs: backoff[0] as number,
      maxBackoffMs: backoff[1] as number,
      renewJitterMs: values['renew-jitter'],
      orderTimeoutMs: values['order-timeout'],
      skipSuffixes: values['skip-suffix'],
    });
  } catch (error) {
    if (error instanceof ConfigError) throw new CertsConfigError(error.message);
    throw error;
  }
}

/** Fills what a programmatic caller (tests, `switchyard dev`) left out, and validates the whole config. */
export function withCertsDefaults(
  config: Pick<CertsConfig, 'databaseUrl' | 'acmeDirectory' | 'accountKeyFile' | 'contact'> & Partial<CertsConfig>,
): CertsConfig {
  const resolved = { ...CERTS_DEFAULTS, orderSpacingMs: -1, ...stripUndefined(config) } as CertsConfig;
  if (resolved.orderSpacingMs < 0) resolved.orderSpacingMs = Math.floor(resolved.budgetWindowMs / resolved.orderBudget);
  validate(resolved);
  return resolved;
}

function validate(config: CertsConfig): void {
  for (const [name, url] of [['--acme-directory', config.acmeDirectory]] as const) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new CertsConfigError(`${name} must be an https URL, got "${url}"`);
    }
    if (parsed.protocol !== 'https:') throw new CertsConfigError(`${name} must be an https URL, got "${url}"`);
  }
  if (config.contact.length === 0) throw new CertsConfigError('--contact needs at least one mailto: address');
  for (const contact of config.contact) {
    if (!/^mailto:[^@\s]+@[^@\s]+$/.test(contact)) {
      throw new CertsConfigError(`--contact entries must look like mailto:ops@example.com, got "${contact}"`);
    }
  }
  try {
    parseAddress(config.admin, '--admin');
  } catch (error) {
    throw new CertsConfigError((error as Error).message);
  }
  for (const [name, value] of [
    ['--interval', config.intervalMs],
    ['--concurrency', config.concurrency],
    ['--lease', config.leaseMs],
    ['--order-budget', config.orderBudget],
    ['--order-timeout', config.orderTimeoutMs],
    ['--backoff', config.minBackoffMs],
  ] as const) {
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new CertsConfigError(`${name} must be a positive integer (milliseconds for durations), got ${value}`);
    }
  }
  if (config.maxBackoffMs < config.minBackoffMs) throw new CertsConfigError('--backoff MAX must not be below MIN');
  for (const suffix of config.skipSuffixes) {
    if (!/^\.[a-z0-9.-]+$/.test(suffix)) {
      throw new CertsConfigError(`--skip-suffix entries look like .localhost (a dot, then a name), got "${suffix}"`);
    }
  }
}

function parseBudget(value: string): [number, number] {
  const match = /^(\d+)\/(.+)$/.exec(value);
  if (!match) throw new CertsConfigError(`--order-budget takes N/DURATION (e.g. 300/3h), got "${value}"`);
  return [Number(match[1]), duration(match[2] as string, '--order-budget')];
}

function duration(value: string, where: string): number {
  return parseDuration(value.trim(), where);
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

import { constants } from 'node:fs';
import { access, readFile, writeFile } from 'node:fs/promises';
import { Agent } from 'node:https';
import { hostname } from 'node:os';
import { acmeSummary, listAcmeStatus, PlatformKey } from '@switchyard/service-db';
import { createLogger, createRegistry, type Logger, startAdminServer } from '@switchyard/telemetry';
import * as acme from 'acme-client';
import pg from 'pg';
import { type CertsConfig, CertsConfigError } from './config.ts';
import { CertificateManager, type RateLimitPause } from './manager.ts';
import { CertsMetrics } from './metrics.ts';

export interface CertManager {
  readonly adminAddress: string;
  /** The id this manager claims hostnames under. */
  readonly owner: string;
  readonly manager: CertificateManager;
  /** Stops claiming, lets orders in progress end, closes the database pool and the admin server. */
  close(): Promise<void>;
}

const SEVEN_DAYS_MS = 7 * 86_400_000;

/** Starts the certificate manager: its loop, and the admin server (/healthz /readyz /metrics /debug/status). */
export async function startCertManager(
  config: CertsConfig,
  deps: { logger?: Logger; owner?: string } = {},
): Promise<CertManager> {
  const logger = deps.logger ?? createLogger('certs');
  const platformKey = config.certKeyFile
    ? await PlatformKey.load({ file: config.certKeyFile })
    : await PlatformKey.load({ env: process.env });
  if (!platformKey) {
    throw new CertsConfigError(
      'the certificate manager needs the platform key to seal certificate keys: --cert-key-file FILE or SWITCHYARD_CERT_KEY',
    );
  }
  const accountKeyPem = await loadOrCreateAccountKey(config.accountKeyFile, logger);
  const pause: RateLimitPause = { until: 0 };
  await trustAcmeCa(config.acmeCaFile, pause);
  const pool = new pg.Pool({ connectionString: config.databaseUrl, max: Math.max(4, config.concurrency + 2) });
  pool.on('error', (error) => logger.warn({ err: error }, 'database connection error'));
  const owner = deps.owner ?? `certs-${hostname()}-${process.pid}`;
  const registry = createRegistry({ prefix: 'switchyard_certs_', component: 'certs' });
  let manager: CertificateManager | undefined;
  const metrics = new CertsMetrics(registry, {
    summary: () => acmeSummary(pool, SEVEN_DAYS_MS),
    inFlight: () => manager?.inFlight.length ?? 0,
  });
  manager = new CertificateManager({ config, pool, platformKey, accountKeyPem, owner, logger, metrics, pause });
  const running = manager;
  const admin = await startAdminServer({
    listen: config.admin,
    registry,
    isReady: () => running.lastTickError === undefined,
    routes: {
      '/debug/status': async (_req, res) => {
        const body = {
          owner,
          account: running.account,
          inFlight: running.inFlight,
          rateLimitedUntil: pause.until > Date.now() ? new Date(pause.until).toISOString() : null,
          lastTickError: running.lastTickError ?? null,
          hostnames: await listAcmeStatus(pool, { limit: 200 }),
        };
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(`${JSON.stringify(body, null, 2)}\n`);
      },
    },
  });
  running.start();
  logger.info(
    { owner, admin: admin.address, directory: config.acmeDirectory, account: running.account },
    'certificate manager starting',
  );
  let closed: Promise<void> | undefined;
  return {
    adminAddress: admin.address,
    owner,
    manager: running,
    close() {
      closed ??= (async () => {
        await running.stop();
        await admin.close();
        await pool.end();
        logger.info('certificate manager stopped');
      })();
      return closed;
    },
  };
}

/** The account key from its file, or a new P-256 key written there (mode 0600) on first start. */
async function loadOrCreateAccountKey(file: string, logger: Logger): Promise<string> {
  const exists = await access(file, constants.F_OK).then(
    () => true,
    () => false,
  );
  if (exists) {
    const pem = await readFile(file, 'utf8');
    if (!pem.includes('PRIVATE KEY-----')) throw new CertsConfigError(`--account-key ${file} is not a PEM private key`);
    return pem;
  }
  const pem = (await acme.crypto.createPrivateEcdsaKey('P-256')).toString();
  await writeFile(file, pem, { mode: 0o600, flag: 'wx' }).catch(async (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw new CertsConfigError(`--account-key ${file}: ${error.message}`);
  });
  logger.info({ file }, 'created a new ACME account key');
  return readFile(file, 'utf8');
}

/**
 * acme-client talks through its own axios instance: trust `caFile` for the directory (test CAs), and
 * note the CA's rate limiting (429 with Retry-After) so that no new order starts before it ends.
 */
async function trustAcmeCa(caFile: string | undefined, pause: RateLimitPause): Promise<void> {
  if (caFile !== undefined) {
    const ca = await readFile(caFile).catch((error: Error) => {
      throw new CertsConfigError(`--acme-ca ${caFile}: ${error.message}`);
    });
    acme.axios.defaults.httpsAgent = new Agent({ ca });
  }
  acme.axios.interceptors.response.use(
    undefined,
    (error: { response?: { status: number; headers: Record<string, string> } }) => {
      const response = error.response;
      if (response?.status === 429) {
        const seconds = Number(response.headers['retry-after']);
        pause.until = Math.max(
          pause.until,
          Date.now() + (Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 60_000),
        );
      }
      return Promise.reject(error);
    },
  );
}

import { Server, ServerCredentials, status } from '@grpc/grpc-js';
import { formatAddress, parseAddress } from '@switchyard/config';
import { createLogger, type Logger } from '@switchyard/telemetry';
import { createCacheRegistry, startCacheAdmin } from './admin.ts';
import { BearerAuth } from './auth.ts';
import { type CacheServerConfig, readSecrets, withDefaults } from './config.ts';
import { cacheServiceDefinition } from './encoding.ts';
import { Follower } from './follower.ts';
import { installFramedPassThrough } from './grpc-framing.ts';
import { CacheMetrics } from './metrics.ts';
import { RouteState } from './state.ts';
import { SubscriberHub } from './subscriber.ts';
import { CertificateFeed } from './tls/certificate-feed.ts';
import { CertificateState } from './tls/certificate-state.ts';
import { createCertificateWatch } from './tls/certificate-watch.ts';
import { createWatchService } from './watch-service.ts';

export interface CacheServer {
  /** The bound gRPC `HOST:PORT`, with the real port. */
  grpcAddress: string;
  /** The bound admin `HOST:PORT`, with the real port. */
  adminAddress: string;
  /** Resolves once the initial load is done (the same moment /readyz turns 200). */
  ready: Promise<void>;
  close(): Promise<void>;
}

const KEEPALIVE = {
  'grpc.keepalive_time_ms': 30_000,
  'grpc.keepalive_timeout_ms': 10_000,
  'grpc.keepalive_permit_without_calls': 1,
  'grpc.http2.min_ping_interval_without_data_ms': 10_000,
};

/**
 * Binds the gRPC and admin listeners (port 0 picks free ones), then loads and follows the database in
 * the background: Watch answers UNAVAILABLE and /readyz 503 until the initial load is done.
 */
export async function startCacheServer(input: CacheServerConfig, opts: { logger?: Logger } = {}): Promise<CacheServer> {
  const config = withDefaults(input);
  const logger = opts.logger ?? createLogger('cache-server', { base: { region: config.region } });
  const secrets = await readSecrets(config);
  const state = new RouteState();
  const registry = createCacheRegistry(config.region);
  const metrics = new CacheMetrics(registry, state);
  const hub = new SubscriberHub(state, metrics, config.heartbeatIntervalMs);
  // Certificates are held (and ticket keys rotated) only with the platform key that opens their keys.
  const certificateState = secrets.platformKey ? new CertificateState() : undefined;
  const certificateFeed =
    secrets.platformKey && certificateState
      ? new CertificateFeed({
          region: config.region,
          state: certificateState,
          platformKey: secrets.platformKey,
          ticketKeyRotationMs: config.ticketKeyRotationMs,
          logger,
        })
      : undefined;
  const follower = new Follower({
    databaseUrl: config.databaseUrl,
    region: config.region,
    state,
    batchSize: config.batchSize,
    pollIntervalMs: config.pollIntervalMs,
    tombstoneHorizonMs: config.tombstoneHorizonMs,
    databaseTimeoutMs: config.databaseTimeoutMs,
    livenessIntervalMs: config.livenessIntervalMs,
    metrics,
    logger,
    ...(certificateFeed ? { certificates: certificateFeed } : {}),
  });
  const auth = secrets.token ? new BearerAuth(secrets.token) : undefined;
  const certificateWatch = createCertificateWatch({
    region: config.region,
    state: certificateState,
    auth,
    catchUp: (version, timeoutMs, of) => follower.catchUp(version, timeoutMs, of),
    catchUpTimeoutMs: config.catchUpTimeoutMs,
    heartbeatIntervalMs: config.heartbeatIntervalMs,
    backlogBytes: config.backlogBytes,
    logger,
  });

  // Shared Watch messages are framed once and written to every stream without grpc-js's copy.
  installFramedPassThrough();
  const server = new Server(KEEPALIVE);
  server.addService(cacheServiceDefinition, {
    ...createWatchService({
      region: config.region,
      state,
      hub,
      catchUp: (version, timeoutMs) => follower.catchUp(version, timeoutMs),
      catchUpTimeoutMs: config.catchUpTimeoutMs,
      subscriber: { backlogBytes: config.backlogBytes, maxResyncs: config.maxResyncs },
      auth,
      metrics,
      logger,
    }),
    watchCertificates: certificateWatch.watchCertificates,
  });
  const credentials = secrets.tls
    ? ServerCredentials.createSsl(null, [{ cert_chain: secrets.tls.cert, private_key: secrets.tls.key }], false)
    : ServerCredentials.createInsecure();
  const { host } = parseAddress(config.listen, '--listen');
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync(config.listen, credentials, (error, bound) => (error ? reject(error) : resolve(bound)));
  });
  let admin: Awaited<ReturnType<typeof startCacheAdmin>>;
  try {
    admin = await startCacheAdmin({
      listen: config.admin,
      registry,
      state,
      hub,
      region: config.region,
      certificates: certificateState,
      certificateSubscribers: () => certificateWatch.subscribers,
    });
  } catch (error) {
    server.forceShutdown();
    hub.stop();
    throw error;
  }
  const grpcAddress = formatAddress(host, port);
  follower.start();
  logger.info(
    {
      grpc: grpcAddress,
      admin: admin.address,
      tls: Boolean(secrets.tls),
      auth: Boolean(secrets.token),
      certificates: Boolean(certificateState),
    },
    'cache server listening',
  );

  let closing: Promise<void> | undefined;
  return {
    grpcAddress,
    adminAddress: admin.address,
    ready: follower.ready,
    close() {
      closing ??= (async () => {
        hub.closeAll(status.UNAVAILABLE, 'the cache server is shutting down; resume on another cache');
        certificateWatch.closeAll('the cache server is shutting down; resume on another cache');
        hub.stop();
        await new Promise<void>((resolve) => {
          const force = setTimeout(() => {
            server.forceShutdown();
            resolve();
          }, 2_000);
          server.tryShutdown(() => {
            clearTimeout(force);
            resolve();
          });
        });
        await follower.close();
        await admin.close();
        logger.info('cache server stopped');
      })();
      return closing;
    },
  };
}

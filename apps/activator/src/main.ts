import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { formatAddress, parseAddress, parseEndpoints } from '@switchyard/config';
import { Forwarder, HttpServer, RequestIds, UpstreamPool } from '@switchyard/http1';
import { describeRefusal, refusalReporter, SyncClient, type SyncStatus } from '@switchyard/router';
import { createLogger, createRegistry, type Logger, startAdminServer } from '@switchyard/telemetry';
import { adminRoutes } from './admin.ts';
import { type ActivatorConfig, readCacheCredentials } from './config.ts';
import type { LifecycleView } from './lifecycle.ts';
import { Lifecycles } from './lifecycles.ts';
import { ActivatorMetrics } from './metrics.ts';
import { createRequestHandler } from './proxy.ts';
import { HttpScaler } from './scalers/http.ts';
import { PeerAwareScaler } from './scalers/peer-aware.ts';
import { ProcessScaler } from './scalers/process.ts';
import type { Scaler } from './scalers/scaler.ts';
import { ServiceDirectory } from './service-directory.ts';

export interface Activator {
  /** `HOST:PORT` routers send to, with the real port (also for port 0). */
  readonly address: string;
  readonly adminAddress: string;
  /** Resolves once the first complete state from a cache is applied (before that: 503s). */
  readonly ready: Promise<void>;
  /** Every service that has had a request since start, with its state. */
  services(): LifecycleView[];
  sync(): SyncStatus;
  /** Stops syncing and accepting; answers waiting requests 503; lets requests in flight finish (drain timeout); scales every service down. */
  close(): Promise<void>;
}

export interface ActivatorDeps {
  logger?: Logger;
  /** A platform's own scaler; default: the one `config.scaler` names. */
  scaler?: Scaler;
}

/**
 * Starts the activator: the request server at once (503 until synced), the admin server, and a
 * Watch stream to one cache (the router's SyncClient, with the ServiceDirectory as its sink).
 */
export async function startActivator(config: ActivatorConfig, deps: ActivatorDeps = {}): Promise<Activator> {
  const logger = deps.logger ?? createLogger('activator');
  const { token, tlsCa } = await readCacheCredentials(config);
  const listenAddress = parseAddress(config.listen, '--listen');
  const peers = parseEndpoints(config.peers, '--peers').filter(
    (peer) => !(peer.host === listenAddress.host && peer.port === listenAddress.port),
  );
  const peerAware =
    peers.length === 0 ? undefined : new PeerAwareScaler(deps.scaler ?? createScaler(config), { peers });
  const scaler = peerAware ?? deps.scaler ?? createScaler(config);
  for (const orphan of (await scaler.recover?.()) ?? []) {
    logger.warn(
      { service: orphan.serviceId, port: orphan.port, pgid: orphan.pgid, startedBy: orphan.startedBy },
      'stopped an instance a previous activator process left running',
    );
  }
  const registry = createRegistry({ prefix: 'switchyard_activator_', component: 'activator' });
  let lifecycles: Lifecycles | undefined;
  const directory = new ServiceDirectory((id, why) => {
    logger.info({ service: id, why }, 'service retired from the activator');
    void lifecycles?.retire(id, 'retired', why);
  });
  const metrics = new ActivatorMetrics(registry, {
    queued: () => lifecycles?.queued() ?? 0,
    running: () => lifecycles?.running() ?? 0,
    known: () => directory.size,
    cacheRefusal: () => sync.status().refusal?.kind,
  });
  lifecycles = new Lifecycles({
    scaler,
    queueLimit: config.queueLimit,
    wakeTimeoutMs: config.wakeTimeoutMs,
    idleTimeoutMs: config.idleTimeoutMs,
    drainTimeoutMs: config.drainTimeoutMs,
    metrics,
    logger,
  });
  const all = lifecycles;

  const sync = new SyncClient(
    {
      caches: config.caches,
      region: config.region,
      clientId: `activator-${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`,
      fromVersion: 0,
      ...(token === undefined ? {} : { token }),
      ...(tlsCa === undefined ? {} : { tlsCa }),
      stallTimeoutMs: config.cacheStallTimeoutMs,
    },
    directory,
  );
  let synced = false;
  let closing = false;
  const { promise: ready, resolve: resolveReady } = Promise.withResolvers<void>();
  sync.on('synced', (s) => {
    synced = true;
    logger.info({ cache: s.cache, version: s.version, services: directory.size }, 'synced with a cache');
    resolveReady();
  });
  sync.on('connected', (cache) => logger.info({ cache }, 'watch stream open'));
  sync.on(
    'refused',
    refusalReporter((r) =>
      logger.error(
        { cache: r.cache, refusal: r.kind, fix: r.fix },
        `cache refused this activator: ${describeRefusal(r)}`,
      ),
    ),
  );
  sync.on('disconnected', ({ cache, reason, retryInMs }) =>
    logger.warn({ cache, reason, retryInMs }, 'watch stream lost; trying another cache'),
  );

  const requestIds = new RequestIds();
  const pool = new UpstreamPool();
  // Every peer is a router (the activator must be reachable from routers only): keep their X-Forwarded-* and request id.
  const trustedHops = ['0.0.0.0/0', '::/0'];
  const forwarder = new Forwarder({ pool, requestIds, metrics, trustedHops });
  const onRequest = createRequestHandler({
    directory,
    lifecycles: all,
    forwarder,
    requestIds,
    metrics,
    isSynced: () => synced,
    isClosing: () => closing,
    ...(peerAware === undefined
      ? {}
      : { peerStatus: (id: string, askerTicket: string) => peerAware.localState(id, askerTicket) }),
  });
  const serving = new HttpServer(
    {
      metrics,
      requestIds,
      // Requests wait up to the wake timeout before anything moves on their connection.
      socketIdleTimeoutMs: config.wakeTimeoutMs + 120_000,
      requestTimeoutMs: config.wakeTimeoutMs + 300_000,
    },
    onRequest,
  );
  const listen = listenAddress;
  const bound = await serving.listen(listen.port, listen.host);
  const address = formatAddress(listen.host, bound.port);

  const admin = await startAdminServer({
    listen: config.admin,
    registry,
    isReady: () => synced,
    routes: adminRoutes({
      directory,
      lifecycles: all,
      isSynced: () => synced,
      sync: () => sync.status(),
      refusal: () => sync.status().refusal,
    }),
  });
  sync.start();
  logger.info(
    {
      address,
      admin: admin.address,
      caches: config.caches,
      scaler: config.scaler,
      idleTimeoutMs: config.idleTimeoutMs,
    },
    'activator starting',
  );

  let closed: Promise<void> | undefined;
  return {
    address,
    adminAddress: admin.address,
    ready,
    services: () => all.views(),
    sync: () => sync.status(),
    close() {
      closed ??= (async () => {
        closing = true;
        sync.stop();
        const draining = serving.drain(config.drainTimeoutMs);
        await all.close();
        await draining;
        await pool.close();
        await scaler.close();
        await admin.close();
        logger.info('activator stopped');
      })();
      return closed;
    },
  };
}

function createScaler(config: ActivatorConfig): Scaler {
  if (config.scaler === 'http') return new HttpScaler({ orchestrator: config.orchestrator as string });
  return new ProcessScaler({
    stopGraceMs: config.stopGraceMs,
    ...(config.processLogDir === undefined ? {} : { logDir: config.processLogDir }),
    ...(config.stateDir === undefined ? {} : { stateDir: config.stateDir }),
  });
}

import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { hostname } from 'node:os';
import { formatAddress, parseAddress } from '@switchyard/config';
import { openObjectStore } from '@switchyard/object-store';
import type { TableHandle } from '@switchyard/route-table';
import { StaticHandler } from '@switchyard/static-site';
import {
  type BuildInfo,
  buildInfo,
  createLogger,
  createRegistry,
  type Logger,
  startAdminServer,
} from '@switchyard/telemetry';
import { AccessLog } from './access-log/access-log.ts';
import { accessLogRoute } from './access-log/admin-stream.ts';
import { adminRoutes } from './admin.ts';
import { type CacheRefusal, describeRefusal, refusalReporter } from './cache-refusal.ts';
import { proxyDenyPorts, type RouterConfig, readCacheCredentials } from './config.ts';
import { memoryRoute } from './debug-memory.ts';
import { SnapshotFileError } from './errors.ts';
import { IngestPool } from './ingest-pool.ts';
import { Persistence } from './persistence.ts';
import type { PreloadedImage } from './preload.ts';
import { registerPropagationHistogram, registerRouterMetrics } from './router-metrics.ts';
import { AddressPolicy } from './serve/address-policy.ts';
import { allocateSharedMetrics } from './shared-metrics.ts';
import { SnapshotStore } from './snapshot-store.ts';
import { Supervisor, type WorkerStatus } from './supervisor.ts';
import { SyncClient, type SyncStatus } from './sync-client.ts';
import { TableKeeper } from './table-keeper.ts';
import { CertificateStore } from './tls/certificate-store.ts';
import { createCertificateSync } from './tls/certificate-sync.ts';
import { loadTlsServing } from './tls/tls-config.ts';

/** Where the table being served came from. */
export type TableSource = 'none' | 'cache' | 'disk';

export interface RouterStatus {
  /** Serving threads are listening (synced with a cache, or warm from the state dir). */
  ready: boolean;
  /** Serving the state-dir snapshot without having synced with a cache since start. */
  degraded: boolean;
  source: TableSource;
  version: number;
  cache: string | undefined;
  connected: boolean;
  synced: boolean;
  /** A cache refused this router's configuration (token, region, protocol) since it last synced: what and how to fix it. */
  refusal: CacheRefusal | null;
  reconnects: number;
  snapshots: number;
  /** Now minus the commit time of the newest change applied; undefined when unknown. */
  lagMs: number | undefined;
  services: number;
  hostnames: number;
  generation: number;
  /** Records the table refused (invalid hostnames, unknown enum values). */
  rejectedRecords: number;
  workers: WorkerStatus[];
  /** Superseded table generations still held for a thread that has not switched yet. */
  retainedGenerations: number[];
  workerRestarts: number;
  stateDirWrites: number;
  /** The release and Node this router runs (also the `switchyard_build_info` series). */
  build: BuildInfo;
}

export interface Router {
  /** `HOST:PORT` of the serving threads, with the real port. */
  readonly address: string;
  /** `HOST:PORT` of their TLS listener, with the real port; undefined without `--listen-tls`. */
  readonly tlsAddress: string | undefined;
  readonly adminAddress: string;
  /** Resolves once the serving threads listen: synced with a cache, or warm from the state dir. */
  readonly ready: Promise<void>;
  readonly supervisor: Supervisor;
  status(): RouterStatus;
  /** The route table in use now (its shared buffers), as the serving threads get it. */
  table(): TableHandle;
  /** Stops syncing, drains the serving threads (in-flight requests finish up to the drain timeout), closes admin. */
  close(): Promise<void>;
}

/**
 * Starts a router: admin server at once, then the sync client (resuming from the state dir's
 * snapshot when there is one). Serving threads start when the first complete state arrives from
 * a cache, or, when no cache answered within `warmStartAfterMs`, on the state dir's snapshot.
 */
export async function startRouter(
  config: RouterConfig,
  deps: { logger?: Logger; preloaded?: PreloadedImage } = {},
): Promise<Router> {
  const startedAt = performance.now();
  const logger = deps.logger ?? createLogger('router');
  // The state dir's image is read in a thread of its own from here on (unless the CLI started that
  // read before loading the router: deps.preloaded), beside everything below.
  const store = config.stateDir === undefined ? undefined : new SnapshotStore(config.stateDir, config.region);
  const readingImage = store?.read(deps.preloaded);
  readingImage?.catch(() => {});
  const { token, tlsCa } = await readCacheCredentials(config);
  const listen = parseAddress(config.listen, '--listen');
  const port = listen.port === 0 ? await freePort(listen.host) : listen.port;
  const address = formatAddress(listen.host, port);

  let supervisor: Supervisor | undefined;
  let persistence: Persistence | undefined;
  const ingest = config.ingestThreads > 0 ? new IngestPool(config.ingestThreads) : undefined;
  const registry = createRegistry({ prefix: 'switchyard_router_', component: 'router' });
  const keeper = new TableKeeper({
    onDeltaApplied: registerPropagationHistogram(registry),
    ...(ingest === undefined ? {} : { ingest }),
    logger,
    onHandle: (handle) => supervisor?.publish(handle),
    onChange: (kind) => persistence?.changed(kind),
  });
  if (store !== undefined) persistence = new Persistence(store, keeper, logger, config.persistIntervalMs);
  const metricsBuffer = allocateSharedMetrics(config.workers);
  const tlsConfig = await loadTlsServing(config);
  // Certificates by name and ACME challenges: followed from the caches into a store the serving threads ask.
  // Without TLS the store still carries the challenges (HTTP-01 arrives on the plain port).
  const certificates =
    tlsConfig === undefined && token === undefined
      ? undefined
      : new CertificateStore(config.tlsDefaultName === undefined ? {} : { defaultServerName: config.tlsDefaultName });
  const certificateSync =
    certificates === undefined || token === undefined
      ? undefined
      : createCertificateSync(
          {
            caches: config.caches,
            region: config.region,
            clientId: `router-${hostname()}-${process.pid}-certificates`,
            token,
            ...(tlsCa === undefined ? {} : { tlsCa }),
            stallTimeoutMs: config.cacheStallTimeoutMs,
          },
          certificates,
        );
  if (certificates !== undefined && certificateSync === undefined) {
    logger.warn(
      'TLS without --cache-token-file: caches serve certificates and ACME challenges to authenticated routers only, so only --tls-cert answers',
    );
  }
  const tlsServing =
    tlsConfig === undefined || tlsConfig.port !== 0
      ? tlsConfig
      : { ...tlsConfig, port: await freePort(tlsConfig.host) };
  const accessLog =
    config.accessLog === 'off'
      ? undefined
      : new AccessLog({
          target: config.accessLog,
          slots: config.workers,
          ringRecords: config.accessLogBuffer,
          logger,
        });
  // logrotate moves the file and sends SIGHUP: the logger thread opens the path again.
  const onSighup = (): void => void accessLog?.reopen();
  if (accessLog !== undefined && accessLog.target !== 'stdout') process.on('SIGHUP', onSighup);
  const staticServing =
    config.staticStore === undefined
      ? undefined
      : {
          storeUrl: config.staticStore,
          s3: config.staticS3 ?? {},
          cacheBytes: config.staticCacheBytes,
          cacheObjectBytes: config.staticCacheObjectBytes,
          assetMaxAgeSeconds: config.staticAssetMaxAgeSeconds,
          proxyRewrites: config.staticProxyRewrites,
          proxyAllow: config.staticProxyAllow,
          proxyDenyPorts: proxyDenyPorts(config),
        };
  // The main thread's own store client, for /debug/route explanations only.
  const adminStore =
    staticServing === undefined ? undefined : openObjectStore(staticServing.storeUrl, staticServing.s3);
  supervisor = new Supervisor({
    workers: config.workers,
    host: listen.host,
    port,
    handle: keeper.handle,
    metrics: metricsBuffer,
    activator: config.activator,
    instanceCooldownMs: config.instanceCooldownMs,
    upstreamTimeoutMs: config.upstreamTimeoutMs,
    maxConnections: config.maxConnections,
    ...(staticServing === undefined ? {} : { static: staticServing }),
    ...(tlsServing === undefined ? {} : { tls: tlsServing }),
    ...(certificates === undefined ? {} : { certificatePort: () => certificates.createPort() }),
    trustedHops: config.trustedHops,
    ...(accessLog === undefined
      ? {}
      : {
          accessLog: {
            rings: accessLog.rings,
            sampleRate: config.accessLogSample,
            includeQuery: config.accessLogQuery,
          },
        }),
    logger,
  });
  const workers = supervisor;
  // The serving threads load while the table does (state-dir image, snapshot); they listen at goLive.
  workers.prepare();

  // Warm state from disk first: the sync client then resumes from its version.
  let stored = false;
  if (store !== undefined) {
    try {
      const loaded = await readingImage;
      if (loaded !== undefined) {
        keeper.loadImage(loaded.handle, loaded.version, loaded.commitTimeMs);
        stored = true;
        logger.info(
          {
            path: store.path,
            version: loaded.version,
            services: keeper.state().services,
            bytes: loaded.bytes,
            ms: Math.round(loaded.readMs),
            msSinceStart: Math.round(performance.now() - startedAt),
          },
          'state-dir table loaded',
        );
      }
    } catch (error) {
      if (!(error instanceof SnapshotFileError)) throw error;
      logger.warn({ err: error.message }, 'state-dir snapshot ignored');
    }
  }

  // No table to resume from: a full snapshot comes first; the ingest threads start meanwhile.
  if (!stored) ingest?.warmUp();

  const sync = new SyncClient(
    {
      caches: config.caches,
      region: config.region,
      clientId: `router-${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`,
      fromVersion: keeper.state().version,
      ...(token === undefined ? {} : { token }),
      ...(tlsCa === undefined ? {} : { tlsCa }),
      stallTimeoutMs: config.cacheStallTimeoutMs,
    },
    keeper,
  );

  let source: TableSource = 'none';
  let live: Promise<void> | undefined;
  let closing = false;
  let resolveReady!: () => void;
  let rejectReady!: (error: Error) => void;
  const ready = new Promise<void>((resolve, reject) => {
    resolveReady = resolve;
    rejectReady = reject;
  });
  ready.catch(() => {});
  const goLive = (from: TableSource): void => {
    if (live !== undefined || closing) return;
    source = from;
    logger.info(
      { source: from, version: keeper.state().version, services: keeper.state().services },
      'starting serving threads',
    );
    live = workers.start().then(
      () => {
        logger.info({ address, workers: config.workers }, 'router ready');
        resolveReady();
      },
      (error: Error) => {
        logger.error({ err: error }, 'serving threads did not start');
        rejectReady(error);
      },
    );
  };

  sync.on('synced', (s: SyncStatus) => {
    logger.info({ cache: s.cache, version: s.version, snapshots: s.snapshots }, 'synced with a cache');
    if (source === 'disk') source = 'cache';
    goLive('cache');
  });
  sync.on('connected', (cache) => logger.info({ cache }, 'watch stream open'));
  sync.on(
    'refused',
    refusalReporter((r) =>
      logger.error({ cache: r.cache, refusal: r.kind, fix: r.fix }, `cache refused this router: ${describeRefusal(r)}`),
    ),
  );
  sync.on('disconnected', ({ cache, reason, retryInMs }) =>
    logger.warn({ cache, reason, retryInMs }, 'watch stream lost; trying another cache'),
  );
  // --warm-start-after counts from the router's start, not from the end of the image read.
  const warmTimer = stored
    ? setTimeout(
        () => {
          if (!sync.status().synced) {
            logger.warn(
              { version: keeper.state().version },
              'no cache answered: serving the state-dir snapshot (degraded)',
            );
            goLive('disk');
          }
        },
        Math.max(0, config.warmStartAfterMs - (performance.now() - startedAt)),
      )
    : undefined;

  const status = (): RouterStatus => {
    const s = sync.status();
    const table = keeper.state();
    const commit = Math.max(s.lastCommitTimeMs, table.commitTimeMs);
    return {
      ready: live !== undefined && source !== 'none' && workers.status().length > 0,
      degraded: source === 'disk' && !s.synced,
      source,
      version: Math.max(s.version, table.version),
      cache: s.cache,
      connected: s.connected,
      synced: s.synced,
      refusal: s.refusal,
      reconnects: s.reconnects,
      snapshots: s.snapshots,
      lagMs: commit > 0 ? Math.max(0, Date.now() - commit) : undefined,
      services: table.services,
      hostnames: table.hostnames,
      generation: table.generation,
      rejectedRecords: keeper.rejected,
      workers: workers.status(),
      retainedGenerations: workers.retainedGenerations(),
      workerRestarts: workers.restarts,
      stateDirWrites: persistence?.writes ?? 0,
      build: buildInfo(),
    };
  };
  let isReady = false;
  ready.then(() => {
    isReady = true;
  });

  const stopMetrics = registerRouterMetrics(registry, metricsBuffer, {
    services: () => keeper.state().services,
    hostnames: () => keeper.state().hostnames,
    version: () => status().version,
    lastCommitTimeMs: () => Math.max(sync.status().lastCommitTimeMs, keeper.state().commitTimeMs),
    cache: () => sync.status().cache,
    connected: () => sync.status().connected,
    degraded: () => status().degraded,
    reconnects: () => sync.status().reconnects,
    snapshots: () => sync.status().snapshots,
    workerRestarts: () => workers.restarts,
    workers: () => workers.status().length,
    refusal: () => sync.status().refusal?.kind,
    ...(accessLog === undefined ? {} : { accessLog: () => accessLog.counters() }),
  });
  const admin = await startAdminServer({
    listen: config.admin,
    registry,
    isReady: () => isReady && !closing,
    routes: {
      '/debug/access-log': accessLogRoute(accessLog),
      '/debug/memory': memoryRoute({
        threads: () => workers.heapStatistics(),
        ...(certificates === undefined
          ? {}
          : { certificates: () => ({ count: certificates.size, version: certificates.version }) }),
      }),
      ...adminRoutes({
        keeper,
        activator: config.activator,
        instanceCooldownMs: config.instanceCooldownMs,
        isReady: () => isReady,
        isDraining: () => closing,
        isDegraded: () => status().degraded,
        refusal: () => sync.status().refusal,
        state: status,
        ...(adminStore === undefined ? {} : { staticHandler: new StaticHandler({ store: adminStore }) }),
        ...(staticServing?.proxyRewrites
          ? {
              proxyPolicy: new AddressPolicy({
                allow: staticServing.proxyAllow,
                denyPorts: staticServing.proxyDenyPorts,
              }),
            }
          : {}),
      }),
    },
  });
  sync.start();
  certificateSync?.start();
  logger.info(
    {
      address,
      tlsAddress: tlsServing === undefined ? null : formatAddress(tlsServing.host, tlsServing.port),
      admin: admin.address,
      caches: config.caches,
      workers: config.workers,
      ingestThreads: config.ingestThreads,
      staticStore: config.staticStore ?? null,
      accessLog: config.accessLog,
    },
    'router starting',
  );

  let closed: Promise<void> | undefined;
  return {
    address,
    tlsAddress: tlsServing === undefined ? undefined : formatAddress(tlsServing.host, tlsServing.port),
    adminAddress: admin.address,
    ready,
    supervisor: workers,
    status,
    table: () => keeper.handle,
    close() {
      closed ??= (async () => {
        closing = true;
        clearTimeout(warmTimer);
        sync.stop();
        certificateSync?.stop();
        await live?.catch(() => {});
        // Prepared threads that never listened are stopped the same way.
        await workers.drain(config.drainTimeoutMs);
        // The serving threads are gone: what their rings still hold is written, then the file closed.
        process.off('SIGHUP', onSighup);
        await accessLog?.stop();
        await persistence?.stop();
        await ingest?.close();
        certificates?.close();
        stopMetrics();
        await admin.close();
        await adminStore?.close().catch(() => {});
        logger.info('router stopped');
      })();
      return closed;
    },
  };
}

/** A free TCP port on `host` (the serving threads then share it with reusePort). */
function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen({ host, port: 0 }, () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

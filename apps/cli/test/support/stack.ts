import { type CacheServer, type CacheServerConfig, startCacheServer, withDefaults } from '@switchyard/cache-server';
import { type Router, type RouterConfig, startRouter, withRouterDefaults } from '@switchyard/router';
import { silentLogger } from '@switchyard/telemetry';

/** A real cache server for region `eu` on loopback (free ports), ready (initial load done). */
export async function startTestCache(
  databaseUrl: string,
  overrides: Partial<CacheServerConfig> = {},
): Promise<CacheServer> {
  const cache = await startCacheServer(
    withDefaults({
      databaseUrl,
      region: 'eu',
      listen: '127.0.0.1:0',
      admin: '127.0.0.1:0',
      heartbeatIntervalMs: 200,
      pollIntervalMs: 300,
      ...overrides,
    }),
    { logger: silentLogger() },
  );
  await cache.ready;
  return cache;
}

/**
 * A real router in this process (one serving thread, no ingest pool) following `cache`, synced —
 * or, with `waitReady: false`, as soon as it started (one that may never sync).
 */
export async function startTestRouter(
  cache: CacheServer,
  overrides: Partial<RouterConfig> = {},
  { waitReady = true }: { waitReady?: boolean } = {},
): Promise<Router> {
  const router = await startRouter(
    withRouterDefaults({
      caches: [cache.grpcAddress],
      region: 'eu',
      listen: '127.0.0.1:0',
      admin: '127.0.0.1:0',
      workers: 1,
      ingestThreads: 0,
      drainTimeoutMs: 2_000,
      ...overrides,
    }),
    { logger: silentLogger() },
  );
  if (waitReady) await router.ready;
  return router;
}

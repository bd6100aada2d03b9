// A full snapshot of N services streamed to one client: time, services/s, peak RSS of the cache.
import { seed } from '@switchyard/service-db';
import { REGION, round, spawnCache, startDatabase, watch } from './harness.ts';

export async function snapshot(opts: { services: number }) {
  const database = await startDatabase();
  try {
    const seeded = await seed(database.databaseUrl, { services: opts.services, regions: [REGION], seed: 21 });
    console.error(JSON.stringify({ seeded: seeded.services, seedMs: seeded.ms }));
    const cache = await spawnCache(database.databaseUrl);
    const afterLoad = await cache.stats();
    const started = performance.now();
    let services = 0;
    let messages = 0;
    let total = 0;
    await new Promise<void>((resolve) => {
      const client = watch(cache.grpc, 0, (event) => {
        messages++;
        if (event.snapshotStart) total = Number(event.snapshotStart.total);
        services += event.serviceBatch?.services?.length ?? 0;
        if (event.snapshotEnd) {
          client.close();
          resolve();
        }
      });
    });
    const seconds = (performance.now() - started) / 1000;
    const afterSnapshot = await cache.stats();
    await cache.stop();
    return {
      services,
      total,
      messages,
      cacheLoadSeconds: round(cache.readyMs / 1000, 2),
      snapshotSeconds: round(seconds, 2),
      servicesPerSecond: Math.round(services / seconds),
      cacheRssAfterLoadMiB: round(afterLoad.rssBytes / 2 ** 20),
      cacheHeapAfterLoadMiB: round(afterLoad.heapUsedBytes / 2 ** 20),
      cachePeakRssMiB: round(afterSnapshot.maxRssBytes / 2 ** 20),
    };
  } finally {
    await database.stop();
  }
}

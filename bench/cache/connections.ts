// Database connections while 1, 10 and 50 clients watch one cache (must stay constant).
import { seed } from '@switchyard/service-db';
import pg from 'pg';
import { databaseConnections, REGION, spawnCache, startDatabase, watch } from './harness.ts';

export async function connections(opts: { clients: number[] }) {
  const database = await startDatabase();
  const results: { clients: number; databaseConnections: number }[] = [];
  try {
    await seed(database.databaseUrl, { services: 1_000, regions: [REGION], seed: 31 });
    const baseline = await databaseConnections(database.databaseUrl);
    const cache = await spawnCache(database.databaseUrl);
    const writer = new pg.Pool({ connectionString: database.databaseUrl, max: 1 });
    writer.on('error', () => undefined);
    const open: ReturnType<typeof watch>[] = [];
    for (const clients of opts.clients) {
      while (open.length < clients) {
        await new Promise<void>((resolve) => {
          const handle = watch(cache.grpc, 0, (event) => event.snapshotEnd && resolve());
          open.push(handle);
        });
      }
      // With changes flowing, so that the cache is actually querying.
      await writer.query(
        `UPDATE services SET scaler_ref = 'c${clients}' WHERE id IN (SELECT id FROM services LIMIT 10)`,
      );
      await new Promise((r) => setTimeout(r, 500));
      // The writer's own connection is not the cache's.
      results.push({ clients, databaseConnections: (await databaseConnections(database.databaseUrl)) - baseline - 1 });
      console.error(JSON.stringify(results.at(-1)));
    }
    for (const handle of open) handle.close();
    await writer.end();
    await cache.stop();
  } finally {
    await database.stop();
  }
  return results;
}

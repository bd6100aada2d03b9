// `npx node --conditions=source bench/scale/changelog-probe.ts [services=1000] [seconds=10]`: the
// changelog-read figure alone (rows read by 2 caches at 20 changes/s, and the EXPLAIN), as in the
// db-load scenario's setting, without routers.
import { seed } from '@switchyard/service-db';
import pg from 'pg';
import { type CacheProcess, REGION, spawnCache, startDatabase } from '../cache/harness.ts';
import { changelogReads } from './changelog.ts';

const services = Number(process.argv[2] ?? 1_000);
const seconds = Number(process.argv[3] ?? 10);
const database = await startDatabase();
try {
  await seed(database.databaseUrl, { services, regions: [REGION], seed: 41 });
  const client = new pg.Client({ connectionString: database.databaseUrl });
  await client.connect();
  const ids = (await client.query<{ id: string }>('SELECT id::text FROM services LIMIT 10000')).rows.map((r) => r.id);
  await client.end();
  let caches: CacheProcess[] = [];
  const result = await changelogReads({
    databaseUrl: database.databaseUrl,
    rate: 20,
    seconds,
    serviceIds: ids,
    startCaches: async () => {
      caches = [
        await spawnCache(database.databaseUrl, {}, { stderr: 'ignore' }),
        await spawnCache(database.databaseUrl, {}, { stderr: 'ignore' }),
      ];
      return async () => {
        for (const cache of caches) await cache.stop();
      };
    },
    cacheVersion: async () => {
      const text = await (await fetch(`http://${caches[0]?.admin}/metrics`)).text();
      return Number(/^switchyard_cache_version(?:\{[^}]*\})? (\d+)/m.exec(text)?.[1]);
    },
  });
  console.log(JSON.stringify({ services, ...result, explain: undefined }, null, 2));
  console.log(result.explain);
} finally {
  await database.stop();
}

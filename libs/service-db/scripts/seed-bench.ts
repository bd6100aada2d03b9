// Seeds N services (default 1,000,000) into a fresh embedded PostgreSQL and reports the time taken,
// then times a full region snapshot load of the result.
// Run: npx node scripts/seed-bench.ts [services=1000000] [regions=1] [concurrency=2]
import pg from 'pg';
import { loadRegionSnapshot, migrate, seed, startEmbeddedPostgres } from '../src/index.ts';

const services = Number(process.argv[2] ?? 1_000_000);
const regionCount = Number(process.argv[3] ?? 1);
const concurrency = Number(process.argv[4] ?? 2);
const regions = Array.from({ length: regionCount }, (_, i) => `region-${i + 1}`);

const server = await startEmbeddedPostgres();
try {
  await migrate(server.databaseUrl);
  let last = 0;
  const result = await seed(server.databaseUrl, {
    services,
    regions,
    seed: 42,
    concurrency,
    onProgress: (done) => {
      if (done - last >= 100_000 || done === services) {
        last = done;
        console.error(`  services copied: ${done}`);
      }
    },
  });
  const pool = new pg.Pool({ connectionString: server.databaseUrl, max: 2 });
  const changes = await pool.query('SELECT count(*)::int AS n FROM route_changes');
  const size = await pool.query('SELECT pg_size_pretty(pg_database_size(current_database())) AS s');
  const started = performance.now();
  const snapshot = await loadRegionSnapshot(pool, regions[0] as string, () => undefined);
  const snapshotMs = Math.round(performance.now() - started);
  await pool.end();
  console.log(
    JSON.stringify({
      seed: result,
      concurrency,
      servicesPerSecond: Math.round(result.services / (result.ms / 1000)),
      routeChangesRows: changes.rows[0].n,
      databaseSize: size.rows[0].s,
      regionSnapshot: { region: regions[0], count: snapshot.count, ms: snapshotMs },
    }),
  );
} finally {
  await server.stop();
}

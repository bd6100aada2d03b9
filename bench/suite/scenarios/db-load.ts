// Database load vs routers: with 2 caches and 1, 4, 16 routers, while changes are committed at a
// fixed rate, count the database's client connections (pg_stat_activity) and its transactions and
// rows read per second (pg_stat_database), less what the benchmark itself did.
import { seed } from '@switchyard/service-db';
import pg from 'pg';
import { type CacheProcess, REGION, round, spawnCache, startDatabase } from '../../cache/harness.ts';
import { ChangeWriter, driveChanges, Prober } from '../change-probe.ts';
import { type RouterProcess, startRouter } from '../router-process.ts';
import type { RunContext } from '../run-context.ts';

export const ROUTER_COUNTS = [1, 4, 16];
export const DB_LOAD_CHANGE_RATE = 20;
const SERVICES = 1_000;

export interface DbLoadRun {
  routers: number;
  caches: number;
  /** Client connections other than the benchmark's own (writer and this query). */
  connections: number;
  /** Transactions/s other than the benchmark's own. */
  transactionsPerS: number;
  /** Rows returned + fetched per second (the benchmark's writes read next to none). */
  rowsReadPerS: number;
  changesPerS: number;
  windowS: number;
}

interface Counters {
  xacts: number;
  rows: number;
  at: number;
}

export async function dbLoadScenario(ctx: RunContext): Promise<DbLoadRun[]> {
  const windowS = ctx.quick ? 5 : 10;
  const database = await startDatabase();
  const caches: CacheProcess[] = [];
  const routers: RouterProcess[] = [];
  const stats = new pg.Client({ connectionString: database.databaseUrl, application_name: 'bench-stats' });
  let writer: ChangeWriter | undefined;
  const prober = new Prober();
  const runs: DbLoadRun[] = [];
  try {
    await seed(database.databaseUrl, { services: SERVICES, regions: [REGION], seed: 41 });
    await stats.connect();
    let statsQueries = 0;
    const query = async <R extends pg.QueryResultRow>(sql: string) => {
      statsQueries++;
      return (await stats.query<R>(sql)).rows;
    };
    const ids = (await query<{ id: string }>('SELECT id::text FROM services')).map((r) => r.id);
    writer = new ChangeWriter(database.databaseUrl, ids, 1);
    for (const name of ['db-cache-a', 'db-cache-b']) {
      caches.push(await spawnCache(database.databaseUrl, {}, { stderr: ctx.logFd(name) }));
    }
    const counters = async (): Promise<Counters> => {
      const [row] = await query<{ xacts: string; rows: string }>(
        `SELECT (xact_commit + xact_rollback)::text AS xacts, (tup_returned + tup_fetched)::text AS rows
           FROM pg_stat_database WHERE datname = current_database()`,
      );
      return { xacts: Number(row?.xacts), rows: Number(row?.rows), at: performance.now() };
    };
    for (const count of ROUTER_COUNTS) {
      const adding = Array.from({ length: count - routers.length }, (_, i) =>
        startRouter({
          caches: caches.map((c) => c.grpc),
          workers: 1,
          logDir: ctx.logDir,
          name: `db-load-router-${routers.length + i + 1}`,
        }),
      );
      routers.push(...(await Promise.all(adding)));
      // Settle, then a window of steady changes.
      await new Promise((r) => setTimeout(r, 2_000));
      const writerBefore = writer.transactions;
      const queriesBefore = statsQueries;
      const before = await counters();
      const changes = await driveChanges({
        writer,
        prober,
        targets: [],
        rate: DB_LOAD_CHANGE_RATE,
        seconds: windowS,
        sampleEvery: Number.MAX_SAFE_INTEGER,
        prefix: `d${count}-${Date.now().toString(36)}`,
      });
      const [conn] = await query<{ n: string }>(
        `SELECT count(*)::text AS n FROM pg_stat_activity
          WHERE datname = current_database() AND backend_type = 'client backend'
            AND application_name NOT IN ('bench-writer', 'bench-stats')`,
      );
      const after = await counters();
      const seconds = (after.at - before.at) / 1000;
      const own = writer.transactions - writerBefore + (statsQueries - queriesBefore);
      const run: DbLoadRun = {
        routers: count,
        caches: caches.length,
        connections: Number(conn?.n),
        transactionsPerS: round(Math.max(0, after.xacts - before.xacts - own) / seconds),
        rowsReadPerS: round((after.rows - before.rows) / seconds),
        changesPerS: round(changes.achievedRate),
        windowS: round(seconds),
      };
      runs.push(run);
      ctx.log(
        `${count} router(s), ${caches.length} caches: ${run.connections} connections, ${run.transactionsPerS} transactions/s, ${run.rowsReadPerS} rows read/s at ${run.changesPerS} changes/s`,
      );
    }
  } finally {
    prober.close();
    await writer?.close();
    await Promise.all(routers.map((r) => r.stop()));
    for (const cache of caches) await cache.stop();
    await stats.end().catch(() => undefined);
    await database.stop();
  }
  return runs;
}

// Changelog reads: while changes are committed at a fixed rate, the rows the database reads per
// second for each table (pg_stat_user_tables: seq_tup_read + idx_tup_fetch), less a window with
// the same writes and no cache; and EXPLAIN (ANALYZE, BUFFERS) of the cache's changelog query at a
// version a cache really has.
import { CHANGELOG_READ_SQL, readChanges } from '@switchyard/service-db';
import pg from 'pg';
import { round } from '../cache/harness.ts';
import { ChangeWriter } from '../suite/change-probe.ts';

export interface ChangelogReads {
  changesPerS: number;
  /** Rows read per second by everything but the writer (the caches), and the tables they read. */
  rowsPerS: number;
  byTable: Record<string, number>;
  /** The same window's writes with no cache running (what the writer itself reads). */
  writerOnlyRowsPerS: number;
  explain: string;
}

type TableReads = Map<string, number>;

async function tableReads(client: pg.Client): Promise<TableReads> {
  const { rows } = await client.query<{ name: string; n: string }>(
    `SELECT relname AS name, (coalesce(seq_tup_read, 0) + coalesce(idx_tup_fetch, 0))::text AS n FROM pg_stat_user_tables`,
  );
  return new Map(rows.map((r) => [r.name, Number(r.n)]));
}

/** Rows read per second per table over one window of `seconds` at `rate` changes/s. */
export async function readsWindow(client: pg.Client, writer: ChangeWriter, rate: number, seconds: number, tag: string) {
  // A backend reports its statistics at most once a second, and an idle one only after 10 s: settle
  // longer than that on both sides, so the window holds its own reads (not, say, a cache's load).
  const settle = () => new Promise((r) => setTimeout(r, 11_000));
  await settle();
  await client.query('SELECT pg_stat_clear_snapshot()');
  const before = await tableReads(client);
  const started = performance.now();
  let sent = 0;
  while (performance.now() - started < seconds * 1000) {
    const due = Math.floor(((performance.now() - started) / 1000) * rate);
    while (sent < due) await writer.commit(`${tag}-${sent++}.changelog.example`);
    await new Promise((r) => setTimeout(r, 5));
  }
  const elapsed = (performance.now() - started) / 1000;
  await settle();
  await client.query('SELECT pg_stat_clear_snapshot()');
  const after = await tableReads(client);
  const byTable: Record<string, number> = {};
  let total = 0;
  for (const [name, n] of after) {
    const delta = (n - (before.get(name) ?? 0)) / elapsed;
    if (delta >= 1) byTable[name] = round(delta);
    total += delta;
  }
  return { rowsPerS: round(total), byTable, changesPerS: round(sent / elapsed) };
}

/**
 * `startCaches` starts the caches to measure (and returns a stop function); the writer-only
 * window runs first, with none.
 */
export async function changelogReads(opts: {
  databaseUrl: string;
  rate: number;
  seconds: number;
  serviceIds: string[];
  startCaches: () => Promise<() => Promise<void>>;
  /** The version the caches are at, for EXPLAIN. */
  cacheVersion: () => Promise<number>;
}): Promise<ChangelogReads> {
  const client = new pg.Client({ connectionString: opts.databaseUrl, application_name: 'bench-stats' });
  await client.connect();
  const writer = new ChangeWriter(opts.databaseUrl, opts.serviceIds, 2);
  try {
    const alone = await readsWindow(client, writer, opts.rate, opts.seconds, `alone-${Date.now().toString(36)}`);
    const stop = await opts.startCaches();
    let withCaches: Awaited<ReturnType<typeof readsWindow>>;
    let explain: string;
    try {
      withCaches = await readsWindow(client, writer, opts.rate, opts.seconds, `cache-${Date.now().toString(36)}`);
      const version = await opts.cacheVersion();
      explain = await explainChangelogRead(client, version);
      // The query itself, as the cache runs it, once more: it must still work.
      await readChanges(client, version);
    } finally {
      await stop();
    }
    const byTable: Record<string, number> = {};
    for (const [name, n] of Object.entries(withCaches.byTable)) {
      const less = n - (alone.byTable[name] ?? 0);
      if (less >= 1) byTable[name] = round(less);
    }
    return {
      changesPerS: withCaches.changesPerS,
      rowsPerS: round(Math.max(0, withCaches.rowsPerS - alone.rowsPerS)),
      byTable,
      writerOnlyRowsPerS: alone.rowsPerS,
      explain,
    };
  } finally {
    await writer.close();
    await client.end();
  }
}

/**
 * EXPLAIN (ANALYZE, BUFFERS) of the changelog read at `version` (readChanges' statement), and of the
 * tail read inside route_changes_since (a function's plan does not show in its caller's).
 */
export async function explainChangelogRead(client: pg.Client, version: number): Promise<string> {
  const explain = async (sql: string) =>
    (
      await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, TIMING OFF) ${sql}`, [
        String(version),
      ])
    ).rows
      .map((r) => r['QUERY PLAN'])
      .join('\n');
  const outer = await explain(CHANGELOG_READ_SQL);
  await client.query('BEGIN');
  try {
    await client.query('SET LOCAL enable_seqscan = off'); // as route_changes_since plans it
    const inner = await explain('SELECT service_id, changed_at FROM route_changes WHERE xid >= $1::xid8');
    return `${outer}\n-- inside route_changes_since:\n${inner}`;
  } finally {
    await client.query('ROLLBACK');
  }
}

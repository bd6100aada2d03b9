// Commit → delta received by a Watch client, p50/p99, at fixed change rates.
import { seed } from '@switchyard/service-db';
import pg from 'pg';
import { percentile, REGION, round, spawnCache, startDatabase, watch } from './harness.ts';

export async function propagation(opts: { rates: number[]; seconds: number; services: number }) {
  const database = await startDatabase();
  const results: Record<string, unknown>[] = [];
  try {
    await seed(database.databaseUrl, { services: opts.services, regions: [REGION], seed: 11 });
    const pool = new pg.Pool({ connectionString: database.databaseUrl, max: 8 });
    pool.on('error', () => undefined);
    const { rows } = await pool.query<{ id: string }>('SELECT id::text FROM services ORDER BY id');
    const ids = rows.map((r) => r.id);
    const cache = await spawnCache(database.databaseUrl);
    const sentAt = new Map<string, number>();
    const latencies: number[] = [];
    let snapshotDone!: () => void;
    const snapshot = new Promise<void>((resolve) => {
      snapshotDone = resolve;
    });
    const client = watch(cache.grpc, 0, (event) => {
      if (event.snapshotEnd) snapshotDone();
      for (const service of event.delta?.upserts ?? []) {
        const started = sentAt.get(service.scalerRef ?? '');
        if (started === undefined) continue;
        latencies.push(performance.now() - started);
        sentAt.delete(service.scalerRef as string);
      }
    });
    await snapshot;

    for (const rate of opts.rates) {
      latencies.length = 0;
      sentAt.clear();
      const total = rate * opts.seconds;
      const begin = performance.now();
      const inflight = new Set<Promise<unknown>>();
      let late = 0;
      for (let i = 0; i < total; i++) {
        const due = begin + (i * 1000) / rate;
        const wait = due - performance.now();
        if (wait > 1) await new Promise((r) => setTimeout(r, wait));
        else if (wait < -50) late++;
        const marker = `r${rate}-${i}`;
        const id = ids[i % ids.length] as string;
        sentAt.set(marker, performance.now());
        const p = pool.query('UPDATE services SET scaler_ref = $2 WHERE id = $1', [id, marker]);
        inflight.add(p);
        p.finally(() => inflight.delete(p));
      }
      await Promise.all(inflight);
      const deadline = performance.now() + 10_000;
      while (sentAt.size > 0 && performance.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      const sorted = [...latencies].sort((a, b) => a - b);
      results.push({
        rate,
        changes: total,
        received: latencies.length,
        lost: sentAt.size,
        behindSchedule: late,
        achievedRate: round(total / ((performance.now() - begin) / 1000)),
        p50ms: round(percentile(sorted, 50), 2),
        p99ms: round(percentile(sorted, 99), 2),
        maxMs: round(sorted.at(-1) ?? Number.NaN, 2),
      });
      console.error(JSON.stringify(results.at(-1)));
    }
    client.close();
    await cache.stop();
    await pool.end();
  } finally {
    await database.stop();
  }
  return results;
}

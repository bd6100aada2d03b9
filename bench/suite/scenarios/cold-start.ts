// Cold start: router process spawn → /readyz 200 (snapshot from a cache received and indexed,
// serving threads up), with 100,000 and 1,000,000 services. Router defaults (2 serving threads,
// default ingest threads), no state dir, not pinned: as a router would start in production.
// Runs last: it grows the fleet's database to 1 M services.
import { seed } from '@switchyard/service-db';
import { REGION } from '../../cache/harness.ts';
import { startRouter } from '../router-process.ts';
import type { RunContext } from '../run-context.ts';
import { median } from '../summary.ts';

export interface ColdStartRun {
  services: number;
  hostnames: number;
  roundsMs: number[];
  medianMs: number;
  cacheReadyMs: number;
}

export async function coldStartScenario(ctx: RunContext): Promise<ColdStartRun[]> {
  const runs: ColdStartRun[] = [];
  const measure = async (rounds: number, cacheGrpc: string, cacheReadyMs: number) => {
    const roundsMs: number[] = [];
    let hostnames = 0;
    let services = 0;
    for (let i = 0; i < rounds; i++) {
      const router = await startRouter({
        caches: [cacheGrpc],
        workers: 2,
        logDir: ctx.logDir,
        name: 'cold-start-router',
        readyTimeoutMs: 600_000,
      });
      const state = await router.state();
      services = state.services;
      hostnames = state.hostnames;
      roundsMs.push(router.readyMs);
      await router.stop();
      ctx.log(`cold start with ${services} services: ${router.readyMs} ms`);
    }
    const run = {
      services,
      hostnames,
      roundsMs,
      medianMs: median(roundsMs),
      cacheReadyMs,
    };
    runs.push(run);
  };

  await measure(ctx.quick ? 1 : 3, ctx.caches[0]?.grpc as string, ctx.caches[0]?.readyMs ?? 0);
  if (ctx.quick) return runs;

  // 1 M (--large): 900,000 more services (another seed: no shared ids or hostnames); the caches are stopped
  // first so they do not follow a 900,000-service change, and a fresh one loads the whole table.
  for (const cache of ctx.caches) await cache.stop();
  ctx.caches.length = 0;
  const t = performance.now();
  await seed(ctx.database.databaseUrl, {
    services: ctx.largeServices - ctx.fleet.services,
    regions: [REGION],
    seed: 2,
  });
  ctx.log(`seeded to ${ctx.largeServices} services in ${Math.round(performance.now() - t)} ms`);
  const cache = await ctx.startCache('cache-1m');
  ctx.caches.push(cache);
  ctx.log(`cache with ${ctx.largeServices} services ready in ${cache.readyMs} ms`);
  await measure(2, cache.grpc, cache.readyMs);
  return runs;
}

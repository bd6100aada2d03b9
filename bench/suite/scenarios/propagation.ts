// Propagation: commit → served by every router, p50/p99, at 100 and 1,000 changes/s, with 1 router
// and then with 4.
import { percentile, round } from '../../cache/harness.ts';
import { ChangeWriter, driveChanges, Prober } from '../change-probe.ts';
import { bucketDelta, bucketQuantileMs, readBuckets } from '../propagation-histogram.ts';
import { type RouterProcess, startRouter } from '../router-process.ts';
import type { RunContext } from '../run-context.ts';

export const PROPAGATION_RATES = [100, 1_000];
export const PROPAGATION_ROUTER_COUNTS = [1, 4];
/** Probed changes per second, whatever the change rate: enough samples, little probing load. */
const SAMPLES_PER_SECOND = 25;

export interface PropagationRun {
  rate: number;
  routers: number;
  committed: number;
  achievedRate: number;
  behindSchedule: number;
  probed: number;
  /** Probed changes some router never served within the give-up time. */
  lost: number;
  /** Commit → served by every router. */
  everyP50Ms: number;
  everyP99Ms: number;
  everyMaxMs: number;
  /** Commit → served, each (change, router) pair. */
  eachP50Ms: number;
  eachP99Ms: number;
  /**
   * The routers' own histogram (commit → applied in the route table, every delta, all routers):
   * upper bounds of the buckets holding p50 and p99, and how many deltas it saw.
   */
  appliedP50Ms?: number;
  appliedP99Ms?: number;
  appliedDeltas?: number;
}

export async function propagationScenario(ctx: RunContext): Promise<PropagationRun[]> {
  const seconds = ctx.quick ? 5 : 10;
  const routers: RouterProcess[] = [];
  const writer = new ChangeWriter(ctx.database.databaseUrl, ctx.fleet.serviceIds);
  const prober = new Prober();
  const runs: PropagationRun[] = [];
  try {
    for (const count of PROPAGATION_ROUTER_COUNTS) {
      const starting = Array.from({ length: count - routers.length }, (_, i) =>
        startRouter({
          caches: ctx.caches.map((c) => c.grpc),
          workers: 1,
          logDir: ctx.logDir,
          name: `propagation-router-${routers.length + i + 1}`,
          // --profile: each router's main thread (it applies the deltas), written when it stops.
          ...(ctx.profile ? { nodeArgs: ['--cpu-prof', '--cpu-prof-dir', ctx.profileDir] } : {}),
        }),
      );
      routers.push(...(await Promise.all(starting)));
      const caches = await Promise.all(routers.map(async (r) => (await r.state()).cache));
      ctx.log(`${routers.length} router(s) ready; caches in use: ${caches.join(', ')}`);
      const targets = routers.map((r, i) => ({ name: `router-${i + 1}`, port: r.port, admin: r.admin }));
      for (const rate of PROPAGATION_RATES) runs.push(await measureRate(ctx, writer, prober, targets, rate, seconds));
    }
  } finally {
    prober.close();
    await writer.close();
    await Promise.all(routers.map((r) => r.stop()));
  }
  return runs;
}

async function measureRate(
  ctx: RunContext,
  writer: ChangeWriter,
  prober: Prober,
  targets: { name: string; port: number; admin: string }[],
  rate: number,
  seconds: number,
): Promise<PropagationRun> {
  const before = await Promise.all(targets.map((t) => readBuckets(t.admin)));
  const run = await driveChanges({
    writer,
    prober,
    targets,
    rate,
    seconds,
    sampleEvery: Math.max(1, Math.round(rate / SAMPLES_PER_SECOND)),
    prefix: `p${rate}-${Date.now().toString(36)}`,
  });
  const every: number[] = [];
  const each: number[] = [];
  let lost = 0;
  for (const change of run.probed) {
    if (change.servedAt.some((t) => t === undefined)) {
      lost++;
      continue;
    }
    const latencies = change.servedAt.map((t) => Math.max(0, (t as number) - change.committedAt));
    each.push(...latencies);
    every.push(Math.max(...latencies));
  }
  const after = await Promise.all(targets.map((t) => readBuckets(t.admin)));
  const applied = bucketDelta(after.map((a, i) => ({ before: before[i] ?? new Map(), after: a })));
  every.sort((a, b) => a - b);
  each.sort((a, b) => a - b);
  const result: PropagationRun = {
    rate,
    routers: targets.length,
    committed: run.committed,
    achievedRate: round(run.achievedRate),
    behindSchedule: run.behindSchedule,
    probed: run.probed.length,
    lost,
    everyP50Ms: round(percentile(every, 50), 2),
    everyP99Ms: round(percentile(every, 99), 2),
    everyMaxMs: round(every.at(-1) ?? Number.NaN, 2),
    eachP50Ms: round(percentile(each, 50), 2),
    eachP99Ms: round(percentile(each, 99), 2),
    appliedP50Ms: bucketQuantileMs(applied, 0.5),
    appliedP99Ms: bucketQuantileMs(applied, 0.99),
    appliedDeltas: applied.get(Number.POSITIVE_INFINITY) ?? 0,
  };
  ctx.log(
    `${targets.length} router(s), ${rate} changes/s (achieved ${result.achievedRate}): every router p50 ${result.everyP50Ms} ms p99 ${result.everyP99Ms} ms max ${result.everyMaxMs} ms; ${result.probed} probed, ${lost} lost; in-router commit → applied p50 ≤ ${result.appliedP50Ms} ms, p99 ≤ ${result.appliedP99Ms} ms over ${result.appliedDeltas} deltas`,
  );
  return result;
}

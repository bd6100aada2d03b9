// Failover: during constant-rate load through one router, SIGKILL the cache it uses (its
// /debug/state names it) while changes keep being committed. Reports the failed requests and the
// staleness: the longest time in which the router applied no change although changes kept coming.
import { round } from '../../cache/harness.ts';
import { ChangeWriter, driveChanges, Prober } from '../change-probe.ts';
import { type K6Result, runK6 } from '../k6.ts';
import { startRouter } from '../router-process.ts';
import type { RunContext } from '../run-context.ts';
import { wallMs } from '../wall-clock.ts';
import { LOAD_CPU, PROXY_CPU } from './proxy.ts';

export const FAILOVER_LOAD_RATE = 500;
export const FAILOVER_CHANGE_RATE = 50;

export interface FailoverResult {
  loadRate: number;
  changeRate: number;
  durationS: number;
  killedAtS: number;
  killedCache: string;
  cacheAfter: string | undefined;
  reconnects: number;
  load: K6Result;
  failedRequests: number;
  /** Longest gap between two consecutive changes being served, across the kill. */
  stalenessMs: number;
  /** The same, before the kill: what the change rate and probing alone give. */
  stalenessBeforeKillMs: number;
  /** Kill → the first change committed after it is served. */
  firstChangeAfterKillMs: number | undefined;
  changesLost: number;
  maxPropagationMs: number;
}

export async function failoverScenario(ctx: RunContext): Promise<FailoverResult> {
  const durationS = ctx.quick ? 12 : 20;
  const killAtS = Math.round(durationS / 3);
  const router = await startRouter({
    caches: ctx.caches.map((c) => c.grpc),
    workers: 1,
    cpus: PROXY_CPU,
    logDir: ctx.logDir,
    name: 'failover-router',
  });
  const writer = new ChangeWriter(ctx.database.databaseUrl, ctx.fleet.serviceIds, 4);
  const prober = new Prober();
  try {
    const initial = await router.state();
    const victimIndex = ctx.caches.findIndex((c) => c.grpc === initial.cache);
    const victim = ctx.caches[victimIndex];
    if (!victim) throw new Error(`the router's cache ${initial.cache} is none of ${ctx.caches.map((c) => c.grpc)}`);
    ctx.log(`router uses ${victim.grpc}; killing it (SIGKILL) ${killAtS} s into ${durationS} s of load`);

    const load = runK6({
      target: router.url,
      hostsFile: ctx.fleet.hostsFile,
      load: { mode: 'rate', rate: FAILOVER_LOAD_RATE },
      durationS,
      cpus: LOAD_CPU,
    });
    // k6 takes a moment to start; begin the changes (and the clock of the kill) with its load.
    await new Promise((r) => setTimeout(r, 1_000));
    let killedAt: number | undefined;
    let killing: Promise<void> | undefined;
    const changes = await driveChanges({
      writer,
      prober,
      targets: [{ name: 'router', port: router.port }],
      rate: FAILOVER_CHANGE_RATE,
      seconds: durationS - 2,
      sampleEvery: 1,
      prefix: `f-${Date.now().toString(36)}`,
      onTick: (elapsed) => {
        if (killing === undefined && elapsed >= killAtS * 1000) {
          killedAt = wallMs();
          killing = victim.stop('SIGKILL');
        }
      },
    });
    await killing;
    const result = await load;
    const after = await router.state();

    const served = changes.probed.map((c) => c.servedAt[0]).filter((t): t is number => t !== undefined);
    served.sort((a, b) => a - b);
    let staleness = 0;
    let stalenessBefore = 0;
    for (let i = 1; i < served.length; i++) {
      const gap = (served[i] as number) - (served[i - 1] as number);
      staleness = Math.max(staleness, gap);
      if (killedAt !== undefined && (served[i] as number) < killedAt) stalenessBefore = Math.max(stalenessBefore, gap);
    }
    const firstAfter = changes.probed.find((c) => killedAt !== undefined && c.committedAt >= killedAt);
    const firstServed = firstAfter?.servedAt[0];
    const latencies = changes.probed.flatMap((c) =>
      c.servedAt[0] === undefined ? [] : [c.servedAt[0] - c.committedAt],
    );
    const out: FailoverResult = {
      loadRate: FAILOVER_LOAD_RATE,
      changeRate: FAILOVER_CHANGE_RATE,
      durationS,
      killedAtS: killAtS,
      killedCache: victim.grpc,
      cacheAfter: after.cache,
      reconnects: after.reconnects,
      load: result,
      failedRequests: result.failed,
      stalenessMs: round(staleness, 1),
      stalenessBeforeKillMs: round(stalenessBefore, 1),
      firstChangeAfterKillMs:
        firstServed === undefined || killedAt === undefined ? undefined : round(firstServed - killedAt, 1),
      changesLost: changes.probed.length - served.length,
      maxPropagationMs: round(Math.max(...latencies), 1),
    };
    ctx.log(
      `failover: ${out.failedRequests} failed of ${result.requests} requests${result.valid ? '' : ` (INVALID load: ${result.invalidReason})`}; ` +
        `staleness ${out.stalenessMs} ms (before the kill ${out.stalenessBeforeKillMs} ms); now on ${out.cacheAfter}`,
    );
    // The dead cache is gone for later scenarios (cold start uses a live one).
    ctx.caches.splice(victimIndex, 1);
    return out;
  } finally {
    prober.close();
    await writer.close();
    await router.stop();
  }
}

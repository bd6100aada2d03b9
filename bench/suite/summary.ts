// <results>/SUMMARY.md from the scenario JSON files in <results>: the issue's goals (met/missed and
// by how much), a table per scenario, and SVG charts of latency vs offered rate.
// Standalone: `npx node bench/suite/summary.ts [results-dir]` regenerates it from the JSON files.
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ColdStartRun } from './scenarios/cold-start.ts';
import type { DbLoadRun } from './scenarios/db-load.ts';
import type { FailoverResult } from './scenarios/failover.ts';
import type { PropagationRun } from './scenarios/propagation.ts';
import type { Measured, ProxyResult, TargetResult } from './scenarios/proxy.ts';
import { type ChartSeries, lineChart } from './svg-chart.ts';

interface Recorded<T> {
  scenario: string;
  quick: boolean;
  startedAt: string;
  seconds: number;
  commit: string;
  machine: { cpus: number; model: string; loadAverage: string; node: string };
  result: T;
}

export interface Goal {
  goal: string;
  measured: string;
  /** undefined: not measured in this run. */
  met: boolean | undefined;
  /** Measured, but the run is not a valid result (dropped iterations). */
  invalid?: boolean;
  margin: string;
}

const COLORS: Record<string, string> = { router: '#d62728', nginx: '#2ca02c', haproxy: '#1f77b4', direct: '#7f7f7f' };
const ms = (n: number | undefined) =>
  n === undefined || !Number.isFinite(n) ? '–' : `${n < 10 ? n.toFixed(2) : n.toFixed(1)} ms`;
const int = (n: number) => Math.round(n).toLocaleString('en-US');
const pct = (n: number) => `${Math.round(n * 100)}%`;
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

async function load<T>(dir: string, name: string): Promise<Recorded<T> | undefined> {
  const file = join(dir, `${name}.json`);
  if (!existsSync(file)) return undefined;
  return JSON.parse(await readFile(file, 'utf8')) as Recorded<T>;
}

/** Requests one fully used CPU core would serve at this run's CPU cost per request. */
/** The middle value; the mean of the two middle ones for an even count. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** What both load generators' saturation runs report. */
export interface SaturationRun {
  rate: number;
  requests: number;
  cpuS: number;
  cpuSPer10kRequests: number;
  cpuUtilisation: number;
}

export function perCore(m: SaturationRun): number {
  return m.cpuS > 0 ? m.requests / m.cpuS : Number.NaN;
}

/**
 * Added p99 at half of saturation (the second offered rate). An invalid router run is a miss only if
 * the backend alone sustained the same rate; when k6 could not offer it to the backend either, the
 * load generator is the limit, and the highest lower rate at which both runs are valid is used.
 */
export function addedP99Goal(router: TargetResult | undefined, direct: TargetResult | undefined): Goal {
  const goal = 'added p99 ≤ 1 ms at half of saturation';
  const routerHalf = router?.rates[1];
  const directHalf = direct?.rates[1];
  if (!router || !direct || !routerHalf || !directHalf)
    return { goal, measured: '–', met: undefined, margin: 'not measured' };
  if (!routerHalf.valid && directHalf.valid) {
    return {
      goal,
      measured: `INVALID router run (${routerHalf.invalidReason}) where the backend alone sustained ${int(directHalf.offeredRate ?? 0)} req/s`,
      met: false,
      margin: 'the router could not sustain the rate',
    };
  }
  let index = 1;
  while (index >= 0 && !(router.rates[index]?.valid && direct.rates[index]?.valid)) index--;
  const r = router.rates[index];
  const d = direct.rates[index];
  if (!r || !d) {
    return {
      goal,
      measured: 'every run at or below half of saturation was INVALID',
      met: undefined,
      margin: 'k6 could not offer the rates',
    };
  }
  const added = r.p99Ms - d.p99Ms;
  const fallback =
    index === 1
      ? ''
      : ` — half of saturation, ${int(directHalf.offeredRate ?? 0)} req/s, k6 could not offer even to the backend alone`;
  return {
    goal,
    measured: `${ms(added)} (p99 ${ms(r.p99Ms)} through the router vs ${ms(d.p99Ms)} direct, at ${int(r.offeredRate ?? 0)} req/s${fallback})`,
    met: added <= 1,
    margin: added <= 1 ? `${ms(1 - added)} to spare` : `${ms(added - 1)} over`,
  };
}

function target(proxy: ProxyResult, name: string): TargetResult | undefined {
  return proxy.targets.find((t) => t.name === name);
}

/** Each goal of issue #8 against what was measured. */
export function goals(r: {
  proxy?: ProxyResult;
  propagation?: PropagationRun[];
  coldStart?: ColdStartRun[];
  failover?: FailoverResult;
  dbLoad?: DbLoadRun[];
}): Goal[] {
  const out: Goal[] = [];
  const router = r.proxy && target(r.proxy, 'router');
  const nginx = r.proxy && target(r.proxy, 'nginx');
  const direct = r.proxy && target(r.proxy, 'direct');
  if (router && nginx) {
    // wrk's saturation runs when there are (closer to each proxy's own limit), else k6's.
    const useWrk = router.wrkSaturation !== undefined && nginx.wrkSaturation !== undefined;
    const rs: SaturationRun = router.wrkSaturation ?? router.saturation;
    const ns: SaturationRun = nginx.wrkSaturation ?? nginx.saturation;
    const tool = useWrk ? 'wrk' : 'k6';
    // A closed-loop run saturates the target only if the target's CPU is the bottleneck. When the
    // load generator (or the backend) on the other core is, compare what one core of each proxy
    // serves instead: requests per CPU second, from the same runs' /proc accounting.
    const saturated = ns.cpuUtilisation >= 0.9 && rs.cpuUtilisation >= 0.9;
    const ratio = saturated ? rs.rate / ns.rate : perCore(rs) / perCore(ns);
    const basis = saturated
      ? `${int(rs.rate)} vs ${int(ns.rate)} req/s with ${tool}`
      : `per CPU core: ${int(perCore(rs))} vs ${int(perCore(ns))} req/s — the measured ${int(rs.rate)} vs ${int(ns.rate)} req/s with ${tool} were bound by the load generator (CPU utilisation ${pct(rs.cpuUtilisation)} / ${pct(ns.cpuUtilisation)})`;
    out.push({
      goal: 'router throughput ≥ 0.75× nginx at saturation',
      measured: `${ratio.toFixed(2)}× (${basis})`,
      met: ratio >= 0.75,
      margin:
        ratio >= 0.75
          ? `${((ratio / 0.75 - 1) * 100).toFixed(0)}% above`
          : `${((1 - ratio / 0.75) * 100).toFixed(0)}% short`,
    });
    const cpu = rs.cpuSPer10kRequests / ns.cpuSPer10kRequests;
    out.push({
      goal: 'router CPU per request ≤ 2× nginx',
      measured: `${cpu.toFixed(2)}× (${rs.cpuSPer10kRequests.toFixed(3)} vs ${ns.cpuSPer10kRequests.toFixed(3)} CPU s / 10k req, ${tool} saturation runs)`,
      met: cpu <= 2,
      margin: cpu <= 2 ? `${((1 - cpu / 2) * 100).toFixed(0)}% under` : `${((cpu / 2 - 1) * 100).toFixed(0)}% over`,
    });
  } else {
    out.push({
      goal: 'router throughput ≥ 0.75× nginx at saturation',
      measured: '–',
      met: undefined,
      margin: 'not measured',
    });
    out.push({ goal: 'router CPU per request ≤ 2× nginx', measured: '–', met: undefined, margin: 'not measured' });
  }
  out.push(addedP99Goal(router, direct));
  if (r.propagation && r.propagation.length > 0) {
    const worst = Math.max(...r.propagation.map((p) => p.everyP99Ms));
    out.push({
      goal: 'propagation p99 ≤ 100 ms (commit → served by every router)',
      measured: r.propagation.map((p) => `${ms(p.everyP99Ms)} at ${int(p.rate)}/s`).join(', '),
      met: worst <= 100 && r.propagation.every((p) => p.lost === 0),
      margin: worst <= 100 ? `${ms(100 - worst)} to spare` : `${ms(worst - 100)} over`,
    });
  } else out.push({ goal: 'propagation p99 ≤ 100 ms', measured: '–', met: undefined, margin: 'not measured' });
  const million = r.coldStart?.find((c) => c.services >= 1_000_000);
  if (million) {
    out.push({
      goal: 'cold start with 1,000,000 services ≤ 3 s',
      measured: `${int(median(million.roundsMs))} ms (median of ${million.roundsMs.length})`,
      met: median(million.roundsMs) <= 3_000,
      margin:
        median(million.roundsMs) <= 3_000
          ? `${int(3_000 - median(million.roundsMs))} ms to spare`
          : `${(median(million.roundsMs) / 3_000).toFixed(1)}× the goal`,
    });
  } else {
    out.push({
      goal: 'cold start with 1,000,000 services ≤ 3 s',
      measured: r.coldStart?.[0]
        ? `${int(median(r.coldStart[0].roundsMs))} ms at ${int(r.coldStart[0].services)} services only`
        : '–',
      met: undefined,
      margin: 'quick run: 100 k only',
    });
  }
  if (r.failover) {
    const f = r.failover;
    const ok = f.failedRequests === 0;
    out.push({
      goal: 'failover: zero failed requests',
      measured: `${int(f.failedRequests)} failed of ${int(f.load.requests)}${f.load.valid ? '' : ` (load run INVALID: ${f.load.invalidReason})`}`,
      met: ok,
      invalid: !f.load.valid,
      margin: ok ? 'none failed' : `${int(f.failedRequests)} failed`,
    });
    out.push({
      goal: 'failover: staleness ≤ 1 s',
      measured: `${ms(f.stalenessMs)} (${ms(f.stalenessBeforeKillMs)} before the kill)`,
      met: f.stalenessMs <= 1_000 && f.changesLost === 0,
      margin: f.stalenessMs <= 1_000 ? `${ms(1_000 - f.stalenessMs)} to spare` : `${ms(f.stalenessMs - 1_000)} over`,
    });
  } else out.push({ goal: 'failover', measured: '–', met: undefined, margin: 'not measured' });
  if (r.dbLoad && r.dbLoad.length > 0) {
    const counts = r.dbLoad.map((d) => d.connections);
    const same = counts.every((c) => c === counts[0]);
    out.push({
      goal: 'database connections independent of the number of routers',
      measured: r.dbLoad.map((d) => `${d.connections} with ${d.routers}`).join(', '),
      met: same,
      margin: same ? 'constant' : `varies ${Math.min(...counts)}–${Math.max(...counts)}`,
    });
  } else
    out.push({
      goal: 'database connections independent of routers',
      measured: '–',
      met: undefined,
      margin: 'not measured',
    });
  return out;
}

function latencyChart(proxy: ProxyResult, which: 'p50Ms' | 'p99Ms'): string {
  const series: ChartSeries[] = proxy.targets.map((t) => ({
    label: t.name,
    color: COLORS[t.name] ?? '#000',
    dashed: t.name === 'direct',
    points: t.rates.map((m: Measured) => ({ x: m.offeredRate ?? m.rate, y: m[which], invalid: !m.valid })),
  }));
  return lineChart({
    title: `${which === 'p50Ms' ? 'p50' : 'p99'} latency vs offered rate (k6 constant-arrival-rate)`,
    xLabel: 'offered rate (req/s)',
    yLabel: `${which === 'p50Ms' ? 'p50' : 'p99'} latency (ms)`,
    series,
  });
}

/** SUMMARY.md's section for the chaos soak, from its chaos.md (marked, so that a new soak replaces it). */
export function chaosSection(chaosMd: string): string {
  const report = chaosMd.replace(/^# .*\n+/, '').trimEnd();
  return `<!-- chaos -->\n## Chaos soak (\`npm run chaos\`, docs/reliability.md)\n\n${report}\n<!-- /chaos -->`;
}

export async function writeSummary(dir: string): Promise<string> {
  const proxy = await load<ProxyResult>(dir, 'proxy');
  const propagation = await load<PropagationRun[]>(dir, 'propagation');
  const coldStart = await load<ColdStartRun[]>(dir, 'cold-start');
  const failover = await load<FailoverResult>(dir, 'failover');
  const dbLoad = await load<DbLoadRun[]>(dir, 'db-load');
  const records = [proxy, propagation, failover, dbLoad, coldStart].filter((r) => r !== undefined);
  const lines: string[] = ['# Switchyard benchmark summary', ''];
  lines.push(
    'Generated by `npm run bench` (bench/suite/summary.ts) from the JSON files beside it; how to run it and',
    'how to read it: [docs/benchmarks.md](../../docs/benchmarks.md).',
    '',
    '| scenario | run | started (UTC) | took | commit | load average at the end |',
    '| --- | --- | --- | --- | --- | --- |',
  );
  for (const r of records) {
    lines.push(
      `| ${r.scenario} | ${r.quick ? '**quick**' : 'full'} | ${r.startedAt.replace('T', ' ').slice(0, 19)} | ${r.seconds} s | ${r.commit} | ${r.machine.loadAverage} |`,
    );
  }
  const m = records[0]?.machine;
  if (m) lines.push('', `Machine: ${m.cpus} CPUs (${m.model}), Node ${m.node}.`);

  lines.push('', '## Goals (issue #8)', '', '| goal | measured | verdict |', '| --- | --- | --- |');
  for (const g of goals({
    proxy: proxy?.result,
    propagation: propagation?.result,
    coldStart: coldStart?.result,
    failover: failover?.result,
    dbLoad: dbLoad?.result,
  })) {
    let verdict =
      g.met === undefined
        ? g.margin === 'not measured'
          ? g.margin
          : `not measured (${g.margin})`
        : g.met
          ? `**met** (${g.margin})`
          : `**missed** (${g.margin})`;
    if (g.invalid)
      verdict = `**invalid run**: the load dropped iterations (${g.met ? 'would be met' : 'missed'}: ${g.margin})`;
    lines.push(`| ${g.goal} | ${g.measured} | ${verdict} |`);
  }

  if (proxy) {
    const p = proxy.result;
    lines.push(
      '',
      '## Proxy',
      '',
      `${int(p.services)} services in the table, all routed to one backend; k6 draws the Host header uniformly at random from`,
      `${int(p.hostnames)} hostnames. Every proxy pinned to CPU 0 with 1 worker/thread; k6 and the backend on CPU 1.`,
      `Runs of ${p.durationS} s. CPU = utime + stime of every process of the target (/proc/<pid>/stat) while k6 ran;`,
      'utilisation below ~90% means the target was not the bottleneck (k6 or the backend on CPU 1 was); "req/s per CPU',
      'core" = requests / CPU seconds, what one fully used core of that proxy serves at the measured cost per request.',
      '',
      '### Saturation (k6 constant-vus, 50 VUs, closed loop)',
      '',
      '| target | req/s | vs nginx | p50 | p99 | CPU s / 10k req | CPU utilisation | req/s per CPU core | peak RSS (VmHWM) | failed |',
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    );
    const nginxRate = target(p, 'nginx')?.saturation.rate ?? Number.NaN;
    for (const t of p.targets) {
      const s = t.saturation;
      lines.push(
        `| ${t.description} | ${int(s.rate)} | ${(s.rate / nginxRate).toFixed(2)}× | ${ms(s.p50Ms)} | ${ms(s.p99Ms)} | ${s.cpuSPer10kRequests.toFixed(3)} | ${pct(s.cpuUtilisation)} | ${int(perCore(s))} | ${mib(t.peakRssBytes)} | ${int(s.failed)} |`,
      );
    }
    if (p.targets.some((t) => t.wrkSaturation)) {
      lines.push(
        '',
        '### Saturation with wrk (closed loop, 1 thread, 50 connections, same random Host draw)',
        '',
        "k6 costs more CPU per request than any of the proxies and shares CPU 1 with the backend, so its closed loop tops out below what nginx and HAProxy pass on one core; wrk's is several times cheaper. The goals use these runs when they exist.",
        '',
        '| target | req/s | vs nginx | p50 | p99 | CPU s / 10k req | CPU utilisation | req/s per CPU core | failed |',
        '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
      );
      const nginxWrk = target(p, 'nginx')?.wrkSaturation?.rate ?? Number.NaN;
      for (const t of p.targets) {
        const w = t.wrkSaturation;
        if (!w) continue;
        lines.push(
          `| ${t.description} | ${int(w.rate)} | ${(w.rate / nginxWrk).toFixed(2)}× | ${ms(w.p50Ms)} | ${ms(w.p99Ms)} | ${w.cpuSPer10kRequests.toFixed(3)} | ${pct(w.cpuUtilisation)} | ${int(perCore(w))} | ${int(w.failed)} |`,
        );
      }
    }
    lines.push(
      '',
      `### Latency at fixed offered rates (k6 constant-arrival-rate: ${p.offeredRates.map(int).join(', ')} req/s = 25/50/75% of nginx's saturation)`,
      '',
      '| target | offered | achieved | p50 | p99 | p99 added vs direct | CPU s / 10k req | failed | valid |',
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    );
    const direct = target(p, 'direct');
    p.offeredRates.forEach((rate, i) => {
      for (const t of p.targets) {
        const r = t.rates[i];
        if (!r) continue;
        const d = direct?.rates[i];
        const added = t.name !== 'direct' && d?.valid && r.valid ? ms(r.p99Ms - d.p99Ms) : '';
        lines.push(
          `| ${t.name} | ${int(rate)} | ${int(r.rate)} | ${r.valid ? ms(r.p50Ms) : '–'} | ${r.valid ? ms(r.p99Ms) : '–'} | ${added} | ${r.cpuSPer10kRequests.toFixed(3)} | ${int(r.failed)} | ${r.valid ? 'yes' : `**INVALID**: ${r.invalidReason}`} |`,
        );
      }
    });
    await writeFile(join(dir, 'latency-p99.svg'), latencyChart(p, 'p99Ms'));
    await writeFile(join(dir, 'latency-p50.svg'), latencyChart(p, 'p50Ms'));
    lines.push(
      '',
      '![p99 latency vs offered rate](latency-p99.svg)',
      '',
      '![p50 latency vs offered rate](latency-p50.svg)',
    );
  }

  if (propagation) {
    lines.push(
      '',
      '## Propagation',
      '',
      'A change = a new hostname on a fleet service, committed (autocommit INSERT) at a steady rate; a sample of the',
      'changes is probed through each router\'s HTTP port every ~3 ms until it stops answering 404. "every router" =',
      'commit acknowledged → the last of the routers (1, then 4) serving it.',
      '',
      '| changes/s (achieved) | routers | probed | lost | every router p50 | p99 | max | each router p50 | p99 |',
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    );
    for (const r of propagation.result) {
      lines.push(
        `| ${int(r.rate)} (${int(r.achievedRate)}) | ${r.routers} | ${r.probed} | ${r.lost} | ${ms(r.everyP50Ms)} | ${ms(r.everyP99Ms)} | ${ms(r.everyMaxMs)} | ${ms(r.eachP50Ms)} | ${ms(r.eachP99Ms)} |`,
      );
    }
  }

  if (coldStart) {
    lines.push(
      '',
      '## Cold start',
      '',
      'Router process spawn → `/readyz` 200: snapshot streamed from a cache, indexed, serving threads up (2 serving',
      'threads, default ingest threads, no state dir, not pinned).',
      '',
      '| services | hostnames | median | rounds | cache load (its own start) |',
      '| --- | --- | --- | --- | --- |',
    );
    for (const r of coldStart.result) {
      lines.push(
        `| ${int(r.services)} | ${int(r.hostnames)} | ${int(median(r.roundsMs))} ms | ${r.roundsMs.map(int).join(' / ')} ms | ${int(r.cacheReadyMs)} ms |`,
      );
    }
  }

  if (failover) {
    const f = failover.result;
    lines.push(
      '',
      '## Failover',
      '',
      `One router (CPU 0, 1 worker) with 2 caches; k6 at ${int(f.loadRate)} req/s for ${f.durationS} s; ${f.changeRate} changes/s committed and`,
      `every one probed; the cache the router used (\`/debug/state\`) SIGKILLed ${f.killedAtS} s in.`,
      '',
      '| failed requests | requests | load valid | staleness (longest gap between changes served) | same, before the kill | kill → first later change served | changes lost | max commit → served | cache after | reconnects |',
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
      `| ${int(f.failedRequests)} | ${int(f.load.requests)} | ${f.load.valid ? 'yes' : `**INVALID**: ${f.load.invalidReason}`} | ${ms(f.stalenessMs)} | ${ms(f.stalenessBeforeKillMs)} | ${ms(f.firstChangeAfterKillMs)} | ${f.changesLost} | ${ms(f.maxPropagationMs)} | ${f.cacheAfter ?? '–'} (killed ${f.killedCache}) | ${f.reconnects} |`,
    );
  }

  if (dbLoad) {
    lines.push(
      '',
      '## Database load',
      '',
      'Two caches, N routers (each on its own Watch stream), changes committed at a steady rate. Connections = client',
      'backends in pg_stat_activity; transactions/s = pg_stat_database xact_commit + xact_rollback, less the',
      "benchmark's own (its writes and these queries); rows read/s = tup_returned + tup_fetched.",
      '',
      '| routers | caches | DB connections | transactions/s | rows read/s | changes/s |',
      '| --- | --- | --- | --- | --- | --- |',
    );
    for (const r of dbLoad.result) {
      lines.push(
        `| ${r.routers} | ${r.caches} | ${r.connections} | ${r.transactionsPerS} | ${int(r.rowsReadPerS)} | ${r.changesPerS} |`,
      );
    }
  }
  // The chaos soak's last report (bench/chaos/run.ts writes chaos.md), kept across regenerations.
  const chaos = await readFile(join(dir, 'chaos.md'), 'utf8').catch(() => undefined);
  if (chaos !== undefined) lines.push('', chaosSection(chaos));
  const file = join(dir, 'SUMMARY.md');
  await writeFile(file, `${lines.join('\n')}\n`);
  return file;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = await writeSummary(process.argv[2] ?? new URL('../results/', import.meta.url).pathname);
  process.stdout.write(await readFile(file, 'utf8'));
}

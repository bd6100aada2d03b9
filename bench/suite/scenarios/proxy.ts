// Proxy: throughput at saturation, latency at fixed fractions of nginx's saturation rate, CPU per
// 10,000 requests and peak RSS — router vs nginx vs HAProxy (each on CPU 0, one worker) and the
// backend direct, with k6 and the backend on CPU 1 and Host headers drawn from the whole fleet.
import { fileURLToPath } from 'node:url';
import { findFreePort } from '@switchyard/service-db';
import { startHaproxy, startNginx, writeHostMaps } from '../baselines.ts';
import { type K6Load, type K6Result, runK6 } from '../k6.ts';
import { cpuSeconds, type Pinned, peakRssBytes, spawnPinned, waitForHttp } from '../processes.ts';
import { startRouter } from '../router-process.ts';
import type { RunContext } from '../run-context.ts';
import { runWrk, type WrkResult, wrkInstalled } from '../wrk.ts';

export const PROXY_CPU = '0';
export const LOAD_CPU = '1';
export const RATE_FRACTIONS = [0.25, 0.5, 0.75];
const SATURATION_VUS = 50;

export interface Measured extends K6Result {
  /** CPU seconds of every process of the target while k6 ran. */
  cpuS: number;
  cpuSPer10kRequests: number;
  /** cpuS over the run's duration: below ~0.9 the proxy was not the bottleneck. */
  cpuUtilisation: number;
}

export interface MeasuredWrk extends WrkResult {
  cpuS: number;
  cpuSPer10kRequests: number;
  cpuUtilisation: number;
}

export interface TargetResult {
  name: string;
  description: string;
  saturation: Measured;
  /** Closed loop with wrk (when installed): much closer to the target's own limit than k6. */
  wrkSaturation?: MeasuredWrk;
  rates: Measured[];
  peakRssBytes: number;
}

export interface ProxyResult {
  services: number;
  hostnames: number;
  durationS: number;
  nginxSaturationRate: number;
  offeredRates: number[];
  targets: TargetResult[];
}

interface Target {
  name: string;
  description: string;
  url: string;
  proc: Pinned;
}

export async function proxyScenario(ctx: RunContext): Promise<ProxyResult> {
  const durationS = ctx.quick ? 4 : 8;
  const fleet = ctx.fleet;
  await writeHostMaps(ctx.workDir, fleet.hostnames);
  const backend = fleet.backend;
  const targets: Target[] = [
    {
      name: 'direct',
      description: 'the backend hit directly (CPU 1, shared with k6)',
      url: backend.url,
      proc: backend,
    },
  ];
  const stops: (() => Promise<void>)[] = [];
  try {
    const router = await startRouter({
      caches: [ctx.caches[0]?.grpc as string],
      workers: 1,
      cpus: PROXY_CPU,
      logDir: ctx.logDir,
      name: 'proxy-router',
      nodeArgs: ctx.profile ? ['--cpu-prof', '--cpu-prof-dir', ctx.profileDir] : [],
    });
    stops.push(() => router.stop());
    ctx.log(`router ready in ${router.readyMs} ms (${(await router.state()).hostnames} hostnames)`);
    targets.push({
      name: 'router',
      description: 'switchyard router --workers 1 (CPU 0)',
      url: router.url,
      proc: router,
    });
    const baseline = { dir: ctx.workDir, backendPort: backend.port, hosts: fleet.hostnames.length, cpus: PROXY_CPU };
    const nginx = await startNginx({ ...baseline, logFd: ctx.logFd('nginx') });
    // nginx stops gracefully on SIGQUIT (SIGTERM is its fast shutdown).
    stops.push(() => nginx.stop('SIGQUIT'));
    targets.push({ name: 'nginx', description: 'nginx, worker_processes 1 (CPU 0)', url: nginx.url, proc: nginx });
    const haproxy = await startHaproxy({ ...baseline, logFd: ctx.logFd('haproxy') });
    stops.push(() => haproxy.stop());
    targets.push({ name: 'haproxy', description: 'HAProxy, nbthread 1 (CPU 0)', url: haproxy.url, proc: haproxy });
    return await measureAll(ctx, targets, durationS);
  } finally {
    await Promise.all(stops.map((stop) => stop()));
  }
}

async function measureAll(ctx: RunContext, targets: Target[], durationS: number): Promise<ProxyResult> {
  const fleet = ctx.fleet;
  const measure = async (target: Target, load: K6Load, seconds = durationS): Promise<Measured> => {
    const pids = target.proc.pids();
    const before = cpuSeconds(pids);
    const result = await runK6({
      target: target.url,
      hostsFile: fleet.hostsFile,
      load,
      durationS: seconds,
      cpus: LOAD_CPU,
    });
    const cpuS = cpuSeconds(pids) - before;
    const measured: Measured = {
      ...result,
      cpuS,
      cpuSPer10kRequests: result.requests > 0 ? (cpuS / result.requests) * 10_000 : Number.NaN,
      cpuUtilisation: cpuS / seconds,
    };
    const what = load.mode === 'rate' ? `${load.rate} req/s` : `saturation (${load.vus} VUs)`;
    ctx.log(
      `${target.name.padEnd(8)} ${what.padEnd(22)} ${Math.round(result.rate)} req/s  p50 ${result.p50Ms.toFixed(2)} ms  p99 ${result.p99Ms.toFixed(2)} ms  ` +
        `failed ${result.failed}  cpu/10k ${measured.cpuSPer10kRequests.toFixed(3)} s  util ${(measured.cpuUtilisation * 100).toFixed(0)}%` +
        (result.valid ? '' : `  INVALID: ${result.invalidReason}`),
    );
    return measured;
  };

  // Warm up every path (JIT, keep-alive pools, page cache of the maps).
  for (const target of targets) await measure(target, { mode: 'rate', rate: 1000 }, ctx.quick ? 2 : 5);
  const saturation = new Map<string, Measured>();
  for (const target of targets)
    saturation.set(target.name, await measure(target, { mode: 'saturate', vus: SATURATION_VUS }));
  const wrkSaturation = new Map<string, MeasuredWrk>();
  if (wrkInstalled()) {
    for (const target of targets) {
      const pids = target.proc.pids();
      const before = cpuSeconds(pids);
      const result = await runWrk({
        target: target.url,
        hostsTextFile: fleet.hostsTextFile,
        durationS,
        connections: SATURATION_VUS,
        cpus: LOAD_CPU,
      });
      const cpuS = cpuSeconds(pids) - before;
      const measured: MeasuredWrk = {
        ...result,
        cpuS,
        cpuSPer10kRequests: (cpuS / result.requests) * 10_000,
        cpuUtilisation: cpuS / durationS,
      };
      wrkSaturation.set(target.name, measured);
      ctx.log(
        `${target.name.padEnd(8)} ${'saturation (wrk)'.padEnd(22)} ${Math.round(result.rate)} req/s  p50 ${result.p50Ms.toFixed(2)} ms  p99 ${result.p99Ms.toFixed(2)} ms  ` +
          `failed ${result.failed}  cpu/10k ${measured.cpuSPer10kRequests.toFixed(3)} s  util ${(measured.cpuUtilisation * 100).toFixed(0)}%`,
      );
    }
  } else ctx.log('wrk is not installed (bench/setup installs it): saturation with k6 only');
  // The fixed rates are fractions of what k6 measured through nginx: rates k6 itself can offer.
  const nginxRate = saturation.get('nginx')?.rate ?? 0;
  const offeredRates = RATE_FRACTIONS.map((f) => Math.max(100, Math.round((nginxRate * f) / 100) * 100));
  const rates = new Map<string, Measured[]>(targets.map((t) => [t.name, []]));
  for (const rate of offeredRates) {
    for (const target of targets) rates.get(target.name)?.push(await measure(target, { mode: 'rate', rate }));
  }
  if (ctx.profile) await profileServingPath(ctx, durationS);
  return {
    services: fleet.services,
    hostnames: fleet.hostnames.length,
    durationS,
    nginxSaturationRate: nginxRate,
    offeredRates,
    targets: targets.map((t) => ({
      name: t.name,
      description: t.description,
      saturation: saturation.get(t.name) as Measured,
      ...(wrkSaturation.has(t.name) ? { wrkSaturation: wrkSaturation.get(t.name) } : {}),
      rates: rates.get(t.name) as Measured[],
      peakRssBytes: peakRssBytes(t.proc.pids()),
    })),
  };
}

const FORWARD_ONLY = fileURLToPath(new URL('../../forward/proxy.ts', import.meta.url));

/**
 * The router's serving threads are started with an explicit execArgv, so `--cpu-prof` on the router
 * profiles its main thread only. The serving path itself (bench/forward/proxy.ts: the router's
 * serve/ code on one thread, fixed target) is profiled here under the same saturating load.
 */
async function profileServingPath(ctx: RunContext, durationS: number): Promise<void> {
  const port = await findFreePort();
  const proc = spawnPinned(PROXY_CPU, [
    process.execPath,
    '--conditions=source',
    '--cpu-prof',
    '--cpu-prof-dir',
    ctx.profileDir,
    '--cpu-prof-name',
    'serving-path.cpuprofile',
    FORWARD_ONLY,
    String(port),
    String(ctx.fleet.backend.port),
  ]);
  try {
    await waitForHttp(`http://127.0.0.1:${port}/`, { timeoutMs: 30_000 });
    const before = cpuSeconds([proc.pid]);
    // wrk when there is one: it drives the serving path much closer to saturation than k6.
    const target = `http://127.0.0.1:${port}/`;
    const result = wrkInstalled()
      ? await runWrk({
          target,
          hostsTextFile: ctx.fleet.hostsTextFile,
          durationS,
          connections: SATURATION_VUS,
          cpus: LOAD_CPU,
        })
      : await runK6({
          target,
          hostsFile: ctx.fleet.hostsFile,
          load: { mode: 'saturate', vus: SATURATION_VUS },
          durationS,
          cpus: LOAD_CPU,
        });
    const cpuS = cpuSeconds([proc.pid]) - before;
    ctx.log(
      `serving path alone (profiled): ${Math.round(result.rate)} req/s, cpu/10k ${((cpuS / result.requests) * 10_000).toFixed(3)} s (profiler on) → ${ctx.profileDir}/serving-path.cpuprofile`,
    );
  } finally {
    await proc.stop();
  }
}

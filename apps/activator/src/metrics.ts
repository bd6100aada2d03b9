import { type ForwardMetrics, OUTCOME_NAMES, type OutcomeCode } from '@switchyard/http1';
import { Counter, Gauge, Histogram, type Registry } from '@switchyard/telemetry';

/** Why the activator answered a request itself instead of proxying it. */
export const REFUSALS = {
  missingServiceId: 400,
  unknownService: 404,
  wakeFailed: 502,
  queueFull: 503,
  retired: 503,
  suspended: 503,
  notSynced: 503,
  shuttingDown: 503,
  wakeTimeout: 504,
} as const;
export type Refusal = keyof typeof REFUSALS;

export interface GaugeSources {
  queued: () => number;
  running: () => number;
  known: () => number;
  /** The kind of the cache refusal in force (token, region, protocol), if any. */
  cacheRefusal?: () => string | undefined;
}

/** The activator's prom-client metrics (prefix `switchyard_activator_`). */
export class ActivatorMetrics implements ForwardMetrics {
  readonly coldStarts: Counter;
  readonly wakeDuration: Histogram<'outcome'>;
  readonly refused: Counter<'status' | 'reason'>;
  readonly idleScaleDowns: Counter;
  readonly crashes: Counter;
  readonly proxied: Counter<'outcome'>;
  readonly proxyDuration: Histogram;

  constructor(registry: Registry, sources: GaugeSources) {
    const registers = [registry];
    this.coldStarts = new Counter({
      name: 'switchyard_activator_cold_starts_total',
      help: 'Wakes of a scaled-to-zero service',
      registers,
    });
    this.wakeDuration = new Histogram({
      name: 'switchyard_activator_wake_duration_seconds',
      help: 'From the start of a wake to the instance answering its readiness probe (or the wake failing)',
      labelNames: ['outcome'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120],
      registers,
    });
    this.refused = new Counter({
      name: 'switchyard_activator_refused_requests_total',
      help: 'Requests the activator answered itself (400/404/502/503/504), by reason',
      labelNames: ['status', 'reason'],
      registers,
    });
    this.idleScaleDowns = new Counter({
      name: 'switchyard_activator_idle_scale_downs_total',
      help: 'Services scaled down after the idle timeout',
      registers,
    });
    this.crashes = new Counter({
      name: 'switchyard_activator_instance_exits_total',
      help: 'Ready instances that stopped on their own (the service went back to scaled-to-zero)',
      registers,
    });
    this.proxied = new Counter({
      name: 'switchyard_activator_proxied_requests_total',
      help: 'Requests forwarded to an instance, by outcome (ok, connectFailed, upstreamReset, timeout, …)',
      labelNames: ['outcome'],
      registers,
    });
    this.proxyDuration = new Histogram({
      name: 'switchyard_activator_proxy_duration_seconds',
      help: 'From forwarding to an instance to the end of its response (queueing not included)',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
      registers,
    });
    new Gauge({
      name: 'switchyard_activator_queued_requests',
      help: 'Requests waiting for their service to start',
      registers,
      collect() {
        this.set(sources.queued());
      },
    });
    new Gauge({
      name: 'switchyard_activator_running_services',
      help: 'Services with a ready instance',
      registers,
      collect() {
        this.set(sources.running());
      },
    });
    new Gauge({
      name: 'switchyard_activator_known_services',
      help: 'Free web services known from the Watch stream',
      registers,
      collect() {
        this.set(sources.known());
      },
    });
    new Gauge({
      name: 'switchyard_activator_cache_refused',
      help: '1, labelled with its kind (token, region, protocol), while a cache refuses this activator for its configuration',
      labelNames: ['kind'] as const,
      registers,
      collect() {
        this.reset();
        const kind = sources.cacheRefusal?.();
        if (kind !== undefined) this.set({ kind }, 1);
      },
    });
  }

  refuse(reason: Refusal): void {
    this.refused.inc({ status: REFUSALS[reason], reason });
  }

  count(outcome: OutcomeCode): void {
    this.proxied.inc({ outcome: OUTCOME_NAMES[outcome] ?? String(outcome) });
  }

  observeLatencyMs(ms: number): void {
    this.proxyDuration.observe(ms / 1000);
  }
}

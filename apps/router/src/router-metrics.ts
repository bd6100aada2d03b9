import { CONNECTION_EVENT_NAMES, OUTCOME_NAMES } from '@switchyard/http1';
import { StaticEvent } from '@switchyard/static-site';
import { Counter, Gauge, Histogram, type Registry } from '@switchyard/telemetry';
import { DECISION_NAMES } from './decisions.ts';
import { LATENCY_BUCKETS_MS, SharedMetricsReader, STATIC_STATUSES, STATUS_CLASSES } from './shared-metrics.ts';
import { TLS_EVENT_NAMES } from './tls/tls-events.ts';

/** What the main thread reads when /metrics is scraped. */
export interface RouterGauges {
  services(): number;
  hostnames(): number;
  version(): number;
  /** Unix ms of the newest commit applied, 0 if unknown. */
  lastCommitTimeMs(): number;
  cache(): string | undefined;
  connected(): boolean;
  degraded(): boolean;
  reconnects(): number;
  snapshots(): number;
  workerRestarts(): number;
  workers(): number;
  /** The kind of the cache refusal in force (token, region, protocol), if any. */
  refusal?(): string | undefined;
  /** Access-log records dropped (a full ring) and written, all serving threads; absent without an access log. */
  accessLog?(): { dropped: number; logged: number };
}

/**
 * Registers the router's metrics on `registry`: the serving threads' shared counters (folded
 * every second and on each scrape) and gauges read from the main thread's state on scrape.
 * Returns a stop function for the fold timer.
 */
export function registerRouterMetrics(registry: Registry, buffer: SharedArrayBuffer, gauges: RouterGauges): () => void {
  const shared = new SharedMetricsReader(buffer);
  const registers = [registry];
  const requests = new Counter({
    name: 'switchyard_router_requests_total',
    help: 'Requests routed, by decision and response status class.',
    labelNames: ['decision', 'status'] as const,
    registers,
    // Registered first, so every scrape folds the shared counters before anything is read.
    collect: () => fold(),
  });
  const outcomes = new Counter({
    name: 'switchyard_router_forward_outcomes_total',
    help: 'Forwarding outcomes (upstream errors: connect_failed, upstream_reset, bad_response, timeout; retried; rejected requests).',
    labelNames: ['outcome'] as const,
    registers,
  });
  const staticResponses = new Counter({
    name: 'switchyard_router_static_responses_total',
    help: 'Static-site responses by status (proxied rewrites are counted as forwarding outcomes).',
    labelNames: ['status'] as const,
    registers,
  });
  const staticStoreErrors = new Counter({
    name: 'switchyard_router_static_store_errors_total',
    help: 'Object store failures while serving static sites (502, or a response cut mid-body).',
    registers,
  });
  const staticCache = new Counter({
    name: 'switchyard_router_static_cache_total',
    help: 'Hot-object cache lookups (hit, miss) and evictions, all serving threads.',
    labelNames: ['result'] as const,
    registers,
  });
  const connectionsLimited = new Counter({
    name: 'switchyard_router_connections_limited_total',
    help: 'Client connections that found a serving thread at --max-connections: waited (unread, until a connection closed) or refused (503: too many waiting, waited 10 s, or left at the end of a drain).',
    labelNames: ['result'] as const,
    registers,
  });
  const seenConnectionEvents = CONNECTION_EVENT_NAMES.map(() => 0);
  const staticEventCounters: [number, (n: number) => void][] = [
    [StaticEvent.cacheHit, (n) => staticCache.inc({ result: 'hit' }, n)],
    [StaticEvent.cacheMiss, (n) => staticCache.inc({ result: 'miss' }, n)],
    [StaticEvent.cacheEviction, (n) => staticCache.inc({ result: 'eviction' }, n)],
    [StaticEvent.storeError, (n) => staticStoreErrors.inc(n)],
  ];
  const tlsEvents = new Counter({
    name: 'switchyard_router_tls_events_total',
    help: 'TLS on the serving threads: handshake, resumed, handshake_failed, default_certificate (SNI without a certificate of its own), no_certificate (refused), context_built, context_failed.',
    labelNames: ['event'] as const,
    registers,
  });
  // Published counts, to turn the running totals into increments.
  const seenRequests = DECISION_NAMES.map(() => STATUS_CLASSES.map(() => 0));
  const seenOutcomes = OUTCOME_NAMES.map(() => 0);
  const seenStatic = new Array<number>(STATIC_STATUSES.length + 1).fill(0);
  const seenEvents = staticEventCounters.map(() => 0);
  const seenTls = TLS_EVENT_NAMES.map(() => 0);
  function fold(): void {
    const totals = shared.fold();
    for (let d = 0; d < DECISION_NAMES.length; d++) {
      for (let c = 0; c < STATUS_CLASSES.length; c++) {
        const total = totals.requests[d]?.[c] as number;
        const seen = seenRequests[d] as number[];
        if (total > (seen[c] as number)) {
          requests.inc(
            { decision: DECISION_NAMES[d] as string, status: STATUS_CLASSES[c] as string },
            total - (seen[c] as number),
          );
          seen[c] = total;
        }
      }
    }
    for (let o = 0; o < OUTCOME_NAMES.length; o++) {
      const total = totals.outcomes[o] as number;
      if (total > (seenOutcomes[o] as number)) {
        outcomes.inc({ outcome: snake(OUTCOME_NAMES[o] as string) }, total - (seenOutcomes[o] as number));
        seenOutcomes[o] = total;
      }
    }
    for (let s = 0; s <= STATIC_STATUSES.length; s++) {
      const total = totals.staticResponses[s] as number;
      if (total > (seenStatic[s] as number)) {
        staticResponses.inc({ status: String(STATIC_STATUSES[s] ?? 'other') }, total - (seenStatic[s] as number));
        seenStatic[s] = total;
      }
    }
    for (let e = 0; e < TLS_EVENT_NAMES.length; e++) {
      const total = totals.tlsEvents[e] as number;
      if (total > (seenTls[e] as number)) {
        tlsEvents.inc({ event: snake(TLS_EVENT_NAMES[e] as string) }, total - (seenTls[e] as number));
        seenTls[e] = total;
      }
    }
    for (let e = 0; e < CONNECTION_EVENT_NAMES.length; e++) {
      const total = totals.connectionEvents[e] as number;
      if (total > (seenConnectionEvents[e] as number)) {
        connectionsLimited.inc(
          { result: CONNECTION_EVENT_NAMES[e] as string },
          total - (seenConnectionEvents[e] as number),
        );
        seenConnectionEvents[e] = total;
      }
    }
    staticEventCounters.forEach(([event, inc], i) => {
      const total = totals.staticEvents[event] as number;
      if (total > (seenEvents[i] as number)) {
        inc(total - (seenEvents[i] as number));
        seenEvents[i] = total;
      }
    });
  }
  const timer = setInterval(fold, 1_000);
  timer.unref();

  const latencyHelp = 'Time from a request reaching a serving thread to the last byte of its response.';
  registry.registerMetric({
    name: 'switchyard_router_request_duration_seconds',
    help: latencyHelp,
    type: 'histogram',
    get() {
      const totals = shared.totals;
      const values: { value: number; labels: Record<string, string | number>; metricName: string }[] = [];
      let cumulative = 0;
      for (let b = 0; b < LATENCY_BUCKETS_MS.length; b++) {
        cumulative += totals.buckets[b] as number;
        values.push({
          value: cumulative,
          labels: { le: (LATENCY_BUCKETS_MS[b] as number) / 1000 },
          metricName: 'switchyard_router_request_duration_seconds_bucket',
        });
      }
      cumulative += totals.buckets[LATENCY_BUCKETS_MS.length] as number;
      values.push({
        value: cumulative,
        labels: { le: '+Inf' },
        metricName: 'switchyard_router_request_duration_seconds_bucket',
      });
      values.push({
        value: totals.sumMs / 1000,
        labels: {},
        metricName: 'switchyard_router_request_duration_seconds_sum',
      });
      values.push({ value: cumulative, labels: {}, metricName: 'switchyard_router_request_duration_seconds_count' });
      return {
        name: 'switchyard_router_request_duration_seconds',
        help: latencyHelp,
        type: 'histogram',
        values,
        aggregator: 'sum',
      };
    },
  } as unknown as Parameters<Registry['registerMetric']>[0]);

  const gauge = (name: string, help: string, read: () => number) =>
    new Gauge({
      name,
      help,
      registers,
      collect() {
        this.set(read());
      },
    });
  gauge('switchyard_router_table_services', 'Services in the route table.', gauges.services);
  gauge('switchyard_router_table_hostnames', 'Hostnames in the route table.', gauges.hostnames);
  gauge('switchyard_router_table_version', 'Cache version of the route table.', gauges.version);
  gauge(
    'switchyard_router_sync_lag_seconds',
    'Now minus the commit time of the newest change applied (0 if unknown).',
    () => {
      const commit = gauges.lastCommitTimeMs();
      return commit > 0 ? Math.max(0, (Date.now() - commit) / 1000) : 0;
    },
  );
  gauge('switchyard_router_sync_connected', '1 while a Watch stream to a cache is open.', () =>
    gauges.connected() ? 1 : 0,
  );
  gauge(
    'switchyard_router_degraded',
    '1 while serving the state-dir snapshot without having synced with a cache.',
    () => (gauges.degraded() ? 1 : 0),
  );
  gauge('switchyard_router_sync_reconnects', 'Watch streams lost and reopened since start.', gauges.reconnects);
  gauge('switchyard_router_sync_snapshots', 'Full snapshots applied since start.', gauges.snapshots);
  gauge('switchyard_router_worker_restarts', 'Serving threads replaced after dying.', gauges.workerRestarts);
  gauge('switchyard_router_workers', 'Serving threads running.', gauges.workers);
  gauge(
    'switchyard_router_open_connections',
    'Client connections the serving threads serve now (all threads; each is bounded by --max-connections).',
    () => shared.totals.openConnections,
  );
  new Gauge({
    name: 'switchyard_router_cache_in_use',
    help: '1 for the cache server the router watches (or is connecting to).',
    labelNames: ['cache'] as const,
    registers,
    collect() {
      this.reset();
      const cache = gauges.cache();
      if (cache !== undefined) this.set({ cache }, 1);
    },
  });
  new Gauge({
    name: 'switchyard_router_cache_refused',
    help: '1, labelled with its kind (token, region, protocol), while a cache refuses this router for its configuration.',
    labelNames: ['kind'] as const,
    registers,
    collect() {
      this.reset();
      const kind = gauges.refusal?.();
      if (kind !== undefined) this.set({ kind }, 1);
    },
  });
  const accessLog = gauges.accessLog;
  if (accessLog !== undefined) {
    // Running totals in the rings' control words (32-bit): counters grow by the difference.
    let seen = { dropped: 0, logged: 0 };
    const read = (): void => {
      const now = accessLog();
      dropped.inc(((now.dropped - seen.dropped) >>> 0) as number);
      logged.inc(((now.logged - seen.logged) >>> 0) as number);
      seen = now;
    };
    const dropped = new Counter({
      name: 'switchyard_router_access_log_dropped_total',
      help: 'Access-log records dropped because a serving thread’s ring was full (the logger thread fell behind).',
      registers,
      collect: read,
    });
    const logged = new Counter({
      name: 'switchyard_router_access_log_records_total',
      help: 'Access-log records written out by the logger thread.',
      registers,
    });
  }
  return () => clearInterval(timer);
}

/** Commit → applied buckets (seconds): the propagation target is a p99 of 100 ms. */
const PROPAGATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

/**
 * `switchyard_router_propagation_seconds`: for every delta applied to the route table, now minus
 * the commit time it carries (the database's commit, as stamped by the cache). Unlike the sync-lag
 * gauge it does not grow while nothing changes, so its quantiles are propagation delays. Returns
 * the observer to call with the delta's commit time (Unix ms); clock skew below 0 counts as 0.
 */
export function registerPropagationHistogram(registry: Registry): (commitTimeMs: number) => void {
  const histogram = new Histogram({
    name: 'switchyard_router_propagation_seconds',
    help: 'Database commit to applied in the route table, per delta, from the oldest change in it (seconds; commit times as the cache stamped them).',
    buckets: PROPAGATION_BUCKETS,
    registers: [registry],
  });
  return (commitTimeMs) => histogram.observe(Math.max(0, (Date.now() - commitTimeMs) / 1000));
}

function snake(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

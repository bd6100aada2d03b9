import { ACME_STATES, type AcmeState } from '@switchyard/service-db';
import { Counter, Gauge, Histogram, type Registry } from '@switchyard/telemetry';

/** Gauges read from the database at scrape time (shared by every manager: the database holds the state). */
export interface CertsGaugeSources {
  summary: () => Promise<{ byState: Record<AcmeState, number>; expiringSoon: number }>;
  inFlight: () => number;
}

/** The certificate manager's prom-client metrics (prefix `switchyard_certs_`). */
export class CertsMetrics {
  /** Orders this manager ran, by result: issued, renewed, failed, fenced_out. */
  readonly orders: Counter<'result'>;
  readonly failures: Counter;
  /** Claims given back because the account's order budget was spent (the order waits its turn). */
  readonly queued: Counter;
  readonly orderSeconds: Histogram;

  constructor(registry: Registry, sources: CertsGaugeSources) {
    const registers = [registry];
    this.orders = new Counter({
      name: 'switchyard_certs_orders_total',
      help: 'ACME orders run by this manager, by result (issued, renewed, failed, fenced_out)',
      labelNames: ['result'],
      registers,
    });
    this.failures = new Counter({
      name: 'switchyard_certs_failures_total',
      help: 'Failed ACME orders (the hostname backs off; `switchyard cert status` shows the CA error)',
      registers,
    });
    this.queued = new Counter({
      name: 'switchyard_certs_budget_deferred_total',
      help: 'Orders deferred because the account order budget or pacing did not allow one yet',
      registers,
    });
    this.orderSeconds = new Histogram({
      name: 'switchyard_certs_order_duration_seconds',
      help: 'From claim to stored certificate',
      buckets: [1, 2, 5, 10, 30, 60, 120, 300],
      registers,
    });
    let cached: Promise<{ byState: Record<AcmeState, number>; expiringSoon: number }> | undefined;
    // One database read per scrape, shared by the gauges below.
    const summary = () => {
      cached ??= sources.summary().finally(() => setTimeout(() => (cached = undefined), 500).unref());
      return cached;
    };
    new Gauge({
      name: 'switchyard_certs_hostnames',
      help: 'Hostnames by ACME state (pending, ordering, valid, failing, skipped), from the database',
      labelNames: ['state'],
      registers,
      async collect() {
        const { byState } = await summary();
        for (const state of ACME_STATES) this.set({ state }, byState[state]);
      },
    });
    new Gauge({
      name: 'switchyard_certs_expiring_7d',
      help: 'Active certificates (any source) that expire within 7 days',
      registers,
      async collect() {
        this.set((await summary()).expiringSoon);
      },
    });
    new Gauge({
      name: 'switchyard_certs_orders_in_flight',
      help: 'Orders in progress in this manager',
      registers,
      collect() {
        this.set(sources.inFlight());
      },
    });
  }
}

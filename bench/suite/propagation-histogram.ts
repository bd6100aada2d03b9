// The routers' own view of propagation: `switchyard_router_propagation_seconds` (commit → applied in
// the route table, per delta), read from /metrics before and after a run; the difference of the
// cumulative bucket counts, summed over the routers, gives that run's distribution.

const NAME = 'switchyard_router_propagation_seconds_bucket';

/** Cumulative counts by upper bound (seconds; +Inf last). */
export type Buckets = Map<number, number>;

export function parseBuckets(metrics: string): Buckets {
  const buckets: Buckets = new Map();
  for (const line of metrics.split('\n')) {
    if (!line.startsWith(`${NAME}{`)) continue;
    const le = /le="([^"]+)"/.exec(line)?.[1];
    if (le === undefined) continue;
    buckets.set(le === '+Inf' ? Number.POSITIVE_INFINITY : Number(le), Number(line.slice(line.lastIndexOf(' ') + 1)));
  }
  return buckets;
}

export async function readBuckets(admin: string): Promise<Buckets> {
  return parseBuckets(await (await fetch(`${admin}/metrics`)).text());
}

/** after − before, summed over several routers. */
export function bucketDelta(pairs: readonly { before: Buckets; after: Buckets }[]): Buckets {
  const out: Buckets = new Map();
  for (const { before, after } of pairs) {
    for (const [le, count] of after) out.set(le, (out.get(le) ?? 0) + count - (before.get(le) ?? 0));
  }
  return out;
}

/** The upper bound (ms) of the bucket holding quantile q; NaN when there are no observations. */
export function bucketQuantileMs(buckets: Buckets, q: number): number {
  const bounds = [...buckets.keys()].sort((a, b) => a - b);
  const total = buckets.get(Number.POSITIVE_INFINITY) ?? 0;
  if (total === 0) return Number.NaN;
  for (const le of bounds) if ((buckets.get(le) ?? 0) >= q * total) return le * 1000;
  return Number.POSITIVE_INFINITY;
}

// Commit → served: a change is a new hostname on a fleet service (so it routes to the backend); it
// counts as served by a router once a request for that hostname through the router's HTTP port
// stops answering 404. This is the end-to-end definition (database → cache → router table →
// serving thread) and it loads only the serving thread, not the main thread that applies deltas
// (polling /debug/route or /debug/state would run on that very thread, and /debug/state's
// version is a conservative xmin bound that can lag a change already served).
import { Agent, request } from 'node:http';
import pg from 'pg';
import { sleep } from './processes.ts';

const POLL_INTERVAL_MS = 3;
const GIVE_UP_MS = 15_000;
const TICK_MS = 5;

export interface ProbeTarget {
  name: string;
  port: number;
}

export interface ProbedChange {
  hostname: string;
  committedAt: number;
  /** performance.now() when each router first served it; undefined: not within GIVE_UP_MS. */
  servedAt: (number | undefined)[];
}

export class ChangeWriter {
  readonly pool: pg.Pool;
  private readonly serviceIds: string[];
  private next = 0;
  transactions = 0;

  constructor(databaseUrl: string, serviceIds: string[], connections = 16) {
    this.pool = new pg.Pool({ connectionString: databaseUrl, max: connections, application_name: 'bench-writer' });
    this.pool.on('error', () => undefined);
    this.serviceIds = serviceIds;
  }

  /** Commits one change (a new hostname, spread over the fleet's services); resolves at commit. */
  async commit(hostname: string): Promise<number> {
    const serviceId = this.serviceIds[this.next++ % this.serviceIds.length];
    this.transactions++;
    await this.pool.query('INSERT INTO hostnames (hostname, service_id) VALUES ($1, $2)', [hostname, serviceId]);
    return performance.now();
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}

export class Prober {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 32 });

  /** Resolves with performance.now() of the first answer other than 404 (undefined: gave up). */
  async servedAt(target: ProbeTarget, hostname: string, since: number): Promise<number | undefined> {
    while (performance.now() - since < GIVE_UP_MS) {
      const status = await this.status(target.port, hostname).catch(() => 0);
      if (status !== 404 && status !== 0) return performance.now();
      await sleep(POLL_INTERVAL_MS);
    }
    return undefined;
  }

  private status(port: number, hostname: string): Promise<number> {
    return new Promise((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port, path: '/', headers: { host: hostname }, agent: this.agent },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', reject);
      req.end();
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/**
 * Commits `rate` changes/s for `seconds`, and probes every `sampleEvery`-th change on every target.
 * Returns the probed changes once all are served (or given up on).
 */
export async function driveChanges(opts: {
  writer: ChangeWriter;
  prober: Prober;
  targets: ProbeTarget[];
  rate: number;
  seconds: number;
  sampleEvery: number;
  prefix: string;
  onTick?: (elapsedMs: number) => void;
}): Promise<{ probed: ProbedChange[]; committed: number; behindSchedule: number; achievedRate: number }> {
  const total = Math.round(opts.rate * opts.seconds);
  const probes: Promise<ProbedChange>[] = [];
  const commits = new Set<Promise<unknown>>();
  const begin = performance.now();
  let behind = 0;
  // Ticks of TICK_MS, each issuing every change due by then: the schedule does not depend on
  // setTimeout's granularity at 1,000 changes/s.
  for (let i = 0; i < total; ) {
    const now = performance.now();
    const dueNow = Math.min(total, Math.floor(((now - begin) * opts.rate) / 1000) + 1);
    if (dueNow - i > (opts.rate * 50) / 1000) behind += dueNow - i;
    for (; i < dueNow; i++) {
      opts.onTick?.(now - begin);
      const hostname = `${opts.prefix}-${i}.propagation.bench`;
      const committed = opts.writer.commit(hostname);
      commits.add(committed);
      committed.finally(() => commits.delete(committed)).catch(() => undefined);
      if (i % opts.sampleEvery === 0) {
        probes.push(
          committed.then(async (committedAt) => ({
            hostname,
            committedAt,
            servedAt: await Promise.all(opts.targets.map((t) => opts.prober.servedAt(t, hostname, committedAt))),
          })),
        );
      }
    }
    await sleep(TICK_MS);
  }
  await Promise.all(commits);
  const achievedRate = total / ((performance.now() - begin) / 1000);
  return { probed: await Promise.all(probes), committed: total, behindSchedule: behind, achievedRate };
}

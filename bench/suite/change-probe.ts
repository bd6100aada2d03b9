// Commit → served: a change is a new hostname on a fleet service (so it routes to the backend); it
// counts as served by a router once a request for that hostname through the router's HTTP port
// stops answering 404. This is the end-to-end definition (database → cache → router table →
// serving thread) and it loads only the serving thread, not the main thread that applies deltas
// (polling /debug/route or /debug/state would run on that very thread, and /debug/state's
// version is a conservative xmin bound that can lag a change already served). Times are wall-clock
// (wall-clock.ts): a change counts from the database's clock when its row was written, and the prober
// polls from a thread of its own from before the write, so neither end waits for this event loop.
import { Worker } from 'node:worker_threads';
import pg from 'pg';
import { ADD_HOSTNAME } from './change-sql.ts';
import type { ProbeAnswer, ProbeRequest } from './probe-thread.ts';
import { sleep } from './processes.ts';

/** The writer's schedule: every change due is issued each tick (setTimeout cannot pace 1,000/s). */
const TICK_MS = 5;

export interface ProbeTarget {
  name: string;
  port: number;
}

export interface ProbedChange {
  hostname: string;
  /** When the change was written (wallMs of the database's clock, just before its commit). */
  committedAt: number;
  /** wallMs when each router first served it; undefined: not within the prober's give-up time. */
  servedAt: (number | undefined)[];
}

export class ChangeWriter {
  readonly pool: pg.Pool;
  readonly databaseUrl: string;
  private readonly serviceIds: string[];
  private next = 0;
  transactions = 0;

  constructor(databaseUrl: string, serviceIds: string[], connections = 16) {
    this.pool = new pg.Pool({ connectionString: databaseUrl, max: connections, application_name: 'bench-writer' });
    this.pool.on('error', () => undefined);
    this.databaseUrl = databaseUrl;
    this.serviceIds = serviceIds;
  }

  /** The service the next change goes to (round-robin over the fleet). */
  nextServiceId(): string {
    return this.serviceIds[this.next++ % this.serviceIds.length] as string;
  }

  /**
   * Commits one change (a new hostname, spread over the fleet's services). Resolves at commit with the
   * database's clock when the row was written (wallMs), not with when this process got the answer: the
   * writer's event loop may be busy, which would shorten every measured delay.
   */
  async commit(hostname: string): Promise<number> {
    const serviceId = this.nextServiceId();
    this.transactions++;
    // Named: each connection parses and plans it once, as a platform's API server would.
    const { rows } = await this.pool.query<{ written_ms: string }>({
      name: 'bench-add-hostname',
      text: ADD_HOSTNAME,
      values: [hostname, serviceId],
    });
    return Number(rows[0]?.written_ms);
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}

/**
 * Probed changes are written and watched by a thread of its own (probe-thread.ts): when a change was
 * committed and when it was served do not depend on when this thread's busy event loop gets to them.
 */
export class Prober {
  private readonly thread = new Worker(new URL('./probe-thread.ts', import.meta.url));
  private readonly pending = new Map<number, (answer: ProbeAnswer) => void>();
  private nextId = 0;
  /** Resolves once the thread has loaded and acts as soon as it is asked. */
  readonly ready: Promise<void>;

  constructor() {
    this.ready = new Promise((resolve, reject) => {
      this.thread.once('error', reject);
      this.thread.on('message', (answer: ProbeAnswer | 'ready') => {
        if (answer === 'ready') return resolve();
        this.pending.get(answer.id)?.(answer);
        this.pending.delete(answer.id);
      });
    });
    this.thread.unref();
  }

  /** Commits `hostname` (as `writer` would) and watches it on every target. */
  commitAndWatch(writer: ChangeWriter, targets: readonly ProbeTarget[], hostname: string): Promise<ProbedChange> {
    const id = this.nextId++;
    writer.transactions++;
    const request: ProbeRequest = {
      id,
      databaseUrl: writer.databaseUrl,
      hostname,
      serviceId: writer.nextServiceId(),
      ports: targets.map((t) => t.port),
    };
    return new Promise((resolve, reject) => {
      this.pending.set(id, (answer) => {
        if (answer.error !== undefined) reject(new Error(`probed change ${hostname}: ${answer.error}`));
        else resolve({ hostname, committedAt: answer.committedAt, servedAt: answer.servedAt });
      });
      this.thread.postMessage(request);
    });
  }

  close(): void {
    void this.thread.terminate();
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
  await opts.prober.ready;
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
      if (i % opts.sampleEvery === 0) {
        probes.push(opts.prober.commitAndWatch(opts.writer, opts.targets, hostname));
        continue;
      }
      const committed = opts.writer.commit(hostname);
      commits.add(committed);
      committed.finally(() => commits.delete(committed)).catch(() => undefined);
    }
    await sleep(TICK_MS);
  }
  await Promise.all(commits);
  const achievedRate = total / ((performance.now() - begin) / 1000);
  return { probed: await Promise.all(probes), committed: total, behindSchedule: behind, achievedRate };
}

import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { IngestResult, IngestTask } from './ingest-task.ts';

/**
 * The task module, next to this one: `ingest-task.ts` from sources (vitest, Node's type
 * stripping, workspace packages resolved to their sources), `ingest-task.js` from dist.
 */
const fromSources = import.meta.url.endsWith('.ts');
const TASK_URL = new URL(fromSources ? './ingest-task.ts' : './ingest-task.js', import.meta.url);
const TASK_EXEC_ARGV = fromSources ? ['--conditions=source', '--disable-warning=ExperimentalWarning'] : [];

/** Snapshots are rare: keep the threads a while so a resync does not pay for new ones. */
const IDLE_TIMEOUT_MS = 5 * 60_000;

/** Default `--ingest-threads`: two threads at most, fewer on a one-core machine. */
export function defaultIngestThreads(): number {
  return Math.min(2, availableParallelism());
}

/** A piscina pool that builds snapshot tables off the main thread (one task per snapshot). */
export class IngestPool {
  readonly #pool: Piscina<IngestTask, IngestResult>;

  constructor(threads: number) {
    this.#pool = new Piscina({
      filename: TASK_URL.href,
      name: 'default',
      minThreads: 0,
      maxThreads: threads,
      idleTimeout: IDLE_TIMEOUT_MS,
      execArgv: TASK_EXEC_ARGV,
    });
  }

  /** Builds a snapshot's table; rejects if the task throws or its thread dies. */
  build(task: IngestTask): Promise<IngestResult> {
    return this.#pool.run(task);
  }

  get threads(): number {
    return this.#pool.threads.length;
  }

  async close(): Promise<void> {
    await this.#pool.destroy();
  }
}

import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';

/**
 * A CPU profile of this thread, for benchmarks: Node's `--cpu-prof` profiles the main thread only.
 * Started when SWITCHYARD_THREAD_PROFILE_DIR names a directory; `stop()` writes
 * `thread-<pid>-<threadId>.cpuprofile` there (open it in Chrome DevTools or speedscope).
 */
export class ThreadProfile {
  readonly #session = new Session();
  readonly #dir: string;

  private constructor(dir: string) {
    this.#dir = dir;
    this.#session.connect();
    this.#session.post('Profiler.enable');
    this.#session.post('Profiler.start');
  }

  static fromEnvironment(): ThreadProfile | undefined {
    const dir = process.env.SWITCHYARD_THREAD_PROFILE_DIR;
    return dir === undefined || dir === '' ? undefined : new ThreadProfile(dir);
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      this.#session.post('Profiler.stop', (error, result) => {
        if (error === null) {
          writeFileSync(
            join(this.#dir, `thread-${process.pid}-${threadId}.cpuprofile`),
            JSON.stringify(result.profile),
          );
        }
        this.#session.disconnect();
        resolve();
      });
    });
  }
}

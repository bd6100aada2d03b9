import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';

/**
 * A CPU profile of this thread, for benchmarks: Node's `--cpu-prof` profiles the main thread only.
 * Started when SWITCHYARD_THREAD_PROFILE_DIR names a directory; `stop()` writes
 * `thread-<pid>-<threadId>.cpuprofile` there (open it in Chrome DevTools or speedscope). With
 * SWITCHYARD_THREAD_PROFILE_ALLOCATIONS=1 it also samples allocations (young objects included, the
 * ones the per-request path should not make) into `thread-<pid>-<threadId>.heapprofile`.
 */
export class ThreadProfile {
  readonly #session = new Session();
  readonly #dir: string;
  readonly #allocations: boolean;

  private constructor(dir: string, allocations: boolean) {
    this.#dir = dir;
    this.#allocations = allocations;
    this.#session.connect();
    this.#session.post('Profiler.enable');
    this.#session.post('Profiler.start');
    if (allocations) {
      this.#session.post('HeapProfiler.enable');
      this.#session.post('HeapProfiler.startSampling', {
        samplingInterval: 512,
        includeObjectsCollectedByMajorGC: true,
        includeObjectsCollectedByMinorGC: true,
      });
    }
  }

  static fromEnvironment(): ThreadProfile | undefined {
    const dir = process.env.SWITCHYARD_THREAD_PROFILE_DIR;
    if (dir === undefined || dir === '') return undefined;
    return new ThreadProfile(dir, process.env.SWITCHYARD_THREAD_PROFILE_ALLOCATIONS === '1');
  }

  async stop(): Promise<void> {
    if (this.#allocations) {
      const sampled = await new Promise<object | undefined>((resolve) =>
        this.#session.post('HeapProfiler.stopSampling', (error, result) => resolve(error ? undefined : result.profile)),
      );
      this.#write('heapprofile', sampled);
    }
    const profile = await new Promise<object | undefined>((resolve) =>
      this.#session.post('Profiler.stop', (error, result) => resolve(error ? undefined : result.profile)),
    );
    this.#write('cpuprofile', profile);
    this.#session.disconnect();
  }

  #write(extension: string, profile: object | undefined): void {
    if (profile === undefined) return;
    writeFileSync(join(this.#dir, `thread-${process.pid}-${threadId}.${extension}`), JSON.stringify(profile));
  }
}

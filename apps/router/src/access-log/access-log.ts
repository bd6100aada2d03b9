import { Worker } from 'node:worker_threads';
import type { Logger } from '@switchyard/telemetry';
import { DEFAULT_RING_RECORDS } from './layout.ts';
import type { LoggerCommand, LoggerEvent, LoggerThreadData } from './logger-thread.ts';
import { allocateRing, ringCounters } from './ring.ts';

const fromSources = import.meta.url.endsWith('.ts');
const THREAD_URL = new URL(fromSources ? './logger-thread.ts' : './logger-thread.js', import.meta.url);
const THREAD_EXEC_ARGV = fromSources ? ['--conditions=source', '--disable-warning=ExperimentalWarning'] : [];

export interface AccessLogOptions {
  /** `stdout` or a file path (`off` is no AccessLog at all). */
  target: string;
  /** One ring per serving-thread slot. */
  slots: number;
  /** Records each ring holds; past that, records are dropped and counted. */
  ringRecords?: number;
  /** How often the logger thread looks at the rings when they were empty. Default 25 ms. */
  pollMs?: number;
  logger: Logger;
}

/** A live view of the access log for the admin stream: the recent lines, then lines as written. */
export type AccessLogSubscriber = (lines: readonly string[]) => void;

/**
 * The main thread's side of the access log: the rings (one per serving slot, handed to the
 * threads in workerData), the logger thread that drains them, reopen on SIGHUP, the counters for
 * /metrics and the live stream for the admin endpoint.
 */
export class AccessLog {
  readonly rings: SharedArrayBuffer[];
  readonly target: string;
  readonly #thread: Worker;
  readonly #logger: Logger;
  readonly #subscribers = new Set<AccessLogSubscriber>();
  /** Subscribers waiting for their backlog: lines posted before it are in it. */
  readonly #pending = new Set<AccessLogSubscriber>();
  #reopens: (() => void)[] = [];
  #stopped: Promise<void> | undefined;
  readonly #exited: Promise<void>;

  constructor(options: AccessLogOptions) {
    this.target = options.target;
    this.#logger = options.logger;
    this.rings = Array.from({ length: options.slots }, () => allocateRing(options.ringRecords ?? DEFAULT_RING_RECORDS));
    const data: LoggerThreadData = { rings: this.rings, target: options.target, pollMs: options.pollMs ?? 25 };
    this.#thread = new Worker(THREAD_URL, { workerData: data, execArgv: THREAD_EXEC_ARGV, name: 'access-log' });
    this.#exited = new Promise((resolve) => this.#thread.once('exit', () => resolve()));
    this.#thread.on('error', (error) => this.#logger.error({ err: error }, 'access log thread failed'));
    this.#thread.on('message', (event: LoggerEvent) => this.#onEvent(event));
  }

  /** Records dropped because a ring was full, and records written out, over all serving threads. */
  counters(): { dropped: number; logged: number } {
    let dropped = 0;
    let logged = 0;
    for (const ring of this.rings) {
      const c = ringCounters(ring);
      dropped += c.dropped;
      logged += c.logged;
    }
    return { dropped, logged };
  }

  /** Opens the file again (logrotate moved it: SIGHUP). Resolves once the new file is in use. */
  reopen(): Promise<void> {
    return new Promise((resolve) => {
      this.#reopens.push(resolve);
      this.#post({ type: 'reopen' });
    });
  }

  /** Calls `subscriber` with the recent lines, then with every batch written, until unsubscribed. */
  subscribe(subscriber: AccessLogSubscriber): () => void {
    this.#pending.add(subscriber);
    this.#post({ type: 'subscribe' });
    return () => {
      if (!this.#subscribers.delete(subscriber) && !this.#pending.delete(subscriber)) return;
      if (this.#subscribers.size === 0 && this.#pending.size === 0) this.#post({ type: 'unsubscribe' });
    };
  }

  /** After the serving threads stopped: writes what the rings still hold, closes the file, ends the thread. */
  stop(): Promise<void> {
    this.#stopped ??= (async () => {
      this.#post({ type: 'stop' });
      await this.#exited;
    })();
    return this.#stopped;
  }

  #post(command: LoggerCommand): void {
    if (this.#stopped === undefined) this.#thread.postMessage(command);
  }

  #onEvent(event: LoggerEvent): void {
    switch (event.type) {
      case 'lines': {
        const lines = event.text.split('\n');
        lines.pop();
        for (const subscriber of this.#subscribers) subscriber(lines);
        break;
      }
      case 'backlog':
        // One per subscribe, in order; the subscriber longest waiting is the one it answers.
        for (const subscriber of this.#pending) {
          this.#pending.delete(subscriber);
          this.#subscribers.add(subscriber);
          subscriber(event.lines);
          break;
        }
        break;
      case 'reopened':
        if (event.error !== undefined)
          this.#logger.error({ path: this.target, err: event.error }, 'access log reopen failed');
        else this.#logger.info({ path: this.target }, 'access log reopened');
        for (const resolve of this.#reopens.splice(0)) resolve();
        break;
      case 'write-failed':
        this.#logger.error({ path: this.target, err: event.error }, 'access log write failed; lines are being lost');
        break;
    }
  }
}

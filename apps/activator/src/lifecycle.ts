import type { Logger } from '@switchyard/telemetry';
import { WakeFailedError, WakeTimeoutError } from './errors.ts';
import type { ActivatorMetrics, Refusal } from './metrics.ts';
import type { RunningInstance, ScaledService, Scaler } from './scalers/scaler.ts';

/** scaled-to-zero → starting → ready → draining → scaled-to-zero. */
export type LifecycleState = 'scaled-to-zero' | 'starting' | 'ready' | 'draining';

/** A request (or upgrade) waiting for, or sent to, a service's instance. */
export interface Waiter {
  /** The instance is ready: send the request to it; call `done` once the exchange is over. */
  proceed(instance: RunningInstance, done: () => void): void;
  /** Answer without the instance. */
  refuse(refusal: Refusal): void;
  /** `onGone` runs if the client goes away (it may run after `proceed` too; then it is ignored). */
  onAbandon(onGone: () => void): void;
}

export interface LifecycleOptions {
  scaler: Scaler;
  queueLimit: number;
  wakeTimeoutMs: number;
  idleTimeoutMs: number;
  /** How long requests in flight may finish when the service is retired or the activator stops. */
  drainTimeoutMs: number;
  metrics: ActivatorMetrics;
  logger: Logger;
}

/** What /debug/services shows of one service. */
export interface LifecycleView {
  id: string;
  name: string;
  state: LifecycleState;
  sinceMs: number;
  queued: number;
  inFlight: number;
  instance: ({ host: string; port: number } & Record<string, unknown>) | null;
  coldStarts: number;
  lastError: string | null;
}

interface Queued {
  readonly waiter: Waiter;
  readonly timer: NodeJS.Timeout;
}

/**
 * One free service's instance: woken at most once at a time, however many requests arrive cold;
 * their requests wait in a bounded queue (each for at most the wake timeout); scaled down after
 * the idle timeout with nothing in flight, or when the service is retired. One log line per state
 * change.
 */
export class ServiceLifecycle {
  #service: ScaledService;
  readonly #options: LifecycleOptions;
  #state: LifecycleState = 'scaled-to-zero';
  #since = Date.now();
  #instance: RunningInstance | undefined;
  #wake: AbortController | undefined;
  readonly #queue = new Set<Queued>();
  #inFlight = 0;
  #idleTimer: NodeJS.Timeout | undefined;
  #retired: Refusal | undefined;
  #stopped: Promise<void> | undefined;
  /** The wake or scale-down under way, if any. */
  #busy: Promise<void> | undefined;
  #whenIdle: (() => void) | undefined;
  #coldStarts = 0;
  #lastError: string | null = null;

  constructor(service: ScaledService, options: LifecycleOptions) {
    this.#service = service;
    this.#options = options;
  }

  get state(): LifecycleState {
    return this.#state;
  }

  get queued(): number {
    return this.#queue.size;
  }

  /** The record changed (e.g. a new scaler_ref): used from the next wake on. */
  update(service: ScaledService): void {
    this.#service = service;
  }

  admit(waiter: Waiter): void {
    if (this.#retired !== undefined) {
      waiter.refuse(this.#retired);
      return;
    }
    if (this.#state === 'ready') {
      this.#send(waiter);
      return;
    }
    if (this.#queue.size >= this.#options.queueLimit) {
      waiter.refuse('queueFull');
      return;
    }
    const entry: Queued = {
      waiter,
      timer: setTimeout(() => {
        if (this.#queue.delete(entry)) waiter.refuse('wakeTimeout');
      }, this.#options.wakeTimeoutMs),
    };
    this.#queue.add(entry);
    waiter.onAbandon(() => {
      if (this.#queue.delete(entry)) clearTimeout(entry.timer);
    });
    if (this.#state === 'scaled-to-zero') this.#startWake();
  }

  /**
   * The service may no longer be served here (paid, suspended, deleted; or the activator stops):
   * waiting requests are answered with `refusal`, requests in flight get the drain timeout, then
   * the instance is stopped. Resolves once it is.
   */
  retire(refusal: Refusal, why: string): Promise<void> {
    if (this.#stopped !== undefined) return this.#stopped;
    this.#retired = refusal;
    this.#answerQueue(refusal);
    this.#stopped = (async () => {
      if (this.#state === 'starting') this.#wake?.abort(new WakeFailedError(`retired: ${why}`));
      if (this.#state === 'ready') {
        clearTimeout(this.#idleTimer);
        this.#to('draining', { reason: why, inFlight: this.#inFlight });
        await this.#drained();
        await this.#sleep(why);
      }
      // A wake or an idle scale-down under way: wait for it (a wake that succeeds now is stopped at once).
      for (let busy = this.#busy; busy !== undefined; busy = this.#busy) {
        await busy;
        if (this.#busy === busy) break;
      }
    })();
    return this.#stopped;
  }

  view(): LifecycleView {
    const instance = this.#instance;
    return {
      id: this.#service.id,
      name: this.#service.name,
      state: this.#state,
      sinceMs: this.#since,
      queued: this.#queue.size,
      inFlight: this.#inFlight,
      instance: instance === undefined ? null : { host: instance.host, port: instance.port, ...instance.detail },
      coldStarts: this.#coldStarts,
      lastError: this.#lastError,
    };
  }

  #startWake(): void {
    const controller = new AbortController();
    this.#wake = controller;
    this.#coldStarts++;
    this.#options.metrics.coldStarts.inc();
    this.#to('starting', { queued: this.#queue.size });
    const started = performance.now();
    const timeoutMs = this.#options.wakeTimeoutMs;
    const timer = setTimeout(
      () => controller.abort(new WakeTimeoutError(`the instance was not ready within ${timeoutMs} ms`)),
      timeoutMs,
    );
    const service = this.#service;
    // Through a promise job, so that a scaler that throws synchronously is a failed wake too.
    this.#busy = Promise.resolve()
      .then(() => this.#options.scaler.wake(service, controller.signal))
      .then(
        (instance) => {
          clearTimeout(timer);
          this.#options.metrics.wakeDuration.observe({ outcome: 'ok' }, (performance.now() - started) / 1000);
          this.#wake = undefined;
          if (this.#retired !== undefined) {
            // Retired while it started: it was never served, stop it at once.
            this.#instance = instance;
            return this.#sleep('retired while starting');
          }
          this.#ready(instance, Math.round(performance.now() - started));
        },
        (thrown: unknown) => {
          clearTimeout(timer);
          const error = thrown instanceof Error ? thrown : new WakeFailedError(String(thrown));
          const timedOut = error instanceof WakeTimeoutError;
          this.#options.metrics.wakeDuration.observe(
            { outcome: timedOut ? 'timeout' : 'failed' },
            (performance.now() - started) / 1000,
          );
          this.#wake = undefined;
          this.#lastError = error.message;
          this.#to('scaled-to-zero', { reason: timedOut ? 'wake timed out' : 'wake failed', err: error.message });
          this.#answerQueue(timedOut ? 'wakeTimeout' : 'wakeFailed');
        },
      );
  }

  #ready(instance: RunningInstance, wakeMs: number): void {
    this.#instance = instance;
    this.#lastError = null;
    this.#to('ready', { host: instance.host, port: instance.port, wakeMs, queued: this.#queue.size });
    void instance.exited?.then((reason) => this.#onExit(instance, reason));
    const queued = [...this.#queue];
    this.#queue.clear();
    for (const entry of queued) {
      clearTimeout(entry.timer);
      this.#send(entry.waiter);
    }
    if (this.#inFlight === 0) this.#armIdle();
  }

  #send(waiter: Waiter): void {
    const instance = this.#instance as RunningInstance;
    this.#inFlight++;
    clearTimeout(this.#idleTimer);
    let finished = false;
    waiter.proceed(instance, () => {
      if (finished) return;
      finished = true;
      this.#inFlight--;
      if (this.#inFlight > 0) return;
      if (this.#state === 'ready') this.#armIdle();
      this.#whenIdle?.();
    });
  }

  #armIdle(): void {
    clearTimeout(this.#idleTimer);
    this.#idleTimer = setTimeout(() => {
      if (this.#state !== 'ready' || this.#inFlight > 0) return;
      this.#options.metrics.idleScaleDowns.inc();
      this.#to('draining', { reason: 'idle' });
      void this.#sleep('idle');
    }, this.#options.idleTimeoutMs);
    this.#idleTimer.unref();
  }

  /** Stops the instance; back to scaled-to-zero, and awake again at once if requests queued meanwhile. */
  #sleep(why: string): Promise<void> {
    const sleeping = this.#stopInstance(why);
    this.#busy = sleeping;
    return sleeping;
  }

  async #stopInstance(why: string): Promise<void> {
    const instance = this.#instance;
    if (instance !== undefined) {
      try {
        await this.#options.scaler.sleep(this.#service, instance);
      } catch (error) {
        this.#lastError = (error as Error).message;
        this.#options.logger.warn({ service: this.#service.id, err: (error as Error).message }, 'scale-down failed');
      }
    }
    this.#instance = undefined;
    this.#to('scaled-to-zero', { reason: why });
    if (this.#queue.size > 0 && this.#retired === undefined) this.#startWake();
  }

  #onExit(instance: RunningInstance, reason: string): void {
    if (this.#instance !== instance || this.#state !== 'ready') return;
    clearTimeout(this.#idleTimer);
    this.#options.metrics.crashes.inc();
    this.#lastError = reason;
    this.#instance = undefined;
    this.#to('scaled-to-zero', { reason: 'instance exited', err: reason, inFlight: this.#inFlight });
    // Clean up whatever the instance left (a process group's other members).
    void this.#options.scaler.sleep(this.#service, instance).catch(() => {});
  }

  /** Resolves when nothing is in flight, or after the drain timeout. */
  #drained(): Promise<void> {
    if (this.#inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(finish, this.#options.drainTimeoutMs);
      const whenIdle = (): void => finish();
      this.#whenIdle = whenIdle;
      function finish(): void {
        clearTimeout(timer);
        resolve();
      }
    });
  }

  #answerQueue(refusal: Refusal): void {
    const queued = [...this.#queue];
    this.#queue.clear();
    for (const entry of queued) {
      clearTimeout(entry.timer);
      entry.waiter.refuse(refusal);
    }
  }

  #to(state: LifecycleState, fields: Record<string, unknown>): void {
    const from = this.#state;
    this.#state = state;
    this.#since = Date.now();
    this.#options.logger.info(
      { service: this.#service.id, name: this.#service.name, from, to: state, ...fields },
      'service state',
    );
  }
}

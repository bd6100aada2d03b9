import { type LifecycleOptions, type LifecycleView, ServiceLifecycle } from './lifecycle.ts';
import type { Refusal } from './metrics.ts';
import type { FreeService } from './service-directory.ts';

/** The lifecycle of every free service that has had a request, by service id. */
export class Lifecycles {
  readonly #byId = new Map<string, ServiceLifecycle>();
  readonly #options: LifecycleOptions;

  constructor(options: LifecycleOptions) {
    this.#options = options;
  }

  /** The service's lifecycle, created (scaled to zero) on its first request. */
  for(service: FreeService): ServiceLifecycle {
    let lifecycle = this.#byId.get(service.id);
    if (lifecycle === undefined) {
      lifecycle = new ServiceLifecycle(service, this.#options);
      this.#byId.set(service.id, lifecycle);
    } else {
      lifecycle.update(service);
    }
    return lifecycle;
  }

  /** The service may no longer be served: answer its waiting requests, scale it down, forget it. */
  retire(id: string, refusal: Refusal, why: string): Promise<void> {
    const lifecycle = this.#byId.get(id);
    if (lifecycle === undefined) return Promise.resolve();
    this.#byId.delete(id);
    return lifecycle.retire(refusal, why);
  }

  /** Scales every service down (activator shutdown). */
  async close(): Promise<void> {
    await Promise.all([...this.#byId.keys()].map((id) => this.retire(id, 'shuttingDown', 'activator shutting down')));
  }

  queued(): number {
    let n = 0;
    for (const lifecycle of this.#byId.values()) n += lifecycle.queued;
    return n;
  }

  running(): number {
    let n = 0;
    for (const lifecycle of this.#byId.values()) if (lifecycle.state === 'ready') n++;
    return n;
  }

  views(): LifecycleView[] {
    return [...this.#byId.values()].map((lifecycle) => lifecycle.view());
  }
}

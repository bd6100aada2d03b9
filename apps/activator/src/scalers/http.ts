import { isHttpUrl } from '../config.ts';
import { ScalerRefError, WakeFailedError } from '../errors.ts';
import { abortError, pause, waitUntilReady } from './readiness.ts';
import type { RunningInstance, ScaledService, Scaler } from './scaler.ts';

export interface HttpScalerOptions {
  /** Base URL of the orchestrator, e.g. `http://orchestrator:8000`. */
  orchestrator: string;
  /** How often the service's status is polled while it starts. Default 100 ms. */
  pollIntervalMs?: number;
  /** Each call to the orchestrator gets this long. Default 10 s. */
  requestTimeoutMs?: number;
  /** How often a ready instance's status is checked, to notice one that stopped on its own. Default 5 s. */
  statusIntervalMs?: number;
}

/** The orchestrator's answer to `GET <service URL>`. */
interface ServiceStatus {
  state?: string;
  host?: string;
  port?: number;
  readinessPath?: string;
  error?: string;
}

/**
 * Asks an orchestrator to start and stop instances:
 * `POST <service URL>/wake`, then `GET <service URL>` until it says
 * `{"state": "ready", "host": "…", "port": N}` (`"failed"` with an `error` ends the wake), then a
 * readiness probe of that address; `POST <service URL>/sleep` to scale down.
 *
 * The service URL is `<orchestrator>/services/<id>`, where id is the service's `scaler_ref`, or its
 * service id when the ref is empty; a `scaler_ref` that is itself an http(s) URL is used as is.
 */
export class HttpScaler implements Scaler {
  readonly #orchestrator: string;
  readonly #pollIntervalMs: number;
  readonly #requestTimeoutMs: number;
  readonly #statusIntervalMs: number;
  /** Status checks of ready instances, stopped by sleep/close. */
  readonly #watches = new Map<RunningInstance, AbortController>();

  constructor(options: HttpScalerOptions) {
    this.#orchestrator = options.orchestrator.replace(/\/+$/, '');
    this.#pollIntervalMs = options.pollIntervalMs ?? 100;
    this.#requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
    this.#statusIntervalMs = options.statusIntervalMs ?? 5_000;
  }

  /** Where the orchestrator keeps `service`. */
  serviceUrl(service: ScaledService): string {
    const ref = service.scalerRef.trim();
    if (ref.includes('://')) {
      if (!isHttpUrl(ref)) throw new ScalerRefError(`scaler_ref is not an http(s) URL: "${ref}"`);
      return ref.replace(/\/+$/, '');
    }
    return `${this.#orchestrator}/services/${encodeURIComponent(ref === '' ? service.id : ref)}`;
  }

  async wake(service: ScaledService, signal: AbortSignal): Promise<RunningInstance> {
    const url = this.serviceUrl(service);
    const woken = await this.#call('POST', `${url}/wake`, signal);
    if (!woken.ok) throw new WakeFailedError(`the orchestrator answered ${woken.status} to wake: ${woken.text}`);
    for (;;) {
      if (signal.aborted) throw abortError(signal);
      const answer = await this.#call('GET', url, signal).catch((error: Error) => {
        if (signal.aborted) throw abortError(signal);
        return { ok: false, status: 0, text: error.message };
      });
      if (answer.ok) {
        const status = parseStatus(answer.text);
        if (status.state === 'failed') throw new WakeFailedError(`the orchestrator says: ${status.error ?? 'failed'}`);
        if (status.state === 'ready' && typeof status.host === 'string' && isPort(status.port)) {
          const path = typeof status.readinessPath === 'string' ? status.readinessPath : '/';
          await waitUntilReady({ host: status.host, port: status.port, path, signal });
          const watch = new AbortController();
          const instance: RunningInstance = {
            host: status.host,
            port: status.port,
            exited: this.#watchStatus(url, status.host, status.port, watch.signal),
            detail: { orchestrator: url },
          };
          this.#watches.set(instance, watch);
          return instance;
        }
      }
      await pause(this.#pollIntervalMs, signal);
    }
  }

  async sleep(service: ScaledService, instance: RunningInstance): Promise<void> {
    this.#watches.get(instance)?.abort();
    this.#watches.delete(instance);
    const answer = await this.#call(
      'POST',
      `${this.serviceUrl(service)}/sleep`,
      AbortSignal.timeout(this.#requestTimeoutMs),
    );
    if (!answer.ok && answer.status !== 404) {
      throw new WakeFailedError(`the orchestrator answered ${answer.status} to sleep: ${answer.text}`);
    }
  }

  async close(): Promise<void> {
    for (const watch of this.#watches.values()) watch.abort();
    this.#watches.clear();
  }

  /**
   * Resolves (with a reason) once the orchestrator no longer reports this instance ready at this
   * address. An orchestrator that does not answer is not a reason: the instance is kept.
   */
  #watchStatus(url: string, host: string, port: number, signal: AbortSignal): Promise<string> {
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout;
      const check = async (): Promise<void> => {
        try {
          const answer = await this.#call('GET', url, signal);
          if (answer.status === 404) return resolve('the orchestrator no longer knows the service');
          const status = answer.ok ? parseStatus(answer.text) : undefined;
          if (status !== undefined && (status.state !== 'ready' || status.host !== host || status.port !== port)) {
            return resolve(`the orchestrator reports the service ${status.state ?? 'without a state'}`);
          }
        } catch {
          // unreachable orchestrator, or stopped watching
        }
        if (!signal.aborted) timer = setTimeout(check, this.#statusIntervalMs).unref();
      };
      timer = setTimeout(check, this.#statusIntervalMs).unref();
      signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
    });
  }

  async #call(
    method: string,
    url: string,
    signal: AbortSignal,
  ): Promise<{ ok: boolean; status: number; text: string }> {
    let res: Response;
    try {
      res = await fetch(url, {
        method,
        signal: AbortSignal.any([signal, AbortSignal.timeout(this.#requestTimeoutMs)]),
        headers: { accept: 'application/json' },
      });
    } catch (error) {
      if (signal.aborted) throw abortError(signal);
      throw new WakeFailedError(
        `the orchestrator could not be reached (${method} ${url}): ${(error as Error).message}`,
      );
    }
    const text = (await res.text()).slice(0, 1000);
    return { ok: res.ok, status: res.status, text };
  }
}

function parseStatus(text: string): ServiceStatus {
  try {
    const value = JSON.parse(text) as unknown;
    return typeof value === 'object' && value !== null ? (value as ServiceStatus) : {};
  } catch {
    return {};
  }
}

function isPort(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) > 0 && (value as number) < 65536;
}

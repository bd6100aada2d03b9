/**
 * How a platform starts and stops the instance of a scaled-to-zero service. The activator calls
 * `wake` once per cold start (never twice at once for one service) and `sleep` once per scale-down;
 * everything else — queueing, timeouts, idling, proxying — is the activator's.
 */
export interface Scaler {
  /**
   * Starts the service's instance and resolves once it is ready to take requests (it answered a
   * readiness probe). `signal` aborts when the wake timeout passes or the service is retired: stop
   * whatever was started and reject. Reject with WakeFailedError when it cannot start.
   */
  wake(service: ScaledService, signal: AbortSignal): Promise<RunningInstance>;
  /** Stops the instance `wake` returned. Resolves once it is gone; never rejects for an instance already gone. */
  sleep(service: ScaledService, instance: RunningInstance): Promise<void>;
  /** Stops everything still running (activator shutdown). */
  close(): Promise<void>;
  /**
   * Optional, called once at start: finds instances a previous activator process left running
   * (it was SIGKILLed, or OOM-killed, before it could stop them) and stops them. Resolves with what
   * it stopped, for the log.
   */
  recover?(): Promise<OrphanInstance[]>;
}

/** An instance a previous activator process left running, found and stopped at start. */
export interface OrphanInstance {
  readonly serviceId: string;
  readonly port: number;
  /** Process-group id (process scaler). */
  readonly pgid: number;
  /** The activator process that had started it. */
  readonly startedBy: number;
}

/** What a scaler needs to know about a service (from the Watch stream's record). */
export interface ScaledService {
  readonly id: string;
  readonly name: string;
  /** `services.scaler_ref`: the scaler's own instructions (see docs/activator.md). */
  readonly scalerRef: string;
}

/** A ready instance. */
export interface RunningInstance {
  readonly host: string;
  readonly port: number;
  /** Resolves if the instance stops on its own (a crash); the service is then scaled to zero. Optional. */
  readonly exited?: Promise<string>;
  /** Scaler-specific detail for /debug/services (e.g. `{ pid }`). */
  readonly detail?: Record<string, unknown>;
  /** Header fields sent with every request to it, flat `[name, value, …]` (a peer activator needs the service id). */
  readonly forwardHeaders?: readonly string[];
}

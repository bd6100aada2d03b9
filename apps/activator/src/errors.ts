/** Errors of the activator. Each has a stable `code`. */
export class ActivatorError extends Error {
  override readonly name: string = 'ActivatorError';
  readonly code: string = 'ACTIVATOR';
}

/** A flag or environment value the activator cannot start with. */
export class ActivatorConfigError extends ActivatorError {
  override readonly name = 'ActivatorConfigError';
  override readonly code = 'ACTIVATOR_CONFIG';
}

/** A service's `scaler_ref` that its scaler cannot use (bad JSON, no command, bad URL). */
export class ScalerRefError extends ActivatorError {
  override readonly name = 'ScalerRefError';
  override readonly code = 'ACTIVATOR_SCALER_REF';
}

/** A wake that failed: the command exited, the orchestrator refused, the instance never answered. */
export class WakeFailedError extends ActivatorError {
  override readonly name = 'WakeFailedError';
  override readonly code = 'ACTIVATOR_WAKE_FAILED';
}

/** A wake that did not finish within the wake timeout (or was cancelled). */
export class WakeTimeoutError extends ActivatorError {
  override readonly name = 'WakeTimeoutError';
  override readonly code = 'ACTIVATOR_WAKE_TIMEOUT';
}

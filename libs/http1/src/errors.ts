/** Errors raised by the engine. Each has a stable `code`. */

export class EngineOptionsError extends Error {
  readonly code = 'SWITCHYARD_ENGINE_OPTIONS';
  override readonly name = 'EngineOptionsError';
}

/** Why an upstream exchange failed, with the code the metrics and retry logic act on. */
export class UpstreamError extends Error {
  override readonly name = 'UpstreamError';
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

/** A number option that must be positive and finite; the message names it. */
export function positive(value: number, name: string): number {
  if (!Number.isFinite(value) || value <= 0) {
    throw new EngineOptionsError(`${name} must be a positive number, got ${value}`);
  }
  return value;
}

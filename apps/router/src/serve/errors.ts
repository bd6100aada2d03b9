/** Errors raised by the serving path. Each has a stable `code`. */

export class ServingOptionsError extends Error {
  readonly code = 'SWITCHYARD_SERVING_OPTIONS';
  override readonly name = 'ServingOptionsError';
}

/** Passed to undici's controller when the client went away; never sent anywhere. */
export class ClientClosedError extends Error {
  readonly code = 'SWITCHYARD_CLIENT_CLOSED';
  override readonly name = 'ClientClosedError';
  constructor() {
    super('client closed the connection before the response was complete');
  }
}

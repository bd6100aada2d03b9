/** Errors of the route table, each with a stable code. */
export class RouteTableError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = 'RouteTableError';
    this.code = code;
  }
}

export class InvalidHostnameError extends RouteTableError {
  constructor(hostname: string, reason: string) {
    super('ERR_ROUTE_TABLE_INVALID_HOSTNAME', `invalid hostname ${JSON.stringify(hostname)}: ${reason}`);
    this.name = 'InvalidHostnameError';
  }
}

export class InvalidRecordError extends RouteTableError {
  constructor(serviceId: string, reason: string) {
    super('ERR_ROUTE_TABLE_INVALID_RECORD', `invalid service record ${JSON.stringify(serviceId)}: ${reason}`);
    this.name = 'InvalidRecordError';
  }
}

export class TableTooLargeError extends RouteTableError {
  constructor(what: string) {
    super('ERR_ROUTE_TABLE_TOO_LARGE', `route table too large: ${what}`);
    this.name = 'TableTooLargeError';
  }
}

/** Table buffers read from an image (a state-dir file) that do not describe a valid table. */
export class InvalidTableImageError extends RouteTableError {
  constructor(reason: string) {
    super('ERR_ROUTE_TABLE_INVALID_IMAGE', `invalid route table image: ${reason}`);
    this.name = 'InvalidTableImageError';
  }
}

/** Errors of the router application. Each has a stable `code`. */
export class RouterError extends Error {
  override readonly name: string = 'RouterError';
  readonly code: string = 'ROUTER';
}

/** A flag or environment value the router cannot start with. */
export class RouterConfigError extends RouterError {
  override readonly name = 'RouterConfigError';
  override readonly code = 'ROUTER_CONFIG';
}

/** A state-dir snapshot that cannot be used (wrong magic, version, region or checksum, truncated). */
export class SnapshotFileError extends RouterError {
  override readonly name = 'SnapshotFileError';
  override readonly code = 'ROUTER_SNAPSHOT_FILE';
}

/** A serving thread did not start (bad worker file, listen error). */
export class WorkerStartError extends RouterError {
  override readonly name = 'WorkerStartError';
  override readonly code = 'ROUTER_WORKER_START';
}

/** The ingest pool could not build a snapshot's table (a bad batch, a crashed thread). */
export class IngestFailedError extends RouterError {
  override readonly name = 'IngestFailedError';
  override readonly code = 'ROUTER_INGEST_FAILED';
}

/** Stable codes of object-store errors. */
export type ObjectStoreErrorCode = 'CONFIG' | 'INVALID_KEY' | 'SIZE_MISMATCH' | 'S3' | 'IO';

/** Any failure of a store other than a missing object (which is `undefined`, never an error). */
export class ObjectStoreError extends Error {
  readonly code: ObjectStoreErrorCode;
  /** HTTP status of the failed S3 request, when there was one. */
  readonly status: number | undefined;
  /** S3 error code from the response body (`AccessDenied`, `NoSuchBucket`, ...), when there was one. */
  readonly s3Code: string | undefined;
  constructor(
    code: ObjectStoreErrorCode,
    message: string,
    details: { status?: number; s3Code?: string } = {},
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'ObjectStoreError';
    this.code = code;
    this.status = details.status;
    this.s3Code = details.s3Code;
  }
}

/** A store URL or options that cannot work (unknown scheme, missing bucket, no credentials). */
export class ObjectStoreConfigError extends ObjectStoreError {
  constructor(message: string) {
    super('CONFIG', message);
    this.name = 'ObjectStoreConfigError';
  }
}

/** A key that could leave the store's root or is not a plain relative path. */
export class InvalidKeyError extends ObjectStoreError {
  readonly key: string;
  constructor(key: string, reason: string) {
    super('INVALID_KEY', `invalid object key ${JSON.stringify(key)}: ${reason}`);
    this.name = 'InvalidKeyError';
    this.key = key;
  }
}

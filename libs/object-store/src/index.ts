export { InvalidKeyError, ObjectStoreConfigError, ObjectStoreError, type ObjectStoreErrorCode } from './errors.ts';
export { FileSystemObjectStore } from './fs-store.ts';
export { assertValidKey, keyProblem, siteKey, sitePrefix } from './keys.ts';
export type { ByteRange, ObjectInfo, ObjectStore, PutOptions } from './object-store.ts';
export { openObjectStore } from './open.ts';
export { S3ObjectStore, type S3Options } from './s3/s3-store.ts';

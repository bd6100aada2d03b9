/** Bad `switchyard cache` configuration (flags, environment, unreadable TLS or token files). */
export class CacheConfigError extends Error {
  override readonly name = 'CacheConfigError';
  readonly code = 'CACHE_CONFIG';
}

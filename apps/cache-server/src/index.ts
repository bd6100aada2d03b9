export {
  CACHE_DEFAULTS,
  type CacheServerConfig,
  type CacheTuning,
  cacheHelp,
  parseCacheConfig,
  type ResolvedCacheConfig,
  withDefaults,
} from './config.ts';
export { CacheConfigError } from './errors.ts';
export { tuneCacheProcessGc } from './gc-tuning.ts';
export { type CacheServer, startCacheServer } from './main.ts';

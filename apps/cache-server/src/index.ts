export { CACHE_DEFAULTS, type CacheServerConfig, cacheHelp, parseCacheConfig, withDefaults } from './config.ts';
export { CacheConfigError } from './errors.ts';
export { type CacheServer, startCacheServer } from './main.ts';

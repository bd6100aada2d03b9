export {
  CACHE_STALL_TIMEOUT_MS,
  type CacheClientFiles,
  type CacheClientSecrets,
  cacheClientFlags,
  cacheClientHelp,
  DEFAULT_REGION,
  readCacheClientSecrets,
} from './cache-client.ts';
export {
  ConfigError,
  type FlagSpec,
  type FlagSpecs,
  type FlagValues,
  flag,
  formatAddress,
  parseAddress,
  parseCount,
  parseDuration,
  parseEndpoints,
  parseFlags,
} from './flags.ts';

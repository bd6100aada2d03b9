import { cacheHelp, parseCacheConfig, startCacheServer } from '@switchyard/cache-server';
import { componentCommand } from '../component-command.ts';

export const cacheCommand = componentCommand({
  name: 'cache',
  summary: 'run a cache server: follow the service database, serve Watch streams to routers',
  usage: cacheHelp,
  parse: parseCacheConfig,
  start: (config) => startCacheServer(config),
});

import { cacheHelp, parseCacheConfig, startCacheServer, tuneCacheProcessGc } from '@switchyard/cache-server';
import { componentCommand } from '../component-command.ts';

export const cacheCommand = componentCommand({
  name: 'cache',
  summary: 'run a cache server: follow the service database, serve Watch streams to routers',
  usage: cacheHelp,
  parse: parseCacheConfig,
  start: (config) => {
    tuneCacheProcessGc(); // this process is a cache: see gc-tuning.ts
    return startCacheServer(config);
  },
});

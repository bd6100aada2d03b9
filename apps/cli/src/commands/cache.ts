import { cacheHelp, parseCacheConfig, startCacheServer } from '@switchyard/cache-server';
import type { Command } from '../command.ts';
import { runUntilSignal } from '../lifecycle.ts';

export const cacheCommand: Command = {
  name: 'cache',
  summary: 'run a cache server: follow the service database, serve Watch streams to routers',
  usage: cacheHelp,
  async run(args, io) {
    if (args.includes('--help') || args.includes('-h')) {
      io.out(cacheHelp);
      return 0;
    }
    const config = parseCacheConfig(args, io.env);
    const server = await startCacheServer(config);
    return runUntilSignal(() => server.close());
  },
};

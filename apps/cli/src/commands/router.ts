import { parseRouterConfig, routerHelp, startRouter } from '@switchyard/router';
import type { Command } from '../command.ts';
import { runUntilSignal } from '../lifecycle.ts';

export const routerCommand: Command = {
  name: 'router',
  summary: 'run a router: sync the route table from a cache, serve HTTP on worker threads',
  usage: routerHelp,
  async run(args, io) {
    if (args.includes('--help') || args.includes('-h')) {
      io.out(routerHelp);
      return 0;
    }
    const config = parseRouterConfig(args, io.env);
    const router = await startRouter(config);
    return runUntilSignal(() => router.close());
  },
};

import { flushCompileCache } from 'node:module';
import { parseRouterConfig, routerHelp, startRouter } from '@switchyard/router';
import type { PreloadedImage } from '@switchyard/router/preload';
import { componentCommand } from '../component-command.ts';

/** `switchyard router`; `preloaded`: the state dir's image, its read started before this module loaded. */
export function routerCommandFor(preloaded?: PreloadedImage) {
  return componentCommand({
    name: 'router',
    summary: 'run a router: sync the route table from a cache, serve HTTP on worker threads',
    usage: routerHelp,
    parse: parseRouterConfig,
    async start(config) {
      const router = await startRouter(config, preloaded === undefined ? {} : { preloaded });
      // The modules compiled so far go to the compile cache (when enabled, bin/switchyard.js) now,
      // not only at exit: a router that is killed still leaves it for the next start.
      router.ready.then(
        () => flushCompileCache?.(),
        () => {},
      );
      return router;
    },
  });
}

export const routerCommand = routerCommandFor();

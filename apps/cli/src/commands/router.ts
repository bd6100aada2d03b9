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
    start: (config) => startRouter(config, preloaded === undefined ? {} : { preloaded }),
  });
}

export const routerCommand = routerCommandFor();

import { parseRouterConfig, routerHelp, startRouter } from '@switchyard/router';
import { componentCommand } from '../component-command.ts';

export const routerCommand = componentCommand({
  name: 'router',
  summary: 'run a router: sync the route table from a cache, serve HTTP on worker threads',
  usage: routerHelp,
  parse: parseRouterConfig,
  start: (config) => startRouter(config),
});

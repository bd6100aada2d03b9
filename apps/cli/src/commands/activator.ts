import { activatorHelp, parseActivatorConfig, startActivator } from '@switchyard/activator';
import { componentCommand } from '../component-command.ts';

export const activatorCommand = componentCommand({
  name: 'activator',
  summary: 'run the activator: wake scaled-to-zero free services, hold their requests, proxy, scale idle ones down',
  usage: activatorHelp,
  parse: parseActivatorConfig,
  start: (config) => startActivator(config),
});

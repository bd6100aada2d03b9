import type { Command } from './command.ts';
import type { CliIo } from './io.ts';
import { runUntilSignal } from './lifecycle.ts';

/** A long-running component (`cache`, `router`, …): parse its flags, start it, stop it on SIGINT/SIGTERM. */
export function componentCommand<Config>(spec: {
  name: string;
  summary: string;
  usage: string;
  parse: (args: string[], env: NodeJS.ProcessEnv) => Config;
  start: (config: Config) => Promise<{ close(): Promise<void> }>;
}): Command {
  return {
    name: spec.name,
    summary: spec.summary,
    usage: spec.usage,
    async run(args: string[], io: CliIo) {
      if (args.includes('--help') || args.includes('-h')) {
        io.out(spec.usage);
        return 0;
      }
      const component = await spec.start(spec.parse(args, io.env));
      return runUntilSignal(() => component.close());
    },
  };
}

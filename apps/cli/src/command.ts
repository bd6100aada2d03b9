import type { CliIo } from './io.ts';

/** One `switchyard <name> …` entry: a command or a group of subcommands. */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  /** Returns the process exit code. */
  run(args: string[], io: CliIo): Promise<number>;
}

/** Dispatches `<group> <sub> …` to the subcommand's handler; prints the group's usage for help. */
export function commandGroup(
  name: string,
  summary: string,
  usage: string,
  subcommands: Record<string, (args: string[], io: CliIo) => Promise<number>>,
): Command {
  return {
    name,
    summary,
    usage,
    async run(args, io) {
      const [sub, ...rest] = args;
      if (sub === undefined || sub === '--help' || sub === '-h' || sub === 'help') {
        io.out(usage);
        return sub === undefined ? 2 : 0;
      }
      const handler = subcommands[sub];
      if (!handler) {
        io.err(`switchyard ${name}: unknown subcommand "${sub}"\n\n${usage}`);
        return 2;
      }
      return handler(rest, io);
    },
  };
}

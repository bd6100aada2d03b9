// `switchyard router` on its own. The bin script loads this module instead of main.ts for the router:
// every router start (a scale-out, a roll) pays for what it imports, and the other commands bring
// the database, cache, certificate and dev stacks with them.
import { preloadStateDir } from '@switchyard/router/preload';
import type { Command } from './command.ts';
import { type CliIo, processIo } from './io.ts';
import { reportCommandError } from './report-error.ts';

/** `argv` as for main.ts's run: `['router', ...flags]`. */
export async function run(argv: string[], io: CliIo = processIo): Promise<number> {
  const args = argv.slice(1);
  // The state dir's table image is read in a thread of its own while the router's modules load
  // (a warm start waits for both; they no longer come one after the other).
  const help = args.includes('--help') || args.includes('-h');
  const preloaded = help ? undefined : preloadStateDir(args, io.env);
  let command: Command | undefined;
  try {
    command = (await import('./commands/router.ts')).routerCommandFor(preloaded);
    return await command.run(args, io);
  } catch (error) {
    command ??= (await import('./commands/router.ts')).routerCommand;
    return reportCommandError(error, command, io);
  }
}

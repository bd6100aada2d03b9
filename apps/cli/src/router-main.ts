// `switchyard router` on its own. The bin script loads this module instead of main.ts for the router:
// every router start (a scale-out, a roll) pays for what it imports, and the other commands bring
// the database, cache, certificate and dev stacks with them.
import { routerCommand } from './commands/router.ts';
import { type CliIo, processIo } from './io.ts';
import { reportCommandError } from './report-error.ts';

/** `argv` as for main.ts's run: `['router', ...flags]`. */
export async function run(argv: string[], io: CliIo = processIo): Promise<number> {
  try {
    return await routerCommand.run(argv.slice(1), io);
  } catch (error) {
    return reportCommandError(error, routerCommand, io);
  }
}

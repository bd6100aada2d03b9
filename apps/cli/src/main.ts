import { SwitchyardDbError } from '@switchyard/service-db';
import type { Command } from './command.ts';
import { activatorCommand } from './commands/activator.ts';
import { cacheCommand } from './commands/cache.ts';
import { certCommand } from './commands/cert.ts';
import { certsCommand } from './commands/certs.ts';
import { dbCommand } from './commands/db.ts';
import { deployCommand } from './commands/deploy.ts';
import { devCommand } from './commands/dev.ts';
import { hostnameCommand } from './commands/hostname.ts';
import { instanceCommand } from './commands/instance.ts';
import { logsCommand } from './commands/logs.ts';
import { routeCommand } from './commands/route.ts';
import { routerCommand } from './commands/router.ts';
import { rulesCommand } from './commands/rules.ts';
import { serviceCommand } from './commands/service.ts';
import { staticCommand } from './commands/static.ts';
import { statusCommand } from './commands/status.ts';
import { type CliIo, processIo } from './io.ts';
import { reportCommandError } from './report-error.ts';

const commands: Command[] = [
  devCommand,
  dbCommand,
  cacheCommand,
  routerCommand,
  activatorCommand,
  certsCommand,
  serviceCommand,
  hostnameCommand,
  certCommand,
  instanceCommand,
  routeCommand,
  statusCommand,
  logsCommand,
  deployCommand,
  staticCommand,
  rulesCommand,
];

export const mainUsage = `switchyard — the request-routing layer of a hosting platform

Usage: switchyard <command> [options]     (switchyard <command> --help for details)

Commands:
${commands.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`).join('\n')}

Environment: SWITCHYARD_DATABASE_URL is the default for --database-url.`;

/** Runs one command line; returns the exit code (0 ok, 1 failed, 2 bad usage). */
export async function run(argv: string[], io: CliIo = processIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(mainUsage);
    return name === undefined ? 2 : 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.err(`switchyard: unknown command "${name}"\n\n${mainUsage}`);
    return 2;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    return reportError(error, command, io);
  }
}

function reportError(error: unknown, command: Command, io: CliIo): number {
  if (error instanceof SwitchyardDbError) {
    io.err(`switchyard ${command.name}: ${error.message}`);
    return 1;
  }
  return reportCommandError(error, command, io);
}

import type { Command } from './command.ts';
import { UsageError } from './errors.ts';
import type { CliIo } from './io.ts';

/** A command's failure on stderr; returns the exit code (2 bad usage, 1 failed). */
export function reportCommandError(error: unknown, command: Command, io: CliIo): number {
  if (error instanceof UsageError) {
    io.err(`switchyard ${command.name}: ${error.message}\n\n${error.usage ?? command.usage}`);
    return 2;
  }
  io.err(`switchyard ${command.name}: ${describe(error)}`);
  return 1;
}

/** System errors (connection refused, …) are reported by message; anything unexpected with its stack. */
function describe(error: unknown): string {
  if (error instanceof AggregateError && error.message === '') {
    return error.errors.map(describe).join('; ');
  }
  if (error instanceof Error) return 'code' in error ? error.message : (error.stack ?? error.message);
  return String(error);
}

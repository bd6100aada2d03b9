import { expect } from 'vitest';
import type { CliIo } from '../../src/io.ts';
import { run } from '../../src/main.ts';

/** What one CLI run printed (trimmed) and its exit code. */
export interface CliResult {
  code: number;
  out: string;
  err: string;
}

/** Runs the CLI in-process with `env` as its whole environment and captures what it prints. */
export async function runCli(argv: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  let out = '';
  let err = '';
  const io: CliIo = {
    out: (text) => {
      out += `${text}\n`;
    },
    err: (text) => {
      err += `${text}\n`;
    },
    env,
  };
  const code = await run([...argv], io);
  return { code, out: out.trim(), err: err.trim() };
}

export type Cli = (...argv: string[]) => Promise<CliResult>;

/** `runCli` with an environment read at each call (a database URL exists only once `beforeAll` has run). */
export function cliWith(env: () => NodeJS.ProcessEnv): Cli {
  return (...argv) => runCli(argv, env());
}

export interface CliServiceOptions {
  name: string;
  kind: 'web' | 'static';
  plan: 'free' | 'paid';
  /** Default `eu`. */
  region?: string;
}

/** `switchyard service create` that must succeed; returns the new service's id. */
export async function createServiceWithCli(cli: Cli, options: CliServiceOptions): Promise<string> {
  const { code, out, err } = await cli(
    'service',
    'create',
    '--name',
    options.name,
    '--kind',
    options.kind,
    '--plan',
    options.plan,
    '--region',
    options.region ?? 'eu',
  );
  expect(err).toBe('');
  expect(code).toBe(0);
  return out;
}

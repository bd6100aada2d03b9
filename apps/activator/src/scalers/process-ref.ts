import { ScalerRefError } from '../errors.ts';

/** What the `process` scaler runs for a service, from its `scaler_ref`. */
export interface ProcessSpec {
  /** A string runs with `/bin/sh -c`; an array is argv, run without a shell. */
  command: string | string[];
  /** Working directory; default the activator's. */
  cwd?: string;
  /** Added to the instance's environment (which is otherwise only PATH, HOME and PORT). */
  env: Record<string, string>;
  /** GET path of the readiness probe; default `/`. */
  readinessPath: string;
}

/**
 * `scaler_ref` for the `process` scaler: either a plain command line (run with `/bin/sh -c`), or a
 * JSON object `{"command": "…" | ["argv0", …], "cwd": "…", "env": {"K": "V"}, "readinessPath": "/healthz"}`.
 * The instance must listen on `127.0.0.1:$PORT`.
 */
export function parseProcessRef(ref: string): ProcessSpec {
  const text = ref.trim();
  if (text === '') throw new ScalerRefError('scaler_ref is empty: the process scaler needs a start command');
  if (!text.startsWith('{')) return { command: text, env: {}, readinessPath: '/' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ScalerRefError(`scaler_ref is not valid JSON: ${(error as Error).message}`);
  }
  const object = value as Record<string, unknown>;
  const command = object.command;
  const isArgv =
    Array.isArray(command) && command.length > 0 && command.every((p) => typeof p === 'string' && p !== '');
  if (!isArgv && !(typeof command === 'string' && command.trim() !== '')) {
    throw new ScalerRefError('scaler_ref "command" must be a non-empty string or array of strings');
  }
  if (object.cwd !== undefined && typeof object.cwd !== 'string') {
    throw new ScalerRefError('scaler_ref "cwd" must be a string');
  }
  const env = object.env ?? {};
  if (typeof env !== 'object' || env === null || Array.isArray(env)) {
    throw new ScalerRefError('scaler_ref "env" must be an object of strings');
  }
  for (const [name, v] of Object.entries(env)) {
    if (typeof v !== 'string') throw new ScalerRefError(`scaler_ref "env.${name}" must be a string`);
    if (name === 'PORT') throw new ScalerRefError('scaler_ref "env" must not set PORT: the activator picks it');
  }
  const readinessPath = object.readinessPath ?? '/';
  if (typeof readinessPath !== 'string' || !readinessPath.startsWith('/')) {
    throw new ScalerRefError('scaler_ref "readinessPath" must be a path starting with /');
  }
  return {
    command: command as string | string[],
    ...(typeof object.cwd === 'string' ? { cwd: object.cwd } : {}),
    env: env as Record<string, string>,
    readinessPath,
  };
}

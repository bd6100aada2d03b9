import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** What a running `switchyard dev` leaves in its data directory for other commands to find. */
export interface DevState {
  pid: number;
  databaseUrl: string;
  /** `accessLog`: the router's access-log file (`switchyard logs` reads it). */
  router: { listen: string; listenTls: string; admin: string; pid: number; accessLog?: string };
  /** The local development CA that signed the router's HTTPS certificate (trust it to use HTTPS). */
  tlsCa: string;
  caches: { name: string; listen: string; admin: string; pid: number }[];
  postgres: { port: number; pid: number };
  /** The activator (free services), once `dev` runs one. */
  activator?: { listen: string; admin: string; pid: number };
  /** The certificate manager against a local Pebble, when Pebble is installed (`pebbleRoot`: trust it for its certificates). */
  certs?: { admin: string; pid: number; directory: string; pebbleRoot: string };
  /** The object store static sites are published to (`static deploy` reads it from here). */
  staticStore?: string;
  /** The paid demo service `hello`. */
  demoServiceId?: string;
  /** Every demo service's id by name (hello, sleepy, docs). */
  demoServices?: Record<string, string>;
}

export const DEV_STATE_FILE = 'dev.json';
/** The data directory's name when `--data-dir` is not given; also what the look-up below searches for. */
export const DEFAULT_DATA_DIR = '.switchyard';

export function writeDevState(dataDir: string, state: DevState): void {
  writeFileSync(join(dataDir, DEV_STATE_FILE), `${JSON.stringify(state, null, 2)}\n`);
}

export function removeDevState(dataDir: string): void {
  rmSync(join(dataDir, DEV_STATE_FILE), { force: true });
}

/** The state of a `dev` whose process is still alive in `dataDir`, if any. */
export function readLiveDevState(dataDir: string): DevState | undefined {
  let state: DevState;
  try {
    state = JSON.parse(readFileSync(join(dataDir, DEV_STATE_FILE), 'utf8')) as DevState;
  } catch {
    return undefined;
  }
  return Number.isInteger(state.pid) && isAlive(state.pid) ? state : undefined;
}

/** Searches `cwd` and its parents for `.switchyard/dev.json` of a live `switchyard dev`. */
export function findRunningDev(cwd: string): DevState | undefined {
  let dir = cwd;
  for (;;) {
    const state = readLiveDevState(join(dir, DEFAULT_DATA_DIR));
    if (state) return state;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, owned by someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

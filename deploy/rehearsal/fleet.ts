import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseEnvFile } from '@switchyard/cli/deploy/env-files';
import type { NetHost } from './netns.ts';

/**
 * Starts what a host's rendered bundle describes: for each unit in `host.json`, the unit's
 * ExecStart with the variables of its EnvironmentFile, under `ip netns exec <host>`. The
 * processes run as root (this machine has no `switchyard` user, and creating one is a change to
 * the machine the rehearsal should not make); the unit's hardening is checked by
 * `systemd-analyze verify` instead. Paths a VM would own (the router's state dir, the cache
 * token) are mapped under a per-host directory, as each VM has its own filesystem.
 */
export interface HostManifest {
  name: string;
  region: string;
  address: string;
  roles: string[];
  units: string[];
}

export interface RunningUnit {
  host: string;
  unit: string;
  child: ChildProcess;
  logFile: string;
  exited: Promise<number | null>;
}

/** The `Key=value` settings of a unit file, every value of each key in order, `%i` filled in. */
export function unitSettings(text: string, instance: string): Map<string, string[]> {
  const settings = new Map<string, string[]>();
  for (const line of text.split('\n')) {
    const match = /^([A-Za-z]+)=(.*)$/.exec(line.trim());
    if (!match) continue;
    const values = settings.get(match[1] as string) ?? [];
    values.push((match[2] as string).replaceAll('%i', instance));
    settings.set(match[1] as string, values);
  }
  return settings;
}

/** `switchyard-router@blue.service` → its template file and instance; plain units as they are. */
export function unitFileOf(unit: string): { file: string; instance: string } {
  const match = /^(.+)@([^.]+)\.service$/.exec(unit);
  return match ? { file: `${match[1]}@.service`, instance: match[2] as string } : { file: unit, instance: '' };
}

export const HOST_PATH_VARIABLES = ['SWITCHYARD_ROUTER_STATE_DIR', 'SWITCHYARD_CACHE_TOKEN_FILE'];

export async function readManifest(bundleDir: string, host: string): Promise<HostManifest> {
  return JSON.parse(await readFile(join(bundleDir, host, 'host.json'), 'utf8')) as HostManifest;
}

export async function startUnit(opts: {
  bundleDir: string;
  host: NetHost;
  unit: string;
  /** The host's own filesystem root for the paths in HOST_PATH_VARIABLES. */
  hostRoot: string;
  logDir: string;
}): Promise<RunningUnit> {
  const rootfs = join(opts.bundleDir, opts.host.name, 'rootfs');
  const { file, instance } = unitFileOf(opts.unit);
  const settings = unitSettings(await readFile(join(rootfs, 'etc/systemd/system', file), 'utf8'), instance);
  const execStart = settings.get('ExecStart')?.at(-1);
  const envFiles = settings.get('EnvironmentFile') ?? [];
  if (!execStart || envFiles.length === 0)
    throw new Error(`${opts.host.name}/${opts.unit}: no ExecStart or EnvironmentFile`);
  // Later files override earlier ones, as in systemd.
  const env: Record<string, string> = {};
  for (const envFile of envFiles) Object.assign(env, parseEnvFile(await readFile(join(rootfs, envFile), 'utf8')));
  for (const name of HOST_PATH_VARIABLES) {
    if (env[name] !== undefined) env[name] = join(opts.hostRoot, env[name]);
  }
  const [command, ...args] = execStart.split(/\s+/) as [string, ...string[]];
  const logFile = join(opts.logDir, `${opts.host.name}-${opts.unit.replace(/\.service$/, '').replace('@', '-')}.log`);
  const log = createWriteStream(logFile);
  const child = spawn('ip', ['netns', 'exec', opts.host.netns, command, ...args], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { host: opts.host.name, unit: opts.unit, child, logFile, exited };
}

/** SIGTERM (the unit's KillSignal), then SIGKILL after `graceMs`; resolves when it is gone. */
export async function stopUnit(unit: RunningUnit, graceMs = 15_000): Promise<void> {
  if (unit.child.exitCode !== null || unit.child.signalCode !== null) return;
  const pid = unit.child.pid as number;
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-pid, sig);
    } catch {
      // already gone
    }
  };
  signal('SIGTERM');
  const timer = setTimeout(() => signal('SIGKILL'), graceMs);
  await unit.exited;
  clearTimeout(timer);
  signal('SIGKILL'); // anything the process left behind in its group
}

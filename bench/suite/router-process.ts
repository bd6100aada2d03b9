// A router as in production: `switchyard router` from dist, in its own process, on free ports.
import { openSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findFreePort } from '@switchyard/service-db';
import { REGION } from '../cache/harness.ts';
import { type Pinned, spawnPinned, waitForHttp } from './processes.ts';

const CLI = fileURLToPath(new URL('../../apps/cli/bin/switchyard.js', import.meta.url));

export interface RouterState {
  version: number;
  cache: string | undefined;
  synced: boolean;
  services: number;
  hostnames: number;
  reconnects: number;
  snapshots: number;
}

export interface RouterProcess extends Pinned {
  port: number;
  url: string;
  admin: string;
  /** Process spawn → /readyz 200. */
  readyMs: number;
  state(): Promise<RouterState>;
}

export interface RouterOptions {
  caches: string[];
  workers: number;
  cpus?: string;
  /** Where its log goes (a file in this directory named after `name`). */
  logDir: string;
  name: string;
  nodeArgs?: string[];
  args?: string[];
  readyTimeoutMs?: number;
}

export async function startRouter(options: RouterOptions): Promise<RouterProcess> {
  const port = await findFreePort();
  const adminPort = await findFreePort();
  const log = openSync(join(options.logDir, `${options.name}.log`), 'a');
  const startedAt = performance.now();
  const proc = spawnPinned(
    options.cpus,
    [
      process.execPath,
      ...(options.nodeArgs ?? []),
      CLI,
      'router',
      '--caches',
      options.caches.join(','),
      '--listen',
      `127.0.0.1:${port}`,
      '--admin',
      `127.0.0.1:${adminPort}`,
      '--region',
      REGION,
      '--workers',
      String(options.workers),
      ...(options.args ?? []),
    ],
    { stdout: log, stderr: log, env: { ...process.env, SWITCHYARD_LOG_LEVEL: 'warn' } },
  );
  const admin = `http://127.0.0.1:${adminPort}`;
  const exited = new Promise<never>((_, reject) =>
    proc.child.once('exit', (code) =>
      reject(new Error(`router ${options.name} exited with ${code} (log: ${options.logDir})`)),
    ),
  );
  exited.catch(() => undefined);
  await Promise.race([
    waitForHttp(`${admin}/readyz`, { status: 200, timeoutMs: options.readyTimeoutMs ?? 300_000 }),
    exited,
  ]);
  const readyMs = Math.round(performance.now() - startedAt);
  return {
    ...proc,
    port,
    url: `http://127.0.0.1:${port}/`,
    admin,
    readyMs,
    async state() {
      return (await (await fetch(`${admin}/debug/state`)).json()) as RouterState;
    },
  };
}

// nginx and HAProxy configured like the router (bench/baselines/*.template, filled in per run with
// its ports and the fleet's hostnames), one worker/thread each, pinned like the router.
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findFreePort } from '@switchyard/service-db';
import { type Pinned, spawnPinned, waitForHttp } from './processes.ts';

const TEMPLATES = fileURLToPath(new URL('../baselines/', import.meta.url));
export const NGINX = '/usr/sbin/nginx';
export const HAPROXY = '/usr/sbin/haproxy';

export interface Baseline extends Pinned {
  name: 'nginx' | 'haproxy';
  port: number;
  url: string;
}

/** Replaces every `{{KEY}}`; a placeholder left without a value is an error, not an empty string. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{\{([A-Z_]+)\}\}/g, (_, key: string) => {
    if (!(key in values)) throw new Error(`template placeholder {{${key}}} has no value`);
    return String(values[key]);
  });
}

function nextPowerOfTwo(n: number): number {
  return 2 ** Math.ceil(Math.log2(Math.max(2, n)));
}

async function render(name: string, dir: string, values: Record<string, string | number>): Promise<string> {
  const out = join(dir, name.replace(/\.template$/, ''));
  await writeFile(out, fill(await readFile(join(TEMPLATES, name), 'utf8'), values));
  return out;
}

/** Writes both map files for `hostnames` into `dir` (readable by nginx's unprivileged worker). */
export async function writeHostMaps(dir: string, hostnames: string[]): Promise<void> {
  await mkdir(dir, { recursive: true });
  await chmod(dir, 0o755);
  await writeFile(join(dir, 'hosts.nginx-map'), hostnames.map((h) => `${h} 1;\n`).join(''));
  await writeFile(join(dir, 'hosts.map'), hostnames.map((h) => `${h} 1\n`).join(''));
}

export interface BaselineOptions {
  dir: string;
  backendPort: number;
  hosts: number;
  cpus: string;
  /** Where its stderr goes. */
  logFd: number;
}

export async function startNginx(opts: BaselineOptions): Promise<Baseline> {
  const port = await findFreePort();
  const config = await render('nginx.conf.template', opts.dir, {
    DIR: opts.dir,
    PORT: port,
    BACKEND_PORT: opts.backendPort,
    HOSTS: opts.hosts,
    MAP_HASH_MAX_SIZE: nextPowerOfTwo(opts.hosts) * 4,
  });
  const proc = spawnPinned(opts.cpus, [NGINX, '-p', opts.dir, '-c', config, '-e', join(opts.dir, 'nginx-error.log')], {
    stderr: opts.logFd,
  });
  return ready('nginx', proc, port);
}

export async function startHaproxy(opts: BaselineOptions): Promise<Baseline> {
  const port = await findFreePort();
  const config = await render('haproxy.cfg.template', opts.dir, {
    DIR: opts.dir,
    PORT: port,
    BACKEND_PORT: opts.backendPort,
    HOSTS: opts.hosts,
  });
  // -db: foreground, no daemon, no master process: one process with nbthread 1.
  const proc = spawnPinned(opts.cpus, [HAPROXY, '-db', '-f', config], { stderr: opts.logFd });
  return ready('haproxy', proc, port);
}

async function ready(name: Baseline['name'], proc: Pinned, port: number): Promise<Baseline> {
  const url = `http://127.0.0.1:${port}/`;
  const exited = new Promise<never>((_, reject) =>
    proc.child.once('exit', (code) => reject(new Error(`${name} exited with ${code} at start`))),
  );
  exited.catch(() => undefined);
  await Promise.race([waitForHttp(url, { timeoutMs: 60_000 }), exited]);
  return { ...proc, name, port, url };
}

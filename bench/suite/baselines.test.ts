import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { fill, HAPROXY, NGINX, writeHostMaps } from './baselines.ts';

const TEMPLATES = fileURLToPath(new URL('../baselines/', import.meta.url));
const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function rendered(name: string): Promise<{ dir: string; file: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'baselines-test-'));
  dirs.push(dir);
  await writeHostMaps(dir, ['a.example', 'b.example']);
  const text = fill(await readFile(join(TEMPLATES, name), 'utf8'), {
    DIR: dir,
    PORT: 18_080,
    BACKEND_PORT: 18_081,
    HOSTS: 2,
    MAP_HASH_MAX_SIZE: 1024,
  });
  const file = join(dir, name.replace(/\.template$/, ''));
  await writeFile(file, text);
  return { dir, file };
}

describe('fill', () => {
  it('replaces every placeholder', () => {
    expect(fill('listen {{HOST}}:{{PORT}}; # {{PORT}}', { HOST: '127.0.0.1', PORT: 80 })).toBe(
      'listen 127.0.0.1:80; # 80',
    );
  });

  it('refuses a placeholder without a value instead of leaving it empty', () => {
    expect(() => fill('listen {{PORT}};', {})).toThrow(/\{\{PORT\}\}/);
  });
});

describe('baseline configs', () => {
  it('the templates leave no placeholder unfilled', async () => {
    for (const name of ['nginx.conf.template', 'haproxy.cfg.template']) {
      const { file } = await rendered(name);
      expect(await readFile(file, 'utf8')).not.toMatch(/\{\{[A-Z_]+\}\}/);
    }
  });

  it('writes one map line per hostname for each proxy', async () => {
    const { dir } = await rendered('nginx.conf.template');
    expect(await readFile(join(dir, 'hosts.nginx-map'), 'utf8')).toBe('a.example 1;\nb.example 1;\n');
    expect(await readFile(join(dir, 'hosts.map'), 'utf8')).toBe('a.example 1\nb.example 1\n');
  });

  it.skipIf(!existsSync(NGINX))('nginx accepts the rendered config (nginx -t)', async () => {
    const { dir, file } = await rendered('nginx.conf.template');
    execFileSync(NGINX, ['-t', '-q', '-p', dir, '-c', file, '-e', join(dir, 'test-error.log')], { stdio: 'pipe' });
  });

  it.skipIf(!existsSync(HAPROXY))('HAProxy accepts the rendered config (haproxy -c)', async () => {
    const { file } = await rendered('haproxy.cfg.template');
    execFileSync(HAPROXY, ['-c', '-q', '-f', file], { stdio: 'pipe' });
  });
});

import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEPLOY_DIR } from '../src/deploy/templates.ts';
import { runCli } from './support/cli.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'switchyard-deploy-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const cli = (...argv: string[]) => runCli(argv);

describe('switchyard deploy', () => {
  it('render writes every host bundle and the observability files of the example inventory', async () => {
    const out = join(dir, 'example');
    const result = await cli(
      'deploy',
      'render',
      '--inventory',
      `${DEPLOY_DIR}inventory.example.yaml`,
      '--out',
      out,
      '--app',
      '/srv/switchyard',
      '--json',
    );
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    const { files } = JSON.parse(result.out) as { files: string[] };
    expect(files).toContain('oregon-cache-2/rootfs/etc/systemd/system/switchyard-cache.service');
    expect(files).toContain('observability/prometheus.yml');
    expect(files.filter((f) => f.endsWith('/host.json'))).toHaveLength(7);
    const unit = await readFile(join(out, 'oregon-cache-2/rootfs/etc/systemd/system/switchyard-cache.service'), 'utf8');
    expect(unit).toContain('ExecStart=/opt/switchyard/node/bin/node /srv/switchyard/apps/cli/bin/switchyard.js cache');
    const env = await stat(join(out, 'oregon-cache-2/rootfs/etc/switchyard/cache.env'));
    expect(env.mode & 0o777).toBe(0o640);
  });

  it('refuses an inconsistent inventory with exit 1 and the path of each problem', async () => {
    const bad = join(dir, 'bad.yaml');
    await writeFile(
      bad,
      `database:
  url: postgres://x@10.0.0.5/switchyard
regions:
  oregon:
    hosts:
      - { name: oregon-router-1, address: 10.0.1.21, roles: [routr, router] }
`,
    );
    const result = await cli('deploy', 'render', '--inventory', bad, '--out', join(dir, 'bad'));
    expect(result.code).toBe(1);
    expect(result.err).toBe(
      `switchyard deploy: ${bad}: 2 problems in the inventory
  regions.oregon.hosts[0].roles: unknown role "routr" (known: cache, router, activator, certs)
  regions.oregon.hosts[0].roles: router on oregon-router-1 has no cache server in its region`,
    );
    await expect(stat(join(dir, 'bad'))).rejects.toThrow();
  });

  it('check validates only; missing flags are usage errors', async () => {
    const ok = await cli('deploy', 'check', '--inventory', `${DEPLOY_DIR}inventory.example.yaml`);
    expect(ok).toMatchObject({ code: 0, out: expect.stringMatching(/ok \(2 regions, 7 hosts\)$/) });
    const missing = await cli('deploy', 'render', '--inventory', `${DEPLOY_DIR}inventory.example.yaml`);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/^switchyard deploy: --out DIR is required/);
    const relative = await cli('deploy', 'render', '--inventory', 'x.yaml', '--out', dir, '--node', 'node');
    expect(relative.code).toBe(2);
    expect(relative.err).toMatch(/--node must be an absolute path/);
  });
});

import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { cliWith, createServiceWithCli } from './support/cli.ts';
import { useTestDatabase } from './support/database.ts';

const bin = fileURLToPath(new URL('../bin/switchyard.js', import.meta.url));

const database = useTestDatabase();
/** The CLI in-process against the test database. */
const cli = cliWith(() => ({ SWITCHYARD_DATABASE_URL: database.url }));

function createWeb(name: string, plan: 'free' | 'paid' = 'paid'): Promise<string> {
  return createServiceWithCli(cli, { name, kind: 'web', plan });
}

describe('switchyard service', () => {
  it('creates a service and prints its id; --json prints the record', async () => {
    const id = await createWeb('alpha');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const created = await cli(
      'service',
      'create',
      '--name',
      'beta',
      '--kind',
      'static',
      '--plan',
      'free',
      '--region',
      'eu',
      '--json',
    );
    expect(created.code).toBe(0);
    expect(JSON.parse(created.out)).toMatchObject({
      name: 'beta',
      kind: 'static',
      plan: 'free',
      region: 'eu',
      state: 'active',
    });
  });

  it('updates, shows, lists and deletes', async () => {
    const id = await createWeb('gamma', 'free');
    const updated = await cli('service', 'update', id, '--plan', 'paid', '--state', 'suspended', '--json');
    expect(updated.code).toBe(0);
    expect(JSON.parse(updated.out)).toMatchObject({ id, plan: 'paid', state: 'suspended' });

    const shown = await cli('service', 'show', id);
    expect(shown.out).toContain('state:      suspended');

    const listed = await cli('service', 'list', '--region', 'eu', '--json');
    expect((JSON.parse(listed.out) as { id: string }[]).map((s) => s.id)).toContain(id);
    expect((await cli('service', 'list', '--region', 'nowhere')).out).toBe('no services');

    expect((await cli('service', 'delete', id)).code).toBe(0);
    const gone = await cli('service', 'show', id);
    expect(gone.code).toBe(1);
    expect(gone.err).toContain(id);
  });

  it('rejects bad input with a clear message and a non-zero exit', async () => {
    const badKind = await cli(
      'service',
      'create',
      '--name',
      'x',
      '--kind',
      'lambda',
      '--plan',
      'paid',
      '--region',
      'eu',
    );
    expect(badKind.code).toBe(2);
    expect(badKind.err).toContain('--kind must be one of web, static, got "lambda"');

    const missing = await cli('service', 'create', '--name', 'x', '--kind', 'web', '--plan', 'paid');
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('--region is required');

    const unknownFlag = await cli('service', 'list', '--colour');
    expect(unknownFlag.code).toBe(2);
    expect(unknownFlag.err).toContain('--colour');

    const badName = await cli(
      'service',
      'create',
      '--name',
      'Not Valid!',
      '--kind',
      'web',
      '--plan',
      'paid',
      '--region',
      'eu',
    );
    expect(badName.code).toBe(1);
    expect(badName.err).toMatch(/name/);

    const unknown = await cli('service', 'update', '00000000-0000-4000-8000-000000000000', '--plan', 'free');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/not found|unknown|no service/i);
  });
});

describe('switchyard hostname and instance', () => {
  it('adds hostnames (normalised) and instances, and shows them', async () => {
    const id = await createWeb('delta');
    const added = await cli('hostname', 'add', id, 'Delta.Example.COM.');
    expect(added.code).toBe(0);
    expect(added.out).toContain('delta.example.com');
    expect((await cli('hostname', 'add', id, '*.delta.example.com')).code).toBe(0);
    expect((await cli('instance', 'add', id, '10.0.0.1:8080')).code).toBe(0);
    expect((await cli('instance', 'add', id, '[::1]:9090', '--not-ready')).code).toBe(0);
    expect((await cli('instance', 'ready', id, '10.0.0.1:8080', 'false')).code).toBe(0);

    const shown = JSON.parse((await cli('service', 'show', id, '--json')).out) as {
      hostnames: string[];
      instances: { host: string; port: number; ready: boolean }[];
    };
    expect(shown.hostnames.sort()).toEqual(['*.delta.example.com', 'delta.example.com']);
    expect(shown.instances).toEqual(
      expect.arrayContaining([
        { host: '10.0.0.1', port: 8080, ready: false },
        { host: '::1', port: 9090, ready: false },
      ]),
    );

    expect((await cli('instance', 'remove', id, '10.0.0.1:8080')).code).toBe(0);
    expect((await cli('hostname', 'remove', 'delta.example.com')).code).toBe(0);
    const after = JSON.parse((await cli('service', 'show', id, '--json')).out) as {
      hostnames: string[];
      instances: unknown[];
    };
    expect(after.hostnames).toEqual(['*.delta.example.com']);
    expect(after.instances).toHaveLength(1);
  });

  it('rejects duplicate and invalid hostnames, bad ports and unknown services', async () => {
    const id = await createWeb('epsilon');
    const other = await createWeb('zeta');
    expect((await cli('hostname', 'add', id, 'taken.example.com')).code).toBe(0);

    const duplicate = await cli('hostname', 'add', other, 'TAKEN.example.com');
    expect(duplicate.code).toBe(1);
    expect(duplicate.err).toMatch(/hostname/);
    expect(duplicate.err).toContain('taken.example.com');

    const invalid = await cli('hostname', 'add', id, 'under_score.example.com');
    expect(invalid.code).toBe(1);
    expect(invalid.err).toMatch(/hostname/);

    const badPort = await cli('instance', 'add', id, '10.0.0.1:70000');
    expect(badPort.code).toBe(2);
    expect(badPort.err).toContain('instance address port must be 0-65535');

    const noPort = await cli('instance', 'add', id, '10.0.0.1');
    expect(noPort.code).toBe(2);
    expect(noPort.err).toContain('HOST:PORT');

    const unknownService = await cli('hostname', 'add', '00000000-0000-4000-8000-000000000000', 'free.example.com');
    expect(unknownService.code).toBe(1);
    expect(unknownService.err).toMatch(/service/);
  });
});

describe('switchyard db', () => {
  it('migrate is idempotent and seed is reported', async () => {
    const migrated = await cli('db', 'migrate', '--json');
    expect(migrated.code).toBe(0);
    expect(JSON.parse(migrated.out)).toEqual({ applied: [] });
    const seeded = await cli('db', 'seed', '--services', '50', '--regions', 'eu,us', '--seed', '7', '--json');
    expect(seeded.code).toBe(0);
    expect(JSON.parse(seeded.out)).toMatchObject({ services: 50 });
    const eu = JSON.parse((await cli('service', 'list', '--region', 'us', '--json')).out) as unknown[];
    expect(eu.length).toBeGreaterThan(0);
  });
});

describe('the switchyard binary', () => {
  const exec = promisify(execFile);

  it('prints help and exits 0', async () => {
    const { stdout } = await exec(process.execPath, [bin, '--help']);
    expect(stdout).toContain('Usage: switchyard <command>');
    for (const command of ['db', 'cache', 'service', 'hostname', 'instance']) expect(stdout).toContain(`  ${command} `);
  });

  it('exits non-zero with a message on stderr for bad input', async () => {
    const failed = await exec(process.execPath, [bin, 'instance', 'add', 'x', 'nope'], {
      env: { ...process.env, SWITCHYARD_DATABASE_URL: database.url },
    }).catch((error: { code: number; stderr: string }) => error);
    expect('code' in failed && failed.code).toBe(2);
    expect('stderr' in failed && failed.stderr).toContain('instance address must be HOST:PORT, got "nope"');
  });

  it('runs `router` through its own entry point: its help, and a configuration error on stderr', async () => {
    const { stdout } = await exec(process.execPath, [bin, 'router', '--help']);
    expect(stdout).toContain('Usage: switchyard router --caches');
    const env = { ...process.env, SWITCHYARD_CACHES: '' };
    const failed = await exec(process.execPath, [bin, 'router'], { env }).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect('code' in failed && failed.code).toBe(1);
    expect('stderr' in failed && failed.stderr).toContain('switchyard router: missing --caches');
  });

  it('reports an unreachable database clearly', async () => {
    const failed = await exec(
      process.execPath,
      [bin, 'service', 'list', '--database-url', 'postgres://nobody@127.0.0.1:1/none'],
      {
        env: { ...process.env },
      },
    ).catch((error: { code: number; stderr: string }) => error);
    expect('code' in failed && failed.code).toBe(1);
    expect('stderr' in failed && failed.stderr).toContain('ECONNREFUSED');
  });
});

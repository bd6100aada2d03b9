import { appendFile, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type ObjectStore, openObjectStore, type S3Options, sitePrefix } from '@switchyard/object-store';
import { startS3Server, type TestS3Server } from '@switchyard/object-store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveStoreUrl } from '../src/commands/static.ts';
import { collectBuildFiles, newBuildId, StaticBuildError, uploadBuild } from '../src/static-build.ts';
import { type CliResult, cliWith, createServiceWithCli, runCli } from './support/cli.ts';
import { useTestDatabase } from './support/database.ts';

const database = useTestDatabase();
let work: string;
let s3: TestS3Server;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'cli-static-'));
  s3 = await startS3Server();
}, 900_000); // the first S3 server build on a clean machine takes minutes
afterAll(async () => {
  await s3?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

const databaseEnv = (): NodeJS.ProcessEnv => ({ SWITCHYARD_DATABASE_URL: database.url });

/** The CLI against the test database, with `env` (a store's) on top. */
function cli(env: NodeJS.ProcessEnv, ...argv: string[]): Promise<CliResult> {
  return runCli(argv, { ...databaseEnv(), ...env });
}

let serial = 0;
function createService(kind: 'static' | 'web'): Promise<string> {
  return createServiceWithCli(cliWith(databaseEnv), { name: `site-${++serial}`, kind, plan: 'free' });
}

/** A build directory with the given files (path → content). */
async function buildDir(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(work, 'site-'));
  for (const [path, content] of Object.entries(files)) {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  return dir;
}

async function listKeys(store: ObjectStore, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const { key } of store.list(prefix)) keys.push(key);
  return keys.sort();
}

interface Backend {
  name: string;
  /** The env a CLI run needs for this store. */
  env(): NodeJS.ProcessEnv;
  open(): ObjectStore;
  /** Env for the same backend that cannot be written to. */
  brokenEnv(): NodeJS.ProcessEnv;
}

const fsRoot = () => join(work, 'store');
const s3Env = (options: S3Options): NodeJS.ProcessEnv => ({
  SWITCHYARD_S3_ENDPOINT: options.endpoint,
  AWS_REGION: options.region,
  AWS_ACCESS_KEY_ID: options.accessKeyId,
  AWS_SECRET_ACCESS_KEY: options.secretAccessKey,
});

const backends: Backend[] = [
  {
    name: 'filesystem',
    env: () => ({ SWITCHYARD_STATIC_STORE: pathToFileURL(fsRoot()).href }),
    open: () => openObjectStore(fsRoot()),
    // A store "directory" below a regular file: every write fails with ENOTDIR.
    brokenEnv: () => ({ SWITCHYARD_STATIC_STORE: join(work, 'not-a-dir', 'store') }),
  },
  {
    name: 'S3',
    env: () => ({ SWITCHYARD_STATIC_STORE: s3.url, ...s3Env(s3.options) }),
    open: () => openObjectStore(s3.url, s3.options),
    brokenEnv: () => ({ SWITCHYARD_STATIC_STORE: s3.url, ...s3Env({ ...s3.options, secretAccessKey: 'wrong' }) }),
  },
];

describe.each(backends)('switchyard static ($name store)', (backend) => {
  let store: ObjectStore;
  beforeAll(async () => {
    await writeFile(join(work, 'not-a-dir'), 'a file');
    store = backend.open();
  });
  afterAll(async () => {
    await store?.close();
  });

  it('deploys a build without activating it, then with --activate; builds lists both, the active one marked', async () => {
    const id = await createService('static');
    const dir = await buildDir({
      'index.html': '<h1>v1</h1>',
      'css/site.css': 'body{}',
      'img/deep/logo.svg': '<svg/>',
    });

    const first = await cli(backend.env(), 'static', 'deploy', id, dir, '--json');
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    const one = JSON.parse(first.out) as { buildId: string; fileCount: number; totalBytes: number; activated: boolean };
    expect(one).toMatchObject({ serviceId: id, fileCount: 3, totalBytes: 11 + 6 + 6, activated: false });
    expect(one.buildId).toMatch(/^b[0-9a-z]{15}$/);
    expect(await listKeys(store, sitePrefix(id, one.buildId))).toEqual([
      `sites/${id}/${one.buildId}/css/site.css`,
      `sites/${id}/${one.buildId}/img/deep/logo.svg`,
      `sites/${id}/${one.buildId}/index.html`,
    ]);
    expect((await store.getBytes(`sites/${id}/${one.buildId}/index.html`))?.bytes.toString()).toBe('<h1>v1</h1>');
    const shown = JSON.parse((await cli({}, 'service', 'show', id, '--json')).out) as { activeBuildId: string | null };
    expect(shown.activeBuildId).toBeNull();

    await writeFile(join(dir, 'index.html'), '<h1>v2</h1>');
    const second = await cli(backend.env(), 'static', 'deploy', id, dir, '--activate');
    expect(second.err).toBe('');
    expect(second.code).toBe(0);
    const buildId = /as build (\S+);/.exec(second.out)?.[1] as string;
    expect(second.out).toContain(`service ${id} now serves it`);
    expect(buildId > one.buildId).toBe(true); // time-sortable
    expect((await store.getBytes(`sites/${id}/${buildId}/index.html`))?.bytes.toString()).toBe('<h1>v2</h1>');

    const builds = await cli({}, 'static', 'builds', id, '--json');
    expect(JSON.parse(builds.out)).toEqual([
      expect.objectContaining({ id: buildId, active: true, fileCount: 3 }),
      expect.objectContaining({ id: one.buildId, active: false, fileCount: 3 }),
    ]);
    const table = (await cli({}, 'static', 'builds', id)).out.split('\n');
    expect(table[0]).toMatch(/BUILD\s+FILES\s+BYTES\s+CREATED/);
    expect(table[1]).toMatch(new RegExp(`^\\*\\s+${buildId}\\s+3\\s+23`));
    expect(table[2]).toMatch(new RegExp(`^\\s+${one.buildId}`));

    const back = await cli({}, 'static', 'rollback', id, one.buildId);
    expect(back.code).toBe(0);
    expect(back.out).toBe(`service ${id} now serves build ${one.buildId} (was ${buildId})`);
    const after = JSON.parse((await cli({}, 'service', 'show', id, '--json')).out) as { activeBuildId: string };
    expect(after.activeBuildId).toBe(one.buildId);

    const missing = await cli({}, 'static', 'rollback', id, 'b-no-such-build');
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/has no build b-no-such-build/);
  });

  it('a failing store records nothing and activates nothing', async () => {
    const id = await createService('static');
    const dir = await buildDir({ 'index.html': 'x', 'a.txt': 'y' });
    const failed = await cli(backend.brokenEnv(), 'static', 'deploy', id, dir, '--activate');
    expect(failed.code).toBe(1);
    expect(failed.err).toMatch(/upload of (a\.txt|index\.html) failed/);
    expect(JSON.parse((await cli({}, 'static', 'builds', id, '--json')).out)).toEqual([]);
    const shown = JSON.parse((await cli({}, 'service', 'show', id, '--json')).out) as { activeBuildId: string | null };
    expect(shown.activeBuildId).toBeNull();
  });

  it('an upload that fails part-way removes the files it had uploaded', async () => {
    const id = await createService('static');
    const dir = await buildDir({ '1.txt': 'one', '2.txt': 'two', '3.txt': 'three', '4.txt': 'gone' });
    const files = await collectBuildFiles(dir);
    await rm(join(dir, '4.txt')); // deleted between scanning and uploading
    const buildId = newBuildId();
    await expect(uploadBuild(store, id, buildId, files, 1)).rejects.toThrow(/upload of 4\.txt failed/);
    expect(await listKeys(store, sitePrefix(id, buildId))).toEqual([]);
  });

  it('a file that grows during the upload fails the deploy instead of storing a torn copy', async () => {
    const id = await createService('static');
    const dir = await buildDir({ 'a.txt': 'short' });
    const files = await collectBuildFiles(dir);
    await appendFile(join(dir, 'a.txt'), ' and longer now');
    const buildId = newBuildId();
    await expect(uploadBuild(store, id, buildId, files, 1)).rejects.toBeInstanceOf(StaticBuildError);
    expect(await listKeys(store, sitePrefix(id, buildId))).toEqual([]);
  });

  it('refuses a symlink that leaves the directory before uploading anything', async () => {
    const id = await createService('static');
    const outside = await buildDir({ 'secret.txt': 'do not publish' });
    const dir = await buildDir({ 'index.html': 'x' });
    await symlink(join(outside, 'secret.txt'), join(dir, 'leak.txt'));
    const refused = await cli(backend.env(), 'static', 'deploy', id, dir, '--activate');
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/leak\.txt is a symlink to .*secret\.txt, outside the build directory/);
    expect(await listKeys(store, `sites/${id}/`)).toEqual([]);
  });
});

describe('switchyard static (either store)', () => {
  it('follows symlinks that stay inside the directory, once per directory', async () => {
    const dir = await buildDir({ 'assets/app.js': 'js', 'index.html': 'x' });
    await symlink(join(dir, 'index.html'), join(dir, 'home.html'));
    await symlink(join(dir, 'assets'), join(dir, 'static'));
    await symlink(dir, join(dir, 'assets', 'loop'));
    const files = await collectBuildFiles(dir);
    expect(files.map((f) => f.path)).toEqual(['assets/app.js', 'home.html', 'index.html']);
  });

  it('refuses a web service, a missing directory and an empty one', async () => {
    const env = { SWITCHYARD_STATIC_STORE: fsRoot() };
    const web = await createService('web');
    const dir = await buildDir({ 'index.html': 'x' });
    const onWeb = await cli(env, 'static', 'deploy', web, dir);
    expect(onWeb.code).toBe(1);
    expect(onWeb.err).toMatch(/is a web service/);
    const id = await createService('static');
    const missing = await cli(env, 'static', 'deploy', id, join(work, 'nope'));
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/cannot read build directory/);
    const empty = await cli(env, 'static', 'deploy', id, await buildDir({}));
    expect(empty.code).toBe(1);
    expect(empty.err).toMatch(/has no files to publish/);
  });

  it('finds the store from --store, SWITCHYARD_STATIC_STORE, then a running dev stack', async () => {
    const devDir = await mkdtemp(join(work, 'dev-'));
    expect(() => resolveStoreUrl(undefined, {}, devDir)).toThrow(/no object store/);
    await mkdir(join(devDir, '.switchyard'));
    await writeFile(
      join(devDir, '.switchyard', 'dev.json'),
      JSON.stringify({ pid: process.pid, databaseUrl: 'postgres://x', staticStore: 'file:///srv/dev-sites' }),
    );
    expect(resolveStoreUrl(undefined, {}, join(devDir))).toBe('file:///srv/dev-sites');
    expect(resolveStoreUrl(undefined, { SWITCHYARD_STATIC_STORE: 's3://env' }, devDir)).toBe('s3://env');
    expect(resolveStoreUrl('/flag', { SWITCHYARD_STATIC_STORE: 's3://env' }, devDir)).toBe('/flag');
  });

  it('prints the build ids in time order', () => {
    const early = newBuildId(Date.UTC(2026, 0, 1));
    const late = newBuildId(Date.UTC(2026, 0, 2));
    expect(early < late).toBe(true);
    expect(early).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
  });
});

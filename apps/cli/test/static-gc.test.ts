import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type ObjectStore, openObjectStore, siteKey } from '@switchyard/object-store';
import {
  createStaticBuild,
  getService,
  listStaticBuilds,
  NotFoundError,
  pruneStaticBuilds,
  setActiveBuild,
} from '@switchyard/service-db';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newBuildId } from '../src/static-build.ts';
import { type CliResult, cliWith, createServiceWithCli, runCli } from './support/cli.ts';
import { useTestDatabase } from './support/database.ts';

/** `switchyard static gc` and `deploy --keep` against real PostgreSQL and the filesystem object store. */
const database = useTestDatabase();
let work: string;
let store: ObjectStore;
let pool: pg.Pool;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'cli-static-gc-'));
  store = openObjectStore(join(work, 'store'));
  pool = new pg.Pool({ connectionString: database.url, max: 4 });
});
afterAll(async () => {
  await pool?.end();
  await store?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

const env = (): NodeJS.ProcessEnv => ({
  SWITCHYARD_DATABASE_URL: database.url,
  SWITCHYARD_STATIC_STORE: pathToFileURL(join(work, 'store')).href,
});
const cli = (...argv: string[]): Promise<CliResult> => runCli(argv, env());

let serial = 0;
const createSite = (): Promise<string> =>
  createServiceWithCli(cliWith(env), { name: `gc-site-${++serial}`, kind: 'static', plan: 'free' });

/** Deploys a one-file build with the CLI; returns its id. */
async function deploy(serviceId: string, text: string, ...flags: string[]): Promise<string> {
  const dir = await mkdtemp(join(work, 'build-'));
  await writeFile(join(dir, 'index.html'), text);
  const result = await cli('static', 'deploy', serviceId, dir, '--json', ...flags);
  expect(result.code, result.err).toBe(0);
  return JSON.parse(result.out).buildId;
}

async function hasFiles(serviceId: string, buildId: string): Promise<boolean> {
  return (await store.head(siteKey(serviceId, buildId, 'index.html'))) !== undefined;
}

async function recorded(serviceId: string): Promise<string[]> {
  return (await listStaticBuilds(pool, serviceId)).map((b) => b.id);
}

describe('switchyard static gc', () => {
  it('removes every build but the active one and the newest N, records and files', async () => {
    const site = await createSite();
    const builds: string[] = [];
    for (let i = 0; i < 5; i++) builds.push(await deploy(site, `build ${i}`));
    const [b0, b1, b2, b3, b4] = builds as [string, string, string, string, string];
    expect((await cli('static', 'rollback', site, b1)).code).toBe(0); // an old build is the active one

    const dry = await cli('static', 'gc', site, '--keep', '2', '--dry-run');
    expect(dry.code, dry.err).toBe(0);
    expect(dry.out).toContain(`would remove ${b2}, ${b0}`);
    expect(await recorded(site)).toHaveLength(5);

    const result = await cli('static', 'gc', site, '--keep', '2', '--json');
    expect(result.code, result.err).toBe(0);
    expect(JSON.parse(result.out)).toEqual([
      {
        serviceId: site,
        activeBuildId: b1,
        kept: [b4, b3],
        removed: [b2, b0],
        orphans: [],
        deletedObjects: 2,
        failed: [],
      },
    ]);
    expect(await recorded(site)).toEqual([b4, b3, b1]);
    for (const [build, kept] of [
      [b0, false],
      [b1, true],
      [b2, false],
      [b3, true],
      [b4, true],
    ] as const) {
      expect(await hasFiles(site, build), build).toBe(kept);
    }

    // --keep 0: only the active build is left, and it is never removed.
    expect((await cli('static', 'gc', site, '--keep', '0')).out).toContain(`removed ${b4}, ${b3}`);
    expect(await recorded(site)).toEqual([b1]);
    expect(await hasFiles(site, b1)).toBe(true);
    expect((await getService(pool, site)).activeBuildId).toBe(b1);
    expect((await cli('static', 'gc', site, '--keep', '0')).out).toContain('nothing to remove');
  });

  it('without an ID covers every static service; --keep defaults to 3', async () => {
    const a = await createSite();
    const b = await createSite();
    for (let i = 0; i < 5; i++) await deploy(a, `a ${i}`);
    await deploy(b, 'b', '--activate');
    const result = await cli('static', 'gc', '--json');
    expect(result.code, result.err).toBe(0);
    const bySite = new Map(JSON.parse(result.out).map((r: { serviceId: string }) => [r.serviceId, r]));
    expect(bySite.get(a)).toMatchObject({ activeBuildId: null, removed: expect.any(Array) });
    expect(await recorded(a)).toHaveLength(3);
    expect(await recorded(b)).toHaveLength(1);
  });

  it('deploy --keep N prunes after publishing', async () => {
    const site = await createSite();
    await deploy(site, 'one', '--activate');
    const two = await deploy(site, 'two');
    const three = await deploy(site, 'three', '--activate', '--keep', '1'); // active + the newest other one
    expect(await recorded(site)).toEqual([three, two]);
    const four = await deploy(site, 'four', '--keep', '1'); // not activated: the active one stays too
    expect(await recorded(site)).toEqual([four, three]);
    expect((await cli('static', 'deploy', site, work, '--keep', 'x')).err).toContain('--keep must be');
  });

  it("removes files of builds never recorded once they are old enough, never a deploy's that is uploading", async () => {
    const site = await createSite();
    const active = await deploy(site, 'live', '--activate');
    const dead = newBuildId(Date.now() - 2 * 86_400_000); // a deploy that died two days ago
    const uploading = newBuildId(); // a deploy uploading right now
    for (const build of [dead, uploading, 'handmade']) {
      await store.put(siteKey(site, build, 'index.html'), Buffer.from(build));
    }
    const result = await cli('static', 'gc', site, '--json');
    expect(JSON.parse(result.out)[0]).toMatchObject({ orphans: [dead], removed: [] });
    expect(await hasFiles(site, dead)).toBe(false);
    expect(await hasFiles(site, uploading)).toBe(true);
    expect(await hasFiles(site, 'handmade')).toBe(true); // not a build id gc can date: left alone
    expect(await hasFiles(site, active)).toBe(true);
    const aged = await cli('static', 'gc', site, '--orphan-age', '1ms', '--json');
    expect(JSON.parse(aged.out)[0].orphans).toEqual([uploading]);
  });

  it('refuses a web service and an unknown one', async () => {
    const web = await createServiceWithCli(cliWith(env), { name: 'gc-web', kind: 'web', plan: 'free' });
    expect((await cli('static', 'gc', web)).err).toContain('only static services have builds');
    expect((await cli('static', 'gc', '00000000-0000-4000-8000-000000000000')).code).not.toBe(0);
  });
});

describe('pruning is safe against a concurrent rollback or deploy', () => {
  /** Polls until some other session waits for a lock: the concurrent statement is blocked. */
  async function untilBlocked(): Promise<void> {
    for (;;) {
      const { rows } = await pool.query(
        "SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
      );
      if (rows.length > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async function site(builds: string[], active: string): Promise<string> {
    const id = await createSite();
    for (const build of builds) await createStaticBuild(pool, id, build);
    await setActiveBuild(pool, id, active);
    return id;
  }

  it('a rollback to a build being removed waits, then fails: the removed build is never served', async () => {
    const id = await site(['r1', 'r2', 'r3'], 'r3');
    const gc = await pool.connect();
    try {
      await gc.query('BEGIN');
      expect((await pruneStaticBuilds(gc, id, { keep: 0 })).removed.sort()).toEqual(['r1', 'r2']);
      const rollback = setActiveBuild(pool, id, 'r1'); // sees r1 still recorded, then waits for the lock
      await untilBlocked();
      await gc.query('COMMIT');
      await expect(rollback).rejects.toBeInstanceOf(NotFoundError);
    } finally {
      gc.release();
    }
    expect((await getService(pool, id)).activeBuildId).toBe('r3');
  });

  it('a rollback committed first is seen: the build it activated is kept', async () => {
    const id = await site(['s1', 's2', 's3'], 's3');
    const rollback = await pool.connect();
    try {
      await rollback.query('BEGIN');
      await setActiveBuild(rollback, id, 's1');
      const pruned = pruneStaticBuilds(pool, id, { keep: 0 }); // waits for the rollback's row lock
      await untilBlocked();
      await rollback.query('COMMIT');
      expect(await pruned).toMatchObject({ activeBuildId: 's1', removed: expect.arrayContaining(['s2', 's3']) });
    } finally {
      rollback.release();
    }
    expect(await recorded(id)).toEqual(['s1']);
  });

  it('a deploy recording its build while a gc runs waits for it, and is kept (it is the newest)', async () => {
    const id = await site(['d1', 'd2'], 'd1');
    const gc = await pool.connect();
    try {
      await gc.query('BEGIN');
      await pruneStaticBuilds(gc, id, { keep: 0 });
      const recording = createStaticBuild(pool, id, 'd3'); // the foreign key's lock waits for the gc
      await untilBlocked();
      await gc.query('COMMIT');
      await recording;
    } finally {
      gc.release();
    }
    expect((await recorded(id)).sort()).toEqual(['d1', 'd3']);
  });
});

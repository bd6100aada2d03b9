import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createTestDatabase } from '@switchyard/service-db/testing';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR, MigrationError, migrate, readMigrations } from '../src/index.ts';

async function recorded(url: string): Promise<{ version: number; name: string }[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query('SELECT version, name FROM schema_migrations ORDER BY version')).rows;
  } finally {
    await client.end();
  }
}

describe('migrate', () => {
  it('applies every migration once, even when two processes race on a fresh database', async () => {
    const db = await createTestDatabase({ migrate: false });
    try {
      const all = (await readMigrations()).map((m) => `${String(m.version).padStart(4, '0')}_${m.name}`);
      expect(all).toContain('0001_routing_schema');
      const results = await Promise.all([migrate(db.url), migrate(db.url), migrate(db.url)]);
      const applied = results.flatMap((r) => r.applied);
      expect(applied.sort()).toEqual(all.sort());
      expect(results.filter((r) => r.applied.length > 0)).toHaveLength(1);
      expect(await migrate(db.url)).toEqual({ applied: [] });
      expect((await recorded(db.url)).map((r) => r.version)).toEqual((await readMigrations()).map((m) => m.version));
    } finally {
      await db.drop();
    }
  });

  it('refuses to run when an applied migration changed, and applies new ones in order', async () => {
    const db = await createTestDatabase();
    const dir = await mkdtemp(join(tmpdir(), 'migrations-'));
    try {
      await cp(MIGRATIONS_DIR, dir, { recursive: true });
      const dirUrl = pathToFileURL(`${dir}/`);
      await writeFile(join(dir, '9001_extra.sql'), 'CREATE TABLE extra_one (id int PRIMARY KEY);');
      await writeFile(join(dir, '9002_more.sql'), 'CREATE TABLE extra_two (id int REFERENCES extra_one (id));');
      expect(await migrate(db.url, { dir: dirUrl })).toEqual({ applied: ['9001_extra', '9002_more'] });

      await writeFile(join(dir, '9001_extra.sql'), 'CREATE TABLE extra_one (id bigint PRIMARY KEY);');
      await expect(migrate(db.url, { dir: dirUrl })).rejects.toThrow(MigrationError);
      await expect(migrate(db.url, { dir: dirUrl })).rejects.toThrow(/9001_extra was changed/);
    } finally {
      await rm(dir, { recursive: true, force: true });
      await db.drop();
    }
  });

  it('rolls a failing migration back and records nothing for it', async () => {
    const db = await createTestDatabase();
    const dir = await mkdtemp(join(tmpdir(), 'migrations-'));
    try {
      await cp(MIGRATIONS_DIR, dir, { recursive: true });
      await writeFile(join(dir, '9001_broken.sql'), 'CREATE TABLE half_done (id int); SELECT * FROM no_such_table;');
      await expect(migrate(db.url, { dir: pathToFileURL(`${dir}/`) })).rejects.toThrow(/9001_broken failed/);
      expect((await recorded(db.url)).map((r) => r.version)).not.toContain(9001);
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      const { rows } = await client.query("SELECT to_regclass('half_done') AS t");
      await client.end();
      expect(rows[0].t).toBeNull();
    } finally {
      await rm(dir, { recursive: true, force: true });
      await db.drop();
    }
  });
});

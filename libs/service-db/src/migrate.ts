import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import pg from 'pg';
import { MigrationError } from './errors.ts';

/** Resolves from src/ and from dist/ alike. */
export const MIGRATIONS_DIR = new URL('../migrations/', import.meta.url);

/** Arbitrary but fixed: every process migrating this database serialises on it. */
const MIGRATION_LOCK_KEY = 0x5357_5944; // "SWYD"

export interface MigrationFile {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

const FILE_NAME = /^(\d+)_([A-Za-z0-9_-]+)\.sql$/;

export async function readMigrations(dir: URL = MIGRATIONS_DIR): Promise<MigrationFile[]> {
  const files = (await readdir(dir)).filter((file) => file.endsWith('.sql')).sort();
  const migrations: MigrationFile[] = [];
  for (const file of files) {
    const match = FILE_NAME.exec(file);
    if (!match) throw new MigrationError(`migration file ${file} is not named NNNN_name.sql`);
    const sql = await readFile(new URL(file, dir), 'utf8');
    const version = Number(match[1]);
    if (migrations.some((m) => m.version === version)) {
      throw new MigrationError(`two migration files share version ${version} (${file})`);
    }
    migrations.push({
      version,
      name: match[2] as string,
      sql,
      checksum: createHash('sha256').update(sql).digest('hex'),
    });
  }
  return migrations.sort((a, b) => a.version - b.version);
}

/**
 * Applies the migrations not yet recorded in `schema_migrations`, in order, each in its own transaction,
 * under an advisory lock held for the whole run. A recorded migration whose file changed is an error.
 */
export async function migrate(databaseUrl: string, opts: { dir?: URL } = {}): Promise<{ applied: string[] }> {
  const migrations = await readMigrations(opts.dir);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await client.query<{ version: number; name: string; checksum: string }>(
      'SELECT version, name, checksum FROM schema_migrations',
    );
    const recorded = new Map(rows.map((row) => [row.version, row]));
    const applied: string[] = [];
    for (const migration of migrations) {
      const label = `${String(migration.version).padStart(4, '0')}_${migration.name}`;
      const done = recorded.get(migration.version);
      if (done) {
        if (done.checksum !== migration.checksum) {
          throw new MigrationError(`migration ${label} was changed after it was applied (checksum differs)`);
        }
        continue;
      }
      try {
        await client.query('BEGIN');
        await client.query(migration.sql);
        await client.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
          migration.version,
          migration.name,
          migration.checksum,
        ]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw new MigrationError(`migration ${label} failed: ${err instanceof Error ? err.message : String(err)}`);
      }
      applied.push(label);
    }
    return { applied };
  } finally {
    // Closing the session releases the advisory lock even if the unlock is never reached.
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await client.end().catch(() => undefined);
  }
}

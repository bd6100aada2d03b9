import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from '../src/index.ts';

async function query(url: string, sql: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('startEmbeddedPostgres', () => {
  it('pauses and starts again on the same port with the same data; connections see the outage', async () => {
    const server = await startEmbeddedPostgres();
    try {
      await query(server.databaseUrl, 'CREATE TABLE kept (v int); INSERT INTO kept VALUES (42)');
      const client = new pg.Client({ connectionString: server.databaseUrl });
      client.on('error', () => undefined);
      await client.connect();
      await server.pause();
      await expect(client.query('SELECT 1')).rejects.toThrow();
      await expect(query(server.databaseUrl, 'SELECT 1')).rejects.toThrow();
      await server.start();
      expect(await query(server.databaseUrl, 'SELECT v FROM kept')).toEqual([{ v: 42 }]);
    } finally {
      await server.stop();
    }
    await expect(stat(server.dataDir)).rejects.toThrow(); // a temporary data directory is removed
  });

  it('reuses a persistent data directory instead of initialising it again', async () => {
    const root = await mkdtemp(join(tmpdir(), 'switchyard-persist-'));
    const dataDir = join(root, 'pg');
    try {
      const first = await startEmbeddedPostgres({ dataDir });
      await query(first.databaseUrl, 'CREATE TABLE kept (v int); INSERT INTO kept VALUES (7)');
      await first.stop();
      const second = await startEmbeddedPostgres({ dataDir });
      try {
        expect(await query(second.databaseUrl, 'SELECT v FROM kept')).toEqual([{ v: 7 }]);
      } finally {
        await second.stop();
      }
      expect((await stat(join(dataDir, 'PG_VERSION'))).isFile()).toBe(true);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

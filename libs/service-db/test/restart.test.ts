import {
  createTestDatabase,
  restartTestServer,
  startTestServer,
  stopTestServer,
  testServerInfo,
} from '@switchyard/service-db/testing';
import pg from 'pg';
import { expect, it } from 'vitest';
import { addHostname, createService, readChanges } from '../src/index.ts';

// Runs in its own vitest project (vitest.config.ts), so its own server: restarting it disturbs no other file.

it('stops and starts the shared test server on the same port, keeping the data', async () => {
  const db = await createTestDatabase();
  const { port } = testServerInfo();
  const before = new pg.Client({ connectionString: db.url });
  before.on('error', () => undefined);
  await before.connect();
  const service = await createService(before, { name: 'survivor', kind: 'web', plan: 'paid', region: 'r' });
  const version = (await readChanges(before, 1)).version;

  await stopTestServer();
  await expect(before.query('SELECT 1')).rejects.toThrow();
  await startTestServer();
  expect(testServerInfo().port).toBe(port);

  const after = new pg.Client({ connectionString: db.url });
  await after.connect();
  try {
    await addHostname(after, service.id, 'after-restart.example.com');
    const changes = await readChanges(after, version);
    expect(changes).toMatchObject({ serviceIds: [service.id], resyncRequired: false });
    expect(changes.version).toBeGreaterThan(version);
  } finally {
    await after.end();
  }
  await restartTestServer();
  await db.drop();
});

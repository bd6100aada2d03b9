import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { migrate } from '../migrate.ts';
import './provided-context.ts';

export { createTestCertificate, createTestChain, type TestCertificate, testKeyPair } from './certificates.ts';

/** Test support: needs `@switchyard/service-db/testing/global-setup` as the vitest globalSetup. */

export interface TestDatabase {
  /** URL of a fresh, migrated database of its own. */
  url: string;
  /** Drops it (closing any connection still open to it). */
  drop(): Promise<void>;
}

function adminUrl(): string {
  const url = inject('switchyardPgAdminUrl');
  if (!url) {
    throw new Error('no test server: add @switchyard/service-db/testing/global-setup to the vitest globalSetup');
  }
  return url;
}

async function asAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Creates and migrates a fresh database on the shared test server. */
export async function createTestDatabase(opts: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const name = `test_${randomBytes(6).toString('hex')}`;
  await asAdmin((client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  if (opts.migrate !== false) await migrate(url.toString());
  return {
    url: url.toString(),
    drop: () => asAdmin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

async function control(action: 'stop' | 'start'): Promise<void> {
  const res = await fetch(`${inject('switchyardPgControlUrl')}/${action}`, { method: 'POST' });
  if (!res.ok) throw new Error(`test server ${action} failed: ${res.status} ${await res.text()}`);
}

/** Stops the shared server (fast shutdown: open connections are terminated). Other test files share it too. */
export function stopTestServer(): Promise<void> {
  return control('stop');
}

/** Starts the shared server again, same port, same data. */
export function startTestServer(): Promise<void> {
  return control('start');
}

export async function restartTestServer(): Promise<void> {
  await stopTestServer();
  await startTestServer();
}

/** Port and data directory of the shared server, e.g. to tell a process under test where it is. */
export function testServerInfo(): { adminUrl: string; port: number; dataDir: string } {
  return { adminUrl: adminUrl(), port: inject('switchyardPgPort'), dataDir: inject('switchyardPgDataDir') };
}

// The routed fleet of a run: N seeded services, every one made a paid web service whose one ready
// instance is the benchmark backend, so that any hostname drawn at random is proxied (not 404,
// not the activator, not object storage) and the proxies differ only in how they route.
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { findFreePort, seed } from '@switchyard/service-db';
import pg from 'pg';
import { REGION } from '../cache/harness.ts';
import { type Pinned, spawnPinned, waitForHttp } from './processes.ts';

const BACKEND = fileURLToPath(new URL('../forward/backend.ts', import.meta.url));

export interface Backend extends Pinned {
  port: number;
  url: string;
}

/** bench/forward/backend.ts (12-byte answers) on a free port. */
export async function startBackend(cpus: string | undefined): Promise<Backend> {
  const port = await findFreePort();
  const proc = spawnPinned(cpus, [process.execPath, BACKEND, String(port)]);
  const url = `http://127.0.0.1:${port}/`;
  await waitForHttp(url, { timeoutMs: 30_000 });
  return { ...proc, port, url };
}

/** Seeds `services` services (seed 1) and points all of them at the backend. */
export async function seedFleet(databaseUrl: string, services: number, backendPort: number) {
  const seeded = await seed(databaseUrl, { services, regions: [REGION], seed: 1 });
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    // No changelog rows for this rewrite (session_replication_role = replica skips triggers): no
    // cache runs yet, and each will load the rewritten rows in its initial snapshot.
    await client.query(`SET LOCAL session_replication_role = replica`);
    await client.query(`UPDATE services SET kind = 'web', plan = 'paid', state = 'active', active_build_id = NULL`);
    await client.query('DELETE FROM static_builds');
    await client.query('DELETE FROM instances');
    await client.query(
      `INSERT INTO instances (service_id, host, port, ready) SELECT id, '127.0.0.1', $1, true FROM services`,
      [backendPort],
    );
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
  return seeded;
}

/** Every exact (non-wildcard) hostname of the fleet, for the load tool and the baselines' maps. */
export async function fleetHostnames(databaseUrl: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ hostname: string }>(
      `SELECT hostname FROM hostnames WHERE hostname NOT LIKE '*.%' ORDER BY hostname`,
    );
    return rows.map((r) => r.hostname);
  } finally {
    await client.end();
  }
}

/** The hostnames as a JSON array (k6) and, when `textFile` is given, one a line (wrk). */
export async function writeHostsFile(file: string, hostnames: string[], textFile?: string): Promise<void> {
  await writeFile(file, JSON.stringify(hostnames));
  if (textFile !== undefined) await writeFile(textFile, `${hostnames.join('\n')}\n`);
}

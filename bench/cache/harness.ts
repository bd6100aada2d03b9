import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface, type Interface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { credentials, Metadata } from '@grpc/grpc-js';
import { RouteCacheClient, type WatchEvent } from '@switchyard/proto';
import { migrate, startEmbeddedPostgres } from '@switchyard/service-db';
import pg from 'pg';

export const REGION = 'bench';

/** A fresh embedded PostgreSQL with the schema applied. */
export async function startDatabase() {
  const server = await startEmbeddedPostgres();
  await migrate(server.databaseUrl);
  return server;
}

export interface CacheProcess {
  pid: number;
  grpc: string;
  admin: string;
  readyMs: number;
  stats(): Promise<{ maxRssBytes: number; rssBytes: number; heapUsedBytes: number }>;
  /** SIGTERM by default (a clean stop); SIGKILL to simulate a crash. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export interface SpawnCacheOptions {
  /** Where the cache's log (stderr) goes: inherited by default, or a file descriptor. */
  stderr?: 'inherit' | 'ignore' | number;
  /** Pin the process to these CPUs (`taskset -c`). */
  cpus?: string;
}

/** Starts a cache server in a child process on free ports and waits until it is ready. */
export async function spawnCache(
  databaseUrl: string,
  overrides: Record<string, unknown> = {},
  options: SpawnCacheOptions = {},
): Promise<CacheProcess> {
  const script = fileURLToPath(new URL('./cache-process.ts', import.meta.url));
  const config = { databaseUrl, region: REGION, listen: '127.0.0.1:0', admin: '127.0.0.1:0', ...overrides };
  const argv = [process.execPath, '--conditions=source', '--expose-gc', script, JSON.stringify(config)];
  const [command, ...args] = options.cpus === undefined ? argv : ['taskset', '-c', options.cpus, ...argv];
  const child: ChildProcess = spawn(command as string, args, {
    stdio: ['pipe', 'pipe', options.stderr ?? 'inherit'],
  });
  const lines: Interface = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const pending: ((line: string) => void)[] = [];
  lines.on('line', (line) => pending.shift()?.(line));
  const nextLine = () =>
    new Promise<string>((resolve, reject) => {
      pending.push(resolve);
      child.once('exit', (code) => reject(new Error(`cache process exited with ${code}`)));
    });
  const ready = JSON.parse(await nextLine()) as { grpc: string; admin: string; readyMs: number };
  return {
    ...ready,
    pid: child.pid as number,
    async stats() {
      const line = nextLine();
      child.stdin?.write('stats\n');
      return JSON.parse(await line);
    },
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill(signal);
      await exited;
    },
  };
}

export interface WatchHandle {
  stream: ReturnType<typeof watch>['stream'];
  close(): void;
}

/** Opens a Watch stream and hands every event to `onEvent`. */
export function watch(address: string, fromVersion: number, onEvent: (event: WatchEvent) => void) {
  const client = new RouteCacheClient(address, credentials.createInsecure(), {
    'grpc.max_receive_message_length': 8 * 1024 * 1024,
  }) as unknown as {
    watch(request: object, metadata: Metadata): import('@grpc/grpc-js').ClientReadableStream<WatchEvent>;
    close(): void;
  };
  const stream = client.watch({ clientId: 'bench', fromVersion }, new Metadata());
  stream.on('data', onEvent);
  stream.on('error', () => undefined);
  return {
    stream,
    close() {
      stream.cancel();
      client.close();
    },
  };
}

export async function databaseConnections(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
    );
    return Number(rows[0]?.n);
  } finally {
    await client.end();
  }
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

export const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

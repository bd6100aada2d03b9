// Reading the state dir's table image as early as a router process can: `switchyard router` starts
// the read before it imports the router itself, so that the read (a thread of its own) and the
// module loading (the main thread) overlap. Imports nothing but Node's own modules: it is loaded
// before everything else.
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { SnapshotFileError } from './errors.ts';
import type { LoadedTable } from './table-file.ts';

/** What the reader thread posts: the table (null: no file), or why the file cannot be used. */
export type ImageReaderReply = { table: LoadedTable | null } | { error: string; fileError: boolean };

/** A read of `dir`'s table image, started early; `startRouter` takes it when `dir` is its state dir. */
export interface PreloadedImage {
  readonly dir: string;
  readonly table: Promise<LoadedTable | undefined>;
}

const fromSources = import.meta.url.endsWith('.ts');
const READER_URL = new URL(fromSources ? './image-reader.ts' : './image-reader.js', import.meta.url);
const READER_EXEC_ARGV = fromSources ? ['--conditions=source', '--disable-warning=ExperimentalWarning'] : [];

/**
 * Reads `dir`'s table image in a thread of its own. Resolves with the table (its SharedArrayBuffers,
 * checked: magic, format, layout, length, shape, checksum), undefined when there is no file;
 * rejects with a SnapshotFileError when the file cannot be used. The region is the caller's check.
 */
export function readTableImage(dir: string): Promise<LoadedTable | undefined> {
  return new Promise((resolve, reject) => {
    const reader = new Worker(READER_URL, { workerData: { dir }, execArgv: READER_EXEC_ARGV, name: 'state-dir-read' });
    let replied = false;
    reader.once('message', (reply: ImageReaderReply) => {
      replied = true;
      if ('table' in reply) resolve(reply.table ?? undefined);
      else reject(reply.fileError ? new SnapshotFileError(reply.error) : new Error(reply.error));
    });
    reader.once('error', (error) => {
      if (!replied) reject(new SnapshotFileError(`cannot read ${join(dir, 'routes.table')}: ${error.message}`));
    });
    reader.once('exit', (code) => {
      if (!replied) reject(new SnapshotFileError(`the state-dir reader exited with code ${code}`));
    });
  });
}

/**
 * The state dir named by router flags or the environment (`--state-dir DIR`, `--state-dir=DIR`,
 * SWITCHYARD_ROUTER_STATE_DIR; the flag wins), read before the flags are parsed in full. A hint:
 * `startRouter` uses the early read only when it is of the state dir its configuration names.
 */
export function stateDirHint(argv: readonly string[], env: NodeJS.ProcessEnv): string | undefined {
  let dir: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') break;
    if (arg === '--state-dir') dir = argv[++i];
    else if (arg.startsWith('--state-dir=')) dir = arg.slice('--state-dir='.length);
  }
  dir ??= env.SWITCHYARD_ROUTER_STATE_DIR;
  return dir === undefined || dir === '' ? undefined : dir;
}

/** Starts reading the table image of the state dir the flags name, if any. */
export function preloadStateDir(argv: readonly string[], env: NodeJS.ProcessEnv): PreloadedImage | undefined {
  const dir = stateDirHint(argv, env);
  if (dir === undefined) return undefined;
  const table = readTableImage(dir);
  table.catch(() => {}); // startRouter reports it (or a read of its own does, for another dir)
  return { dir, table };
}

/**
 * Entry point of the child processes `switchyard dev` starts (`node component.js <argv>`), each in its
 * own process group so that a terminal's Ctrl-C reaches `dev` alone and `dev` decides the order.
 *
 * - `postgres DATA_DIR PORT`: the embedded PostgreSQL; reports `{ databaseUrl }` over IPC once it accepts
 *   connections.
 * - `exec BIN ARGS…`: a program that is not Node (Pebble, its DNS), stopped with SIGTERM when this is.
 * - anything else: a `switchyard` command line (`cache …`, `router …`), run until SIGTERM.
 *
 * When the IPC channel to `dev` closes (it exited, or was killed with SIGKILL), the child stops
 * itself as on SIGTERM: no process outlives `dev`.
 */
import { spawn } from 'node:child_process';
import { startEmbeddedPostgres } from '@switchyard/service-db';
import { run } from '../main.ts';

process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));

const [mode, ...rest] = process.argv.slice(2);
if (mode === 'postgres') {
  const [dataDir, port] = rest as [string, string];
  const server = await startEmbeddedPostgres({ dataDir, port: Number(port), persistent: true });
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    server.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.send?.({ databaseUrl: server.databaseUrl });
} else if (mode === 'exec') {
  const [bin, ...args] = rest as [string, ...string[]];
  const program = spawn(bin, args, { stdio: 'inherit', env: process.env });
  const stop = () => program.kill('SIGTERM');
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  program.once('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
  program.once('error', (error) => {
    console.error(`${bin}: ${error.message}`);
    process.exit(1);
  });
} else {
  const code = await run(process.argv.slice(2));
  process.exit(code);
}

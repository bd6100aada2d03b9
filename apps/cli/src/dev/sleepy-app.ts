/**
 * The demo's free service "sleepy": what the activator's `process` scaler starts on the first request
 * (`node sleepy-app.js [DATA_DIR]`, PORT set by the activator). Like a real app loading itself, it takes
 * about a second before it listens, and every answer says how long that took and how long it has been up.
 * DATA_DIR is unused: it is in the command line so that `ps` ties the process to its `dev`.
 */
import { createServer } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

export const SLEEPY_STARTUP_MS = 1_000;

const port = Number(process.env.PORT);
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  process.stderr.write(`sleepy: PORT must be a port number, got "${process.env.PORT ?? ''}"\n`);
  process.exit(2);
}

const launchedAt = Date.now();
process.stdout.write(`sleepy: starting (pid ${process.pid}), taking ${SLEEPY_STARTUP_MS} ms\n`);
await sleep(SLEEPY_STARTUP_MS);
const readyAt = Date.now();

const server = createServer((req, res) => {
  const upFor = ((Date.now() - readyAt) / 1000).toFixed(1);
  res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'x-demo-instance': 'sleepy' });
  res.end(
    `Hello from sleepy (pid ${process.pid}): woke up in ${((readyAt - launchedAt) / 1000).toFixed(1)} s, ` +
      `up for ${upFor} s; you asked for ${req.headers.host ?? '?'}${req.url ?? '/'}\n`,
  );
});
server.listen({ host: '127.0.0.1', port }, () => {
  process.stdout.write(`sleepy: listening on 127.0.0.1:${port}\n`);
});

const stop = () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);

import { createServer, type Server } from 'node:http';
import type { TestProject } from 'vitest/node';
import { type EmbeddedPostgresServer, startEmbeddedPostgres } from '../embedded.ts';
import './provided-context.ts';

/**
 * vitest globalSetup: ONE embedded PostgreSQL per test run, shared by every test file (each file makes its
 * own database with `createTestDatabase()`), always stopped at the end. A loopback control endpoint lets a
 * test stop and start the server on the same port (`stopTestServer()` / `startTestServer()`), because the
 * server process belongs to vitest's main process, not to the test's worker.
 *
 * Use it from any package: `test: { globalSetup: ['@switchyard/service-db/testing/global-setup'] }`.
 */

function startControlServer(server: EmbeddedPostgresServer): Promise<{ url: string; close(): Promise<void> }> {
  let queue: Promise<unknown> = Promise.resolve();
  const http: Server = createServer((req, res) => {
    const action = req.method === 'POST' ? req.url : undefined;
    if (action !== '/stop' && action !== '/start') {
      res.writeHead(404).end();
      return;
    }
    // Serialised: a stop and a start never interleave.
    queue = queue
      .then(() => (action === '/stop' ? server.pause() : server.start()))
      .then(
        () => res.writeHead(204).end(),
        (err: unknown) => res.writeHead(500, { 'content-type': 'text/plain' }).end(String(err)),
      );
  });
  return new Promise((resolve, reject) => {
    http.once('error', reject);
    http.listen(0, '127.0.0.1', () => {
      const address = http.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () => new Promise<void>((done) => http.close(() => done())),
      });
    });
  });
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startEmbeddedPostgres();
  try {
    const control = await startControlServer(server);
    project.provide('switchyardPgAdminUrl', server.databaseUrl);
    project.provide('switchyardPgPort', server.port);
    project.provide('switchyardPgDataDir', server.dataDir);
    project.provide('switchyardPgControlUrl', control.url);
    return async () => {
      await control.close();
      await server.stop();
    };
  } catch (err) {
    await server.stop();
    throw err;
  }
}

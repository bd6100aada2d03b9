import { spawn } from 'node:child_process';
import { Agent } from 'node:http';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send } from './support/client.ts';
import { type Backend, freePort, RouterStack, until } from './support/router-stack.ts';

const stack = new RouterStack();
let backend: Backend;

beforeAll(async () => {
  await stack.start();
  backend = await stack.startBackend('app');
  await stack.paidService('app', ['app.example.com'], [backend]);
  await stack.startCache();
});
afterAll(() => stack.stop());

describe('the router as a process', () => {
  it('serves from worker threads loaded from sources; on SIGTERM: not ready, drains in-flight requests, answers on kept keep-alive connections with Connection: close, exits 0', async () => {
    const port = await freePort();
    const adminPort = await freePort();
    const script = fileURLToPath(new URL('./support/router-process.ts', import.meta.url));
    const child = spawn(process.execPath, ['--conditions=source', script], {
      env: {
        ...process.env,
        SWITCHYARD_CACHES: stack.caches.map((c) => c.grpcAddress).join(','),
        SWITCHYARD_REGION: 'eu',
        SWITCHYARD_ROUTER_LISTEN: `127.0.0.1:${port}`,
        SWITCHYARD_ROUTER_ADMIN: `127.0.0.1:${adminPort}`,
        SWITCHYARD_ROUTER_WORKERS: '2',
        SWITCHYARD_LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const keepAlive = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      await until(
        async () => {
          const res = await fetch(`http://127.0.0.1:${adminPort}/readyz`).catch(() => undefined);
          return res?.status === 200;
        },
        'the router process to be ready',
        30_000,
      );
      expect((await send(port, { headers: { host: 'app.example.com' } })).status).toBe(200);
      const idle = await send(port, { headers: { host: 'app.example.com' }, agent: keepAlive });
      expect(idle.headers.connection).not.toBe('close');

      backend.delayMs = 800;
      const seenBefore = backend.seen.length;
      const inFlight = send(port, { headers: { host: 'app.example.com' } });
      await until(() => backend.seen.length > seenBefore, 'the slow request to reach the backend');
      child.kill('SIGTERM');
      await until(async () => {
        const res = await fetch(`http://127.0.0.1:${adminPort}/readyz`);
        return res.status === 503 && (await res.text()).includes('draining');
      }, '/readyz to say draining');
      // The idle keep-alive connection was kept: requests on it are answered until one says
      // Connection: close (the serving thread got the drain message), and none is reset.
      let last = idle;
      for (let i = 0; last.headers.connection !== 'close'; i++) {
        last = await send(port, { headers: { host: 'app.example.com' }, agent: keepAlive });
        expect(last.status).toBe(200);
        expect(last.socket).toBe(idle.socket);
        expect(i).toBeLessThan(1000);
      }
      const answer = await inFlight;
      expect(answer.status).toBe(200);
      expect(answer.body.toString()).toBe('backend=app path=/');
      expect(await exited).toBe(0);
      await expect(send(port, { headers: { host: 'app.example.com' } })).rejects.toThrow();
    } finally {
      backend.delayMs = 0;
      keepAlive.destroy();
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});

import { Counter } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { type AdminServer, startAdminServer } from './admin-server.ts';
import { createRegistry } from './metrics.ts';

describe('admin server', () => {
  let server: AdminServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('binds 127.0.0.1 on a free port and reports the real address', async () => {
    server = await startAdminServer({ registry: createRegistry(), isReady: () => true });
    expect(server.address).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(server.address).not.toBe('127.0.0.1:0');
  });

  it('answers /healthz always and /readyz with 503 until ready', async () => {
    let ready = false;
    server = await startAdminServer({ listen: '127.0.0.1:0', registry: createRegistry(), isReady: () => ready });
    expect((await fetch(`http://${server.address}/healthz`)).status).toBe(200);
    expect((await fetch(`http://${server.address}/readyz`)).status).toBe(503);
    ready = true;
    expect((await fetch(`http://${server.address}/readyz`)).status).toBe(200);
  });

  it('serves the registry in Prometheus text format, process metrics included', async () => {
    const registry = createRegistry();
    const counter = new Counter({ name: 'test_things_total', help: 'things', registers: [registry] });
    counter.inc(3);
    server = await startAdminServer({ registry, isReady: () => true });
    const res = await fetch(`http://${server.address}/metrics`);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const body = await res.text();
    expect(body).toContain('test_things_total 3');
    expect(body).toContain('process_cpu_user_seconds_total');
  });

  it('serves extra routes and 404s unknown paths', async () => {
    server = await startAdminServer({
      registry: createRegistry({ processMetrics: false }),
      isReady: () => true,
      routes: {
        '/debug/state': (_req, res, url) => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ q: url.searchParams.get('q') }));
        },
      },
    });
    expect(await (await fetch(`http://${server.address}/debug/state?q=x`)).json()).toEqual({ q: 'x' });
    expect((await fetch(`http://${server.address}/nope`)).status).toBe(404);
  });

  it('refuses an address already in use', async () => {
    server = await startAdminServer({ registry: createRegistry(), isReady: () => true });
    await expect(
      startAdminServer({ listen: server.address, registry: createRegistry(), isReady: () => true }),
    ).rejects.toThrow(/EADDRINUSE/);
  });
});

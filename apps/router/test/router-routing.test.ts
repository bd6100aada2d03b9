import { type AddressInfo, createServer as createNetServer, type Socket } from 'node:net';
import {
  addHostname,
  addInstance,
  createService,
  moveHostname,
  seed,
  seededService,
  updateService,
} from '@switchyard/service-db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Router } from '../src/main.ts';
import { rawExchange, send, statusesIn } from './support/client.ts';
import { admin, type Backend, freePort, portOf, RouterStack, until } from './support/router-stack.ts';
import { startWebSocketEcho } from './support/websocket-echo.ts';

const stack = new RouterStack();
let router: Router;
let port: number;
let alpha: Backend;
let beta: Backend;
let activator: Backend;
let alphaId: string;
let betaId: string;

const body = async (host: string, path = '/') => {
  const answer = await send(port, { path, headers: { host } });
  return { status: answer.status, text: answer.body.toString(), headers: answer.headers };
};

beforeAll(async () => {
  await stack.start();
  alpha = await stack.startBackend('alpha');
  beta = await stack.startBackend('beta');
  activator = await stack.startBackend('activator');
  alphaId = await stack.paidService('alpha', ['alpha.example.com', '*.apps.example.com'], [alpha]);
  betaId = await stack.paidService('beta', ['beta.example.com', 'exact.apps.example.com'], [beta]);
  await stack.startCache();
  await stack.startCache();
  router = await stack.startRouter({ activator: `127.0.0.1:${activator.port}` });
  await router.ready;
  port = portOf(router.address);
});
afterAll(() => stack.stop());

describe('a router with 2 serving threads, synced from a real cache', () => {
  it('routes by exact hostname, case and port insensitive', async () => {
    expect(await body('alpha.example.com', '/x?y=1')).toMatchObject({ status: 200, text: 'backend=alpha path=/x?y=1' });
    expect(await body('BETA.Example.com:8080')).toMatchObject({ status: 200, text: 'backend=beta path=/' });
    expect(router.status()).toMatchObject({ ready: true, degraded: false, source: 'cache', synced: true });
    expect(router.status().workers).toHaveLength(2);
  });

  it('routes by one-level wildcard, an exact name winning over it', async () => {
    expect((await body('shop.apps.example.com')).text).toBe('backend=alpha path=/');
    expect((await body('exact.apps.example.com')).text).toBe('backend=beta path=/');
    expect((await body('a.b.apps.example.com')).status).toBe(404);
  });

  it('serves a hostname added or moved in the database within a second', async () => {
    await addHostname(stack.pool, betaId, 'new.example.com');
    await until(async () => (await body('new.example.com')).text.startsWith('backend=beta'), 'the new hostname', 1_000);
    await moveHostname(stack.pool, 'new.example.com', alphaId);
    await until(
      async () => (await body('new.example.com')).text.startsWith('backend=alpha'),
      'the moved hostname',
      1_000,
    );
    // Each delta applied is one observation of commit → applied.
    const metrics = (await admin(router, '/metrics')).text;
    const applied = Number(/^switchyard_router_propagation_seconds_count(?:\{[^}]*\})? (\d+)$/m.exec(metrics)?.[1]);
    expect(applied).toBeGreaterThanOrEqual(2);
    expect(metrics).toContain('switchyard_router_propagation_seconds_bucket{le="0.1"');
  });

  it('spreads requests over ready instances and skips one that refuses connections', async () => {
    const second = await stack.startBackend('second');
    const refusing = await freePort();
    const spread = await createService(stack.pool, { name: 'spread', kind: 'web', plan: 'paid', region: 'eu' });
    await addHostname(stack.pool, spread.id, 'spread.example.com');
    await addInstance(stack.pool, spread.id, { host: '127.0.0.1', port: alpha.port, ready: true });
    await addInstance(stack.pool, spread.id, { host: '127.0.0.1', port: second.port, ready: true });
    await addInstance(stack.pool, spread.id, { host: '127.0.0.1', port: refusing, ready: true });
    await addInstance(stack.pool, spread.id, { host: '127.0.0.1', port: beta.port, ready: false });
    await until(async () => (await body('spread.example.com')).status === 200, 'the spread service');
    const answers = new Map<string, number>();
    for (let i = 0; i < 30; i++) {
      const answer = await body('spread.example.com');
      expect(answer.status).toBe(200); // a refused GET is retried on another instance
      answers.set(answer.text, (answers.get(answer.text) ?? 0) + 1);
    }
    expect([...answers.keys()].sort()).toEqual(['backend=alpha path=/', 'backend=second path=/']);
    // Each thread met the refusing instance at most once or twice before skipping it.
    const metrics = (await admin(router, '/metrics')).text;
    const retried = Number(/switchyard_router_forward_outcomes_total\{outcome="retried"\} (\d+)/.exec(metrics)?.[1]);
    expect(retried).toBeGreaterThanOrEqual(1);
    expect(retried).toBeLessThanOrEqual(4);
  });

  it('answers 504 for an instance that accepts and never answers, then skips it like one that refuses (a POST too)', async () => {
    // The instance takes connections and holds them, unanswered.
    const held: Socket[] = [];
    const silent = createNetServer((socket) => {
      held.push(socket);
      socket.on('error', () => {});
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const silentPort = (silent.address() as AddressInfo).port;
    const service = await createService(stack.pool, { name: 'hang', kind: 'web', plan: 'paid', region: 'eu' });
    await addHostname(stack.pool, service.id, 'hang.example.com');
    await addInstance(stack.pool, service.id, { host: '127.0.0.1', port: alpha.port, ready: true });
    await addInstance(stack.pool, service.id, { host: '127.0.0.1', port: silentPort, ready: true });
    // One serving thread, a short upstream timeout, a cooldown longer than the test.
    const strict = await stack.startRouter({ workers: 1, upstreamTimeoutMs: 2_000, instanceCooldownMs: 120_000 });
    await strict.ready;
    await until(async () => {
      const route = JSON.parse((await admin(strict, '/debug/route?host=hang.example.com')).text);
      return route.record?.instances?.length === 2;
    }, 'both instances on the strict router');
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const answer = await send(portOf(strict.address), {
        method: 'POST',
        headers: { host: 'hang.example.com' },
        body: Buffer.from(`order ${i}`),
      });
      statuses.push(answer.status);
    }
    // Round-robin sends one of the first two to the silent instance: 504 after the timeout (a
    // POST is never retried); from then on it is in cooldown and every request goes to alpha.
    expect(statuses.filter((s) => s === 504)).toHaveLength(1);
    expect(statuses.indexOf(504)).toBeLessThan(2);
    expect(statuses.filter((s) => s === 200)).toHaveLength(7);
    expect(held).toHaveLength(1);
    const metrics = (await admin(strict, '/metrics')).text;
    expect(metrics).toMatch(/switchyard_router_forward_outcomes_total\{outcome="timeout"\} 1\b/);
    for (const socket of held) socket.destroy();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
  });

  it('answers 404 for an unknown host and 503 for a suspended service', async () => {
    const unknown = await body('nobody.example.org');
    expect(unknown.status).toBe(404);
    expect(unknown.text).toContain('no service is configured for this host name');
    const gamma = await createService(stack.pool, { name: 'gamma', kind: 'web', plan: 'paid', region: 'eu' });
    await addHostname(stack.pool, gamma.id, 'gamma.example.com');
    await until(async () => (await body('gamma.example.com')).status === 503, 'gamma (no instance yet) to be routed');
    expect((await body('gamma.example.com')).text).toContain('no instance ready');
    await updateService(stack.pool, gamma.id, { state: 'suspended' });
    await until(async () => (await body('gamma.example.com')).text.includes('suspended'), 'gamma suspended');
    expect((await body('gamma.example.com')).status).toBe(503);
  });

  it('sends a free service to the activator with its id in a header', async () => {
    const free = await createService(stack.pool, { name: 'free', kind: 'web', plan: 'free', region: 'eu' });
    await addHostname(stack.pool, free.id, 'free.example.com');
    await until(async () => (await body('free.example.com')).status === 200, 'the free service');
    const answer = await body('free.example.com', '/wake');
    expect(answer.text).toBe('backend=activator path=/wake');
    expect(activator.seen.at(-1)?.['x-switchyard-service-id']).toBe(free.id);
    expect(activator.seen.at(-1)?.host).toBe('free.example.com');
  });

  it('answers a clear 503 for a static site when it has no --static-store', async () => {
    const site = await createService(stack.pool, { name: 'site', kind: 'static', plan: 'paid', region: 'eu' });
    await addHostname(stack.pool, site.id, 'site.example.com');
    await until(async () => (await body('site.example.com')).status === 503, 'the static site');
    expect((await body('site.example.com')).text).toContain('--static-store');
  });

  it('routes an absolute-form target by its authority and sends that as Host (never one for the other)', async () => {
    const before = beta.seen.length;
    const { text } = await rawExchange(
      port,
      'GET http://beta.example.com/other HTTP/1.1\r\nHost: alpha.example.com\r\nConnection: close\r\n\r\n',
    );
    expect(statusesIn(text)).toEqual([200]);
    expect(text).toContain('backend=beta path=/other');
    expect(beta.seen.length).toBe(before + 1);
    expect(beta.seen.at(-1)?.host).toBe('beta.example.com');
    // The same target with the matching Host goes to the Host's service.
    const ok = await rawExchange(
      port,
      'GET http://alpha.example.com/fine HTTP/1.1\r\nHost: alpha.example.com\r\nConnection: close\r\n\r\n',
    );
    expect(statusesIn(ok.text)).toEqual([200]);
    expect(ok.text).toContain('backend=alpha path=/fine');
    // Userinfo in the authority is refused outright.
    const refused = await rawExchange(
      port,
      'GET http://alpha.example.com@beta.example.com/ HTTP/1.1\r\nHost: alpha.example.com\r\n\r\n',
    );
    expect(statusesIn(refused.text)).toEqual([400]);
  });

  it('passes a WebSocket through to the service named by Host', async () => {
    const echo = await startWebSocketEcho();
    try {
      // The WebSocket client sends `Host: 127.0.0.1:<port>`: route that name to the echo server.
      const ws = await createService(stack.pool, { name: 'ws', kind: 'web', plan: 'paid', region: 'eu' });
      await addHostname(stack.pool, ws.id, '127.0.0.1');
      await addInstance(stack.pool, ws.id, { host: '127.0.0.1', port: echo.port, ready: true });
      await until(async () => (await body(`127.0.0.1:${port}`)).status === 426, 'the echo service');
      const socket = new WebSocket(`ws://127.0.0.1:${port}/chat?room=1`);
      await new Promise((resolve, reject) => {
        socket.addEventListener('open', resolve, { once: true });
        socket.addEventListener('error', reject, { once: true });
      });
      for (const text of ['hello', 'x'.repeat(5000)]) {
        const reply = new Promise<string>((resolve) =>
          socket.addEventListener('message', (event) => resolve(String(event.data)), { once: true }),
        );
        socket.send(text);
        expect(await reply).toBe(text);
      }
      const closed = new Promise((resolve) => socket.addEventListener('close', resolve, { once: true }));
      socket.close();
      await closed;
      expect(echo.upgrades.at(-1)?.url).toBe('/chat?room=1');
      expect(echo.upgrades.at(-1)?.headers['x-forwarded-for']).toBe('127.0.0.1');
    } finally {
      await echo.close();
    }
  });

  it('hands a grown table to every serving thread when one transaction adds many services', async () => {
    const generation = router.status().generation;
    await seed(stack.database.url, { services: 2_000, regions: ['eu'], seed: 7 });
    let free: string | undefined;
    for (let i = 0; free === undefined; i++) {
      const s = seededService(7, i, ['eu']);
      if (s.kind === 'web' && s.plan === 'free' && s.state === 'active') free = s.hostnames[0];
    }
    await until(async () => (await body(free as string)).text === 'backend=activator path=/', 'a seeded service');
    const status = router.status();
    expect(status.generation).toBeGreaterThan(generation);
    await until(
      () => router.status().workers.every((w) => w.generation === router.status().generation),
      'every thread to acknowledge the new generation',
    );
    await until(() => router.status().retainedGenerations.length === 0, 'the old generations to be released');
  });

  it('explains a route and reports its state and metrics on the admin server', async () => {
    const route = JSON.parse((await admin(router, '/debug/route?host=shop.apps.example.com&path=/a')).text);
    expect(route).toMatchObject({
      match: 'wildcard',
      decision: 'instance',
      target: `127.0.0.1:${alpha.port}`,
      path: '/a',
      record: { serviceId: alphaId, kind: 'web', plan: 'paid', state: 'active' },
    });
    expect(JSON.parse((await admin(router, '/debug/route?host=nobody.example.org')).text)).toMatchObject({
      match: 'none',
      decision: 'no_route',
    });
    const state = JSON.parse((await admin(router, '/debug/state')).text);
    expect(state).toMatchObject({ ready: true, degraded: false, connected: true, synced: true });
    expect(state.services).toBeGreaterThanOrEqual(2);
    expect(await admin(router, '/readyz')).toEqual({ status: 200, text: 'ready\n' });
    const metrics = (await admin(router, '/metrics')).text;
    expect(metrics).toMatch(/switchyard_router_requests_total\{decision="instance",status="2xx"\} [1-9]/);
    expect(metrics).toMatch(/switchyard_router_requests_total\{decision="no_route",status="4xx"\} [1-9]/);
    expect(metrics).toMatch(/switchyard_router_request_duration_seconds_count [1-9]/);
    expect(metrics).toMatch(/switchyard_router_table_version [1-9]/);
    expect(metrics).toContain(`switchyard_router_cache_in_use{cache="${router.status().cache}"} 1`);
    expect(metrics).toMatch(/switchyard_router_forward_outcomes_total\{outcome="rejected"\} [1-9]/);
  });
});

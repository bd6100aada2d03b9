import { connect } from 'node:net';
import { deleteService, updateService } from '@switchyard/service-db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBody, request } from './support/client.ts';
import { ActivatorStack, adminJson, isAlive, portOf, starts, until } from './support/stack.ts';

// One stack: real PostgreSQL, cache server, activator (process scaler, 1 s idle timeout), router.
const stack = new ActivatorStack();
let port: number;

beforeAll(async () => {
  await stack.start({ idleTimeoutMs: 1_000, wakeTimeoutMs: 30_000, queueLimit: 1_000 });
  port = stack.routerPort;
});
afterAll(() => stack.stop());

async function metric(name: string): Promise<number> {
  const text = await (await fetch(`http://${stack.activator.adminAddress}/metrics`)).text();
  let sum = 0;
  for (const line of text.split('\n')) if (line.startsWith(name)) sum += Number(line.split(' ').pop());
  return sum;
}

describe('the activator with the process scaler, behind a router', () => {
  it('wakes a cold free service on its first request and answers from the instance', async () => {
    const app = await stack.freeService('cold');
    const first = await request(port, app.host, { path: '/hello' });
    expect(first.status).toBe(200);
    expect(first.text).toMatch(/^hello from cold \d+ GET \/hello$/);
    const pid = Number(first.text.split(' ')[3]);
    expect(isAlive(pid)).toBe(true);
    // Warm now: straight to the same instance.
    expect((await request(port, app.host, { path: '/pid' })).text).toBe(String(pid));
    expect((await starts(app.startsFile)).spawn).toHaveLength(1);
    // The router's forwarding headers are kept (client, then router); the service id header is not passed on.
    const headers = JSON.parse((await request(port, app.host, { path: '/headers' })).text);
    expect(headers['x-forwarded-for']).toBe('127.0.0.1, 127.0.0.1');
    expect(headers['x-forwarded-host']).toBe(app.host);
    expect(headers['x-request-id']).toBeTruthy();
    expect(headers['x-switchyard-service-id']).toBeUndefined();
    const services = stack.activator.services();
    expect(services.find((s) => s.id === app.id)).toMatchObject({ coldStarts: 1 });
    expect(await metric('switchyard_activator_cold_starts_total')).toBeGreaterThanOrEqual(1);
  });

  it('starts a cold service exactly once for 200 concurrent requests, and every POST body arrives intact', async () => {
    const app = await stack.freeService('crowd');
    const bodies = Array.from({ length: 200 }, () => randomBody(64 * 1024));
    const answers = await Promise.all(
      bodies.map(({ body }) => request(port, app.host, { method: 'POST', path: '/echo', body })),
    );
    for (const [i, answer] of answers.entries()) {
      expect(answer.status).toBe(200);
      expect(answer.text).toBe(bodies[i]?.expected);
    }
    const lines = await starts(app.startsFile);
    expect(lines.spawn).toHaveLength(1);
    expect(lines.listening).toHaveLength(1);
  });

  it('stops the process after the idle timeout and wakes it again on the next request', async () => {
    const app = await stack.freeService('sleepy');
    const pid = Number((await request(port, app.host, { path: '/pid' })).text);
    expect(isAlive(pid)).toBe(true);
    await until(() => !isAlive(pid), 'the idle instance to be stopped');
    await until(
      () => stack.activator.services().find((s) => s.id === app.id)?.state === 'scaled-to-zero',
      'scaled-to-zero',
    );
    const again = Number((await request(port, app.host, { path: '/pid' })).text);
    expect(again).not.toBe(pid);
    expect(isAlive(again)).toBe(true);
    expect((await starts(app.startsFile)).spawn).toHaveLength(2);
    expect(await metric('switchyard_activator_idle_scale_downs_total')).toBeGreaterThanOrEqual(1);
  });

  it('holds a large upload while the service starts and streams it to the instance intact', async () => {
    const app = await stack.freeService('upload');
    const tiny = randomBody(1);
    const { body, expected } = randomBody(8 * 1024 * 1024);
    const [answer, small] = await Promise.all([
      request(port, app.host, { method: 'POST', path: '/echo', body }),
      request(port, app.host, { method: 'POST', path: '/echo', body: tiny.body }),
    ]);
    expect(answer).toMatchObject({ status: 200, text: expected });
    expect(small).toMatchObject({ status: 200, text: tiny.expected });
  });

  it('goes back to scaled-to-zero when the instance crashes, and wakes it on the next request', async () => {
    const app = await stack.freeService('crashy');
    const pid = Number((await request(port, app.host, { path: '/pid' })).text);
    process.kill(pid, 'SIGKILL');
    await until(
      () => stack.activator.services().find((s) => s.id === app.id)?.state === 'scaled-to-zero',
      'the crash to be noticed',
    );
    expect(stack.activator.services().find((s) => s.id === app.id)?.lastError).toContain('killed by SIGKILL');
    const again = Number((await request(port, app.host, { path: '/pid' })).text);
    expect(again).not.toBe(pid);
    expect(await metric('switchyard_activator_instance_exits_total')).toBeGreaterThanOrEqual(1);
  });

  it('wakes a service for an Upgrade request and keeps it awake while the tunnel is open', async () => {
    const app = await stack.freeService('tunnel');
    const socket = connect(port, '127.0.0.1');
    const received: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    socket.write(`GET /ws HTTP/1.1\r\nHost: ${app.host}\r\nConnection: Upgrade\r\nUpgrade: echo\r\n\r\n`);
    await until(() => Buffer.concat(received).toString().includes('\r\n\r\n'), 'the 101 answer');
    expect(Buffer.concat(received).toString()).toMatch(/^HTTP\/1\.1 101 /);
    received.length = 0;
    socket.write('ping through the tunnel');
    await until(() => Buffer.concat(received).toString() === 'ping through the tunnel', 'the echo');
    // Longer than the idle timeout (1 s) with the tunnel open: still awake.
    await new Promise((r) => setTimeout(r, 1_500));
    expect(stack.activator.services().find((s) => s.id === app.id)).toMatchObject({ state: 'ready', inFlight: 1 });
    socket.destroy();
    await until(
      () => stack.activator.services().find((s) => s.id === app.id)?.state === 'scaled-to-zero',
      'scale-down once the tunnel closed',
    );
  });

  it('answers 502 to every waiter when the start command fails, after one attempt', async () => {
    const app = await stack.freeService('broken', { env: { FAIL: 'exit', START_DELAY_MS: '200' } });
    const answers = await Promise.all(Array.from({ length: 5 }, () => request(port, app.host)));
    for (const answer of answers) {
      expect(answer.status).toBe(502);
      expect(answer.text).toContain('the service failed to start');
    }
    expect((await starts(app.startsFile)).spawn).toHaveLength(1);
    const view = stack.activator.services().find((s) => s.id === app.id);
    expect(view?.state).toBe('scaled-to-zero');
    expect(view?.lastError).toMatch(/exited with code 3; stderr: demo-app: configured to fail/);
  });

  it('answers 502 when the start command cannot run at all', async () => {
    const app = await stack.freeService('nocommand', { scalerRef: '/nonexistent/bin/app --serve' });
    const answer = await request(port, app.host);
    expect(answer.status).toBe(502);
    expect(answer.text).toContain('failed to start');
  });

  it('scales a service down when it changes to the paid plan, is suspended or is deleted', async () => {
    const paid = await stack.freeService('upgraded');
    const pid = Number((await request(port, paid.host, { path: '/pid' })).text);
    await updateService(stack.pool, paid.id, { plan: 'paid' });
    await until(() => !isAlive(pid), 'the upgraded service to be stopped');
    expect(stack.activator.services().some((s) => s.id === paid.id)).toBe(false);

    const suspended = await stack.freeService('suspended');
    const suspendedPid = Number((await request(port, suspended.host, { path: '/pid' })).text);
    await updateService(stack.pool, suspended.id, { state: 'suspended' });
    await until(() => !isAlive(suspendedPid), 'the suspended service to be stopped');

    const gone = await stack.freeService('deleted');
    const gonePid = Number((await request(port, gone.host, { path: '/pid' })).text);
    await deleteService(stack.pool, gone.id);
    await until(() => !isAlive(gonePid), 'the deleted service to be stopped');
  });

  it('answers waiting requests 503 and stops the starting instance when the service turns paid', async () => {
    const app = await stack.freeService('switching', { env: { START_DELAY_MS: '60000' } });
    // Straight to the activator, so that the requests are queued there whatever the router does next.
    const headers = { 'x-switchyard-service-id': app.id };
    const direct = portOf(stack.activator.address);
    const waiting = [request(direct, app.host, { headers }), request(direct, app.host, { headers })];
    await until(() => stack.activator.services().find((s) => s.id === app.id)?.queued === 2, 'two queued requests');
    await until(async () => (await starts(app.startsFile)).spawn.length === 1, 'the instance process to run');
    const pid = (await starts(app.startsFile)).spawn[0]?.[0] as number;
    expect(isAlive(pid)).toBe(true);
    await updateService(stack.pool, app.id, { plan: 'paid' });
    for (const answer of await Promise.all(waiting)) {
      expect(answer.status).toBe(503);
      expect(answer.headers['retry-after']).toBe('1');
      expect(answer.text).toContain('the service changed');
    }
    await until(() => !isAlive(pid), 'the starting instance to be stopped');
  });

  it('refuses requests without the service id header or for an unknown service', async () => {
    const activatorPort = portOf(stack.activator.address);
    const missing = await request(activatorPort, 'x.example.com');
    expect(missing.status).toBe(400);
    expect(missing.text).toContain('X-Switchyard-Service-Id');
    const unknown = await request(activatorPort, 'x.example.com', {
      headers: { 'x-switchyard-service-id': '00000000-0000-0000-0000-000000000000' },
    });
    expect(unknown.status).toBe(404);
    expect(unknown.text).toContain('no free web service');
  });

  it('lists every known free service and its state on /debug/services', async () => {
    const body = (await adminJson(stack.activator.adminAddress, '/debug/services')) as {
      services: { name: string; state: string }[];
      sync: { synced: boolean };
    };
    expect(body.sync.synced).toBe(true);
    expect(body.services.map((s) => s.name)).toEqual(expect.arrayContaining(['cold', 'crowd', 'sleepy', 'broken']));
    expect((await fetch(`http://${stack.activator.adminAddress}/readyz`)).status).toBe(200);
  });
});

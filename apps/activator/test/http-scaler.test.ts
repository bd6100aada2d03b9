import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpScaler } from '../src/scalers/http.ts';
import { request } from './support/client.ts';
import { Orchestrator } from './support/orchestrator.ts';
import { ActivatorStack, isAlive, until } from './support/stack.ts';

// The http scaler end to end: router → activator → a real orchestrator HTTP server that starts real processes.
const stack = new ActivatorStack();
let orchestrator: Orchestrator;
let dir: string;
let port: number;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'orchestrator-'));
  orchestrator = await new Orchestrator(dir).start();
  // Passed in as a platform would pass its own scaler, with a short status check interval.
  await stack.start(
    { scaler: 'http', orchestrator: orchestrator.url, idleTimeoutMs: 1_000, wakeTimeoutMs: 20_000 },
    { scaler: new HttpScaler({ orchestrator: orchestrator.url, statusIntervalMs: 200 }) },
  );
  port = stack.routerPort;
});
afterAll(async () => {
  await stack.stop();
  await orchestrator.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('the http scaler against a real orchestrator', () => {
  it('wakes through the orchestrator, proxies to the address it reports, and asks it to sleep when idle', async () => {
    const app = await stack.freeService('orchestrated', { scalerRef: 'web-7' });
    const answers = await Promise.all(Array.from({ length: 20 }, () => request(port, app.host, { path: '/x' })));
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.text).toMatch(/^hello from web-7 \d+ GET \/x$/);
    }
    expect(orchestrator.calls.filter((c) => c === 'POST /services/web-7/wake')).toHaveLength(1);
    const pid = orchestrator.pidOf('web-7') as number;
    expect(isAlive(pid)).toBe(true);
    await until(() => orchestrator.calls.includes('POST /services/web-7/sleep'), 'the idle service to be put to sleep');
    await until(() => !isAlive(pid), 'the orchestrated process to stop');
    // And it wakes again.
    expect((await request(port, app.host)).status).toBe(200);
    expect(orchestrator.calls.filter((c) => c === 'POST /services/web-7/wake')).toHaveLength(2);
  });

  it('notices an instance the orchestrator no longer reports ready, and wakes it again on the next request', async () => {
    const app = await stack.freeService('fragile', { scalerRef: 'web-9' });
    expect((await request(port, app.host, { path: '/pid' })).status).toBe(200);
    const wakes = () => orchestrator.calls.filter((c) => c === 'POST /services/web-9/wake').length;
    expect(wakes()).toBe(1);
    orchestrator.crash('web-9');
    await until(
      () => stack.activator.services().find((s) => s.id === app.id)?.state === 'scaled-to-zero',
      'the lost instance to be noticed',
    );
    expect(stack.activator.services().find((s) => s.id === app.id)?.lastError).toContain('stopped');
    expect((await request(port, app.host, { path: '/pid' })).status).toBe(200);
    expect(wakes()).toBe(2);
  });

  it('uses the service id when scaler_ref is empty', async () => {
    const app = await stack.freeService('by-id', { scalerRef: '' });
    const answer = await request(port, app.host);
    expect(answer.status).toBe(200);
    expect(answer.text).toContain(`hello from ${app.id}`);
  });

  it('answers 502 when the orchestrator reports a failed start', async () => {
    const app = await stack.freeService('unlucky', { scalerRef: 'fail-1' });
    const answers = await Promise.all([request(port, app.host), request(port, app.host)]);
    for (const answer of answers) {
      expect(answer.status).toBe(502);
      expect(answer.text).toContain('the service failed to start');
    }
    const view = stack.activator.services().find((s) => s.id === app.id);
    expect(view?.lastError).toContain('no capacity left in this zone');
  });
});

import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Router } from '@switchyard/router';
import { addHostname, createService } from '@switchyard/service-db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../src/scalers/free-port.ts';
import { request } from './support/client.ts';
import { ActivatorStack, adminJson, DEMO_APP, isRunning, portOf, starts, until } from './support/stack.ts';

// Three activators as processes of their own (one gets SIGKILLed), each told of the others
// (--peers), one real router in front of them with all three (--activator A,B,C), a real cache and
// PostgreSQL; the services are the demo app run by the process scaler.
const SCRIPT = fileURLToPath(new URL('./support/activator-process.ts', import.meta.url));
const stack = new ActivatorStack();
let router: Router;
let addresses: string[] = [];
const activators: ({ child: ChildProcess; admin: string } | undefined)[] = [];

async function startActivatorProcess(index: number): Promise<void> {
  const config = {
    caches: [stack.cache.grpcAddress],
    region: 'eu',
    listen: addresses[index],
    admin: '127.0.0.1:0',
    peers: addresses,
    stateDir: join(stack.dir, `activator-${index}`),
    idleTimeoutMs: 120_000,
    wakeTimeoutMs: 30_000,
    stopGraceMs: 1_000,
    drainTimeoutMs: 1_000,
  };
  const child = spawn(
    process.execPath,
    ['--conditions=source', '--disable-warning=ExperimentalWarning', SCRIPT, JSON.stringify(config)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const admin = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /READY \S+ (\S+)/.exec(out);
      if (m) resolve(m[1] as string);
    });
    child.once('exit', (code) => reject(new Error(`activator ${index} exited (${code}) before it was ready`)));
  });
  activators[index] = { child, admin };
}

function stopProcess(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill(signal);
  return exited;
}

interface ServiceView {
  id: string;
  state: string;
  queued: number;
  instance: { pid?: number; peer?: string } | null;
}

async function services(index: number): Promise<ServiceView[]> {
  return ((await adminJson(activators[index]?.admin as string, '/debug/services')) as { services: ServiceView[] })
    .services;
}

/** A free service running the demo app; resolves once the router and all three activators know it. */
async function freeService(name: string, startDelayMs: number) {
  const startsFile = stack.startsFile(name);
  const scalerRef = JSON.stringify({
    command: [process.execPath, DEMO_APP],
    env: { NAME: name, STARTS_FILE: startsFile, START_DELAY_MS: String(startDelayMs) },
  });
  const service = await createService(stack.pool, { name, kind: 'web', plan: 'free', region: 'eu', scalerRef });
  const host = `${name}.example.com`;
  await addHostname(stack.pool, service.id, host);
  let order: string[] = [];
  await until(async () => {
    const route = (await adminJson(router.adminAddress, `/debug/route?host=${host}`)) as {
      decision?: string;
      activatorOrder?: string[];
    };
    order = route.activatorOrder ?? [];
    if (route.decision !== 'activator') return false;
    for (let i = 0; i < 3; i++) if (!(await services(i)).some((s) => s.id === service.id)) return false;
    return true;
  }, `router and activators know ${name}`);
  // Activators by index, in the order this service tries them.
  const owners = order.map((address) => addresses.indexOf(address));
  return { id: service.id, host, startsFile, owners };
}

beforeAll(async () => {
  await stack.startBackbone();
  addresses = (await Promise.all([0, 1, 2].map(() => freePort('127.0.0.1')))).map((port) => `127.0.0.1:${port}`);
  await Promise.all([0, 1, 2].map((i) => startActivatorProcess(i)));
  router = await stack.startRouter(addresses.join(','), { instanceCooldownMs: 500, drainTimeoutMs: 1_000 });
  stack.router = router;
});

afterAll(async () => {
  await router?.close().catch(() => {});
  await Promise.all(activators.map((a) => (a === undefined ? undefined : stopProcess(a.child, 'SIGTERM'))));
  await stack.stop();
});

describe('three activators', () => {
  it('wakes each service once, on the activator its rendezvous hash names, and on no other', async () => {
    const port = portOf(router.address);
    const all = await Promise.all(['one', 'two', 'three', 'four', 'five', 'six'].map((n) => freeService(n, 200)));
    const answers = await Promise.all(all.flatMap((s) => [1, 2, 3].map(() => request(port, s.host))));
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
    for (const service of all) {
      expect((await starts(service.startsFile)).spawn).toHaveLength(1);
      for (let i = 0; i < 3; i++) {
        const view = (await services(i)).find((s) => s.id === service.id);
        if (i === service.owners[0]) expect(view?.state).toBe('ready');
        else expect(view?.state ?? 'scaled-to-zero').toBe('scaled-to-zero');
      }
    }
  });

  it('SIGKILLed with requests queued: the next activator answers them; back, it stops its orphan and forwards to the running instance instead of waking another', async () => {
    const port = portOf(router.address);
    const service = await freeService('queued', 3_000); // starts slowly: requests queue on its owner
    const [victim, next] = service.owners as [number, number];
    const pending = [1, 2, 3].map(() => request(port, service.host));
    await until(async () => {
      const view = (await services(victim)).find((s) => s.id === service.id);
      return view?.state === 'starting' && view.queued === 3;
    }, 'three requests queued on the owner while the service starts');
    await until(async () => (await starts(service.startsFile)).spawn.length === 1, 'the instance spawned');
    const orphan = (await starts(service.startsFile)).spawn[0]?.[0] as number;

    await stopProcess(activators[victim]?.child as ChildProcess, 'SIGKILL');
    // The router saw the owner drop them before any answer: GETs, retried on the next activator.
    const answers = await Promise.all(pending);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    const spawns = (await starts(service.startsFile)).spawn;
    expect(spawns).toHaveLength(2);
    const running = spawns[1]?.[0] as number;
    for (const answer of answers) expect(answer.text).toBe(`hello from queued ${running} GET /`);
    expect((await services(next)).find((s) => s.id === service.id)?.state).toBe('ready');
    expect(isRunning(orphan)).toBe(true); // its activator is dead; nobody else knows it

    await startActivatorProcess(victim); // same address, same state dir
    expect(isRunning(orphan)).toBe(false); // found in the state dir and stopped before it served

    // Back in the routers' order after the cooldown, the owner asks its peers before waking: the
    // next one runs the service, so the owner forwards to it — still one instance.
    const later: string[] = [];
    await until(async () => {
      const answer = await request(port, service.host);
      later.push(`${answer.status} ${answer.text}`);
      const view = (await services(victim)).find((s) => s.id === service.id);
      return view?.state === 'ready' && view.instance?.peer === addresses[next];
    }, 'the owner forwarding to the activator that runs the service');
    expect(later.length).toBeGreaterThan(0);
    expect(later).toEqual(later.map(() => `200 hello from queued ${running} GET /`));
    expect((await starts(service.startsFile)).spawn).toHaveLength(2);
  });

  it('a cold service requested on all three activators at the same moment starts once: the others forward to it', async () => {
    // As when routers disagree about the owner for a moment. Each activator asks its peers before
    // a wake; the three ask at once, so each sees the others "deciding", and the lowest ticket wins.
    const all = await Promise.all(['same-a', 'same-b', 'same-c'].map((n) => freeService(n, 300)));
    const answers = await Promise.all(
      all.flatMap((service) =>
        addresses.map((address) =>
          request(portOf(address), 'activator.test', { headers: { 'x-switchyard-service-id': service.id } }),
        ),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
    for (const service of all) {
      const spawns = (await starts(service.startsFile)).spawn;
      expect(spawns).toHaveLength(1);
      const pid = spawns[0]?.[0] as number;
      const name = service.host.split('.')[0];
      expect(answers.filter((a) => a.text === `hello from ${name} ${pid} GET /`)).toHaveLength(3);
      const states = await Promise.all(
        [0, 1, 2].map(async (i) => (await services(i)).find((s) => s.id === service.id)),
      );
      expect(states.filter((v) => v?.instance?.pid === pid)).toHaveLength(1); // one runs it
      expect(states.filter((v) => v?.instance?.peer !== undefined)).toHaveLength(2); // two forward to it
    }
  });

  it('SIGKILLed after it passed a GET on to the instance: the router answers 502 and never sends it to another activator', async () => {
    const port = portOf(router.address);
    const service = await freeService('dispatched', 200);
    const [owner, next] = service.owners as [number, number];
    expect((await request(port, service.host)).status).toBe(200); // awake on its owner
    const retriedBefore = await retried();

    // The instance has the request (it holds it, unanswered) when its activator dies.
    const pending = request(port, service.host, { path: '/hold' });
    await until(async () => (await starts(service.startsFile)).held.length === 1, 'the instance holding the GET');
    const instance = (await starts(service.startsFile)).spawn[0]?.[0] as number;
    await stopProcess(activators[owner]?.child as ChildProcess, 'SIGKILL');

    // The activator said "dispatched" (an interim 102 the router does not relay) before it passed
    // the GET on, so the router knows it may have reached the instance: no retry, 502.
    const answer = await pending;
    expect(answer.status).toBe(502);
    expect(await retried()).toBe(retriedBefore);
    expect((await starts(service.startsFile)).held).toHaveLength(1);
    expect((await starts(service.startsFile)).spawn).toHaveLength(1); // nothing woke it elsewhere
    expect((await services(next)).find((s) => s.id === service.id)?.state ?? 'scaled-to-zero').toBe('scaled-to-zero');

    await startActivatorProcess(owner); // its orphan is stopped; the service wakes again on demand
    expect(isRunning(instance)).toBe(false);
  });
});

/** The router's retries so far (its forward outcome counter). */
async function retried(): Promise<number> {
  const metrics = await (await fetch(`http://${router.adminAddress}/metrics`)).text();
  return Number(/switchyard_router_forward_outcomes_total\{outcome="retried"\} (\d+)/.exec(metrics)?.[1] ?? 0);
}

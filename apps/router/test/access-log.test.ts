import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { createReadStream, existsSync, readFileSync, renameSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { Agent, request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addHostname, addInstance, createService, updateService } from '@switchyard/service-db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessLine } from '../src/access-log/format.ts';
import type { Router } from '../src/main.ts';
import { rawExchange, send } from './support/client.ts';
import { admin, type Backend, freePort, portOf, RouterStack, until } from './support/router-stack.ts';
import { startWebSocketEcho } from './support/websocket-echo.ts';

const stack = new RouterStack();
let dir: string;
let alpha: Backend;
let activator: Backend;
let alphaId: string;
let deadId: string;
let freeId: string;
let staticId: string;
let wsId: string;
let echo: Awaited<ReturnType<typeof startWebSocketEcho>>;

function lines(path: string): AccessLine[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as AccessLine);
}

/** `n` GETs over `connections` keep-alive connections, `pick(i)` choosing host and path. */
async function load(port: number, n: number, pick: (i: number) => { host: string; path: string }): Promise<number[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: 16 });
  const statuses: number[] = [];
  let next = 0;
  const one = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const { host, path } = pick(next++);
      const req = httpRequest({ host: '127.0.0.1', port, path, headers: { host }, agent }, (res) => {
        res.resume();
        res.on('end', () => {
          statuses.push(res.statusCode ?? 0);
          resolve();
        });
      });
      req.on('error', reject);
      req.end();
    });
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < n) await one();
    }),
  );
  agent.destroy();
  return statuses;
}

async function startRouter(extra: Parameters<RouterStack['startRouter']>[0] = {}): Promise<Router> {
  const router = await stack.startRouter({
    activator: `127.0.0.1:${activator.port}`,
    staticStore: join(dir, 'store'),
    ...extra,
  });
  // Ready means serving the first full snapshot: every service below was created before the cache started.
  await router.ready;
  return router;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'access-log-'));
  await stack.start();
  alpha = await stack.startBackend('alpha');
  activator = await stack.startBackend('activator');
  echo = await startWebSocketEcho();
  alphaId = await stack.paidService('alpha', ['alpha.example'], [alpha]);
  const dead = await createService(stack.pool, { name: 'dead', kind: 'web', plan: 'paid', region: 'eu' });
  deadId = dead.id;
  await addHostname(stack.pool, deadId, 'dead.example');
  await addInstance(stack.pool, deadId, { host: '127.0.0.1', port: await freePort(), ready: true });
  const suspended = await createService(stack.pool, { name: 'gone', kind: 'web', plan: 'paid', region: 'eu' });
  await addHostname(stack.pool, suspended.id, 'suspended.example');
  await updateService(stack.pool, suspended.id, { state: 'suspended' });
  freeId = (await createService(stack.pool, { name: 'free', kind: 'web', plan: 'free', region: 'eu' })).id;
  await addHostname(stack.pool, freeId, 'free.example');
  staticId = (await createService(stack.pool, { name: 'site', kind: 'static', plan: 'free', region: 'eu' })).id;
  await addHostname(stack.pool, staticId, 'site.example');
  wsId = (await createService(stack.pool, { name: 'ws', kind: 'web', plan: 'paid', region: 'eu' })).id;
  // The WebSocket client sends `Host: 127.0.0.1:<port>`.
  await addHostname(stack.pool, wsId, '127.0.0.1');
  await addInstance(stack.pool, wsId, { host: '127.0.0.1', port: echo.port, ready: true });
  await stack.startCache();
});
afterAll(async () => {
  await stack.stop();
  await echo.close();
  await rm(dir, { recursive: true, force: true });
});

describe('the access log, real serving threads and logger thread', () => {
  it('writes one record per request with its fields, for every decision, and a WebSocket once when it closes', async () => {
    const file = join(dir, 'decisions.log');
    const router = await startRouter({ accessLog: file });
    const port = portOf(router.address);
    const ok = await send(port, {
      path: '/hello?secret=1',
      headers: {
        host: 'Alpha.Example:8080',
        'user-agent': 'curl/8.5',
        traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
      },
    });
    expect(ok.status).toBe(200);
    const upstreamTrace = String(alpha.seen.at(-1)?.traceparent);
    const bad = await send(port, { path: '/x', headers: { host: 'dead.example' } });
    expect(bad.status).toBe(502);
    const none = await send(port, { path: '/', headers: { host: 'nobody.example' } });
    expect(none.status).toBe(404);
    expect((await send(port, { headers: { host: 'suspended.example' } })).status).toBe(503);
    expect((await send(port, { path: '/wake', headers: { host: 'free.example' } })).status).toBe(200);
    await send(port, { path: '/index.html', headers: { host: 'site.example' } });
    const refused = await rawExchange(port, 'GET /bad HTTP/1.1\r\nHost: alpha.example\r\nContent-Length: x\r\n\r\n');
    expect(refused.text).toMatch(/^HTTP\/1\.1 400 /);

    const ws = new WebSocket(`ws://127.0.0.1:${port}/chat?room=1`);
    await new Promise((resolve, reject) => {
      ws.addEventListener('open', resolve, { once: true });
      ws.addEventListener('error', reject, { once: true });
    });
    const reply = new Promise((resolve) => ws.addEventListener('message', resolve, { once: true }));
    ws.send('hello');
    await reply;
    await until(() => lines(file).length >= 7, 'the seven requests’ records');
    expect(lines(file).some((l) => l.msg === 'upgrade')).toBe(false); // not before it closes
    const closed = new Promise((resolve) => ws.addEventListener('close', resolve, { once: true }));
    ws.close();
    await closed;
    await router.close();

    const all = lines(file);
    const by = (host: string) => all.filter((l) => l.host.toLowerCase().startsWith(host));
    void send;
    expect(all).toHaveLength(8);
    const [hello] = by('alpha.example:8080');
    expect(hello).toMatchObject({
      level: 30,
      name: 'access',
      msg: 'request',
      serviceId: alphaId,
      method: 'GET',
      path: '/hello',
      protocol: 'HTTP/1.1',
      status: 200,
      decision: 'instance',
      end: 'completed',
      instance: `127.0.0.1:${alpha.port}`,
      outcome: 'ok',
      retries: 0,
      client: '127.0.0.1',
      userAgent: 'curl/8.5',
    });
    expect(hello?.requestId).toBe(alpha.seen.at(-1)?.['x-request-id']);
    // An untrusted client's traceparent is replaced: the log has the trace the upstream got.
    expect(hello?.traceId).not.toBe('0af7651916cd43dd8448eb211c80319c');
    expect(upstreamTrace).toContain(`-${hello?.traceId}-`);
    expect(hello?.bytesIn).toBeGreaterThan(50);
    expect(hello?.bytesOut).toBeGreaterThan(ok.body.length + 50);
    expect(hello?.durationMs).toBeGreaterThanOrEqual(hello?.upstreamMs as number);
    expect(typeof hello?.time).toBe('number');

    expect(by('dead.example')[0]).toMatchObject({
      status: 502,
      decision: 'instance',
      outcome: 'connect_failed',
      serviceId: deadId,
    });
    expect(by('dead.example')[0]?.traceId).toBe(bad.headers['x-trace-id']);
    expect(by('dead.example')[0]?.requestId).toBe(bad.headers['x-request-id']);
    expect(by('nobody.example')[0]).toMatchObject({ status: 404, decision: 'no_route' });
    expect(by('nobody.example')[0]?.traceId).toBe(none.headers['x-trace-id']);
    expect(by('nobody.example')[0]).not.toHaveProperty('instance');
    expect(by('suspended.example')[0]).toMatchObject({ status: 503, decision: 'suspended' });
    expect(by('free.example')[0]).toMatchObject({
      status: 200,
      decision: 'activator',
      serviceId: freeId,
      instance: `127.0.0.1:${activator.port}`,
    });
    expect(by('site.example')[0]).toMatchObject({ decision: 'static', serviceId: staticId, path: '/index.html' });
    expect(all.find((l) => l.decision === 'refused')).toMatchObject({
      status: 400,
      end: 'refused',
      method: 'GET',
      path: '/bad',
    });
    const upgrade = all.find((l) => l.msg === 'upgrade');
    expect(upgrade).toMatchObject({
      status: 101,
      decision: 'instance',
      end: 'tunnel_closed',
      upgrade: true,
      serviceId: wsId,
      path: '/chat',
    });
    expect(upgrade?.bytesIn).toBeGreaterThan(5);
    expect(upgrade?.bytesOut).toBeGreaterThan(5);
  });

  it('10,000 requests of mixed outcomes: exactly 10,000 records, and /debug/access-log streams them', async () => {
    const file = join(dir, 'bulk.log');
    const router = await startRouter({ accessLog: file, accessLogQuery: true });
    const port = portOf(router.address);
    const hosts = ['alpha.example', 'dead.example', 'nobody.example', 'suspended.example'];
    const follow = await fetch(`http://${router.adminAddress}/debug/access-log?status=5xx&follow=1`);
    const statuses = await load(port, 10_000, (i) => ({ host: hosts[i % 4] as string, path: `/bulk/${i}?q=${i}` }));
    expect(statuses.filter((s) => s === 200)).toHaveLength(2500);
    // The admin stream: 5xx only (dead and suspended), as they are written.
    const reader = (follow.body as ReadableStream<Uint8Array>).getReader();
    let streamed = '';
    while ((streamed.match(/\n/g) ?? []).length < 5000) {
      const { value, done } = await reader.read();
      if (done) break;
      streamed += Buffer.from(value as Uint8Array).toString();
    }
    await reader.cancel();
    const streamedLines = streamed
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as AccessLine);
    expect(streamedLines).toHaveLength(5000);
    expect(streamedLines.every((l) => l.status >= 500)).toBe(true);
    const recent = await admin(router, '/debug/access-log?host=alpha.example');
    expect(
      recent.text
        .split('\n')
        .filter((l) => l !== '')
        .every((l) => l.includes('"host":"alpha.example"')),
    ).toBe(true);

    await router.close();
    const all = lines(file);
    expect(all).toHaveLength(10_000);
    expect(new Set(all.map((l) => l.path)).size).toBe(10_000);
    expect(all.filter((l) => l.status === 502)).toHaveLength(2500);
    expect(all[0]?.path).toMatch(/^\/bulk\/\d+\?q=\d+$/);
  });

  it('honours the sampling rate within tolerance', async () => {
    const file = join(dir, 'sampled.log');
    const router = await startRouter({ accessLog: file, accessLogSample: 0.25 });
    await load(portOf(router.address), 2000, (i) => ({ host: 'alpha.example', path: `/s/${i}` }));
    await router.close();
    // Binomial(2000, 0.25): mean 500, sd 19.4; ±6 sd.
    expect(lines(file).length).toBeGreaterThan(384);
    expect(lines(file).length).toBeLessThan(616);
  });

  it('reopens the file on SIGHUP (logrotate moved it)', async () => {
    const file = join(dir, 'rotated.log');
    const router = await startRouter({ accessLog: file });
    const port = portOf(router.address);
    await send(port, { path: '/before', headers: { host: 'alpha.example' } });
    await until(() => lines(file).length === 1, 'the first record');
    renameSync(file, `${file}.1`);
    await send(port, { path: '/moved', headers: { host: 'alpha.example' } });
    // Until reopened, records keep going to the moved file (the open descriptor).
    await until(() => lines(`${file}.1`).length === 2, 'the second record, in the moved file');
    process.kill(process.pid, 'SIGHUP');
    await until(() => existsSync(file), 'the reopened file');
    await send(port, { path: '/after', headers: { host: 'alpha.example' } });
    await router.close();
    expect(lines(`${file}.1`).map((l) => l.path)).toEqual(['/before', '/moved']);
    expect(lines(file).map((l) => l.path)).toEqual(['/after']);
  });

  it('drops and counts records when the writer stalls, and requests keep flowing', async () => {
    const fifo = join(dir, 'stalled.fifo');
    execFileSync('mkfifo', [fifo]);
    // Nobody reads the FIFO yet: the logger thread blocks opening it, the rings fill up.
    const router = await startRouter({ accessLog: fifo, accessLogBuffer: 16, workers: 2 });
    const port = portOf(router.address);
    const statuses = await load(port, 500, (i) => ({ host: 'alpha.example', path: `/stall/${i}` }));
    expect(statuses.every((s) => s === 200)).toBe(true);
    const metric = async (name: string) =>
      Number(
        /\s(\d+)$/m.exec(
          (await admin(router, '/metrics')).text.split('\n').find((l) => l.startsWith(name)) ?? '',
        )?.[1] ?? 0,
      );
    const dropped = await metric('switchyard_router_access_log_dropped_total');
    // Two rings of 16 slots hold what the stalled thread could not take.
    expect(dropped).toBeGreaterThanOrEqual(500 - 32);
    // Unstall: read the FIFO; everything not dropped is written.
    let received = '';
    const stream = createReadStream(fifo, 'utf8');
    const ended = once(stream, 'close');
    stream.on('data', (chunk) => {
      received += chunk;
    });
    const total = 500;
    await until(
      async () => (await metric('switchyard_router_access_log_records_total')) + dropped >= total,
      'the rest written',
    );
    expect(await metric('switchyard_router_access_log_records_total')).toBe(total - dropped);
    await router.close();
    await ended;
    expect(received.split('\n').filter((l) => l !== '')).toHaveLength(total - dropped);
  });
});

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  FileSystemObjectStore,
  type ObjectStore,
  openObjectStore,
  type S3Options,
  siteKey,
} from '@switchyard/object-store';
import { startS3Server } from '@switchyard/object-store/testing';
import { addHostname, createService, createStaticBuild, setActiveBuild, setRules } from '@switchyard/service-db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Router } from '../src/main.ts';
import { send } from './support/client.ts';
import { admin, type Backend, freePort, portOf, RouterStack, until } from './support/router-stack.ts';

/**
 * Static sites end to end: service database → cache → router → object store, for each storage
 * backend the router supports.
 */
interface Backend_ {
  name: string;
  /** A store for the test to upload builds into, and the router's --static-store for the same data. */
  open(): Promise<{ store: ObjectStore; url: string; s3?: S3Options; stop(): Promise<void> }>;
}

const BACKENDS: Backend_[] = [
  {
    name: 'filesystem',
    async open() {
      const dir = await mkdtemp(join(tmpdir(), 'router-static-'));
      return {
        store: new FileSystemObjectStore(dir),
        url: `file://${dir}`,
        stop: () => rm(dir, { recursive: true, force: true }),
      };
    },
  },
  {
    name: 's3',
    async open() {
      const server = await startS3Server(); // a real S3-compatible server (versitygw) on loopback
      const store = openObjectStore(server.url, server.options);
      return {
        store,
        url: server.url,
        s3: server.options,
        async stop() {
          await store.close();
          await server.stop();
        },
      };
    },
  },
];

const stack = new RouterStack();
let echo: Backend;

beforeAll(async () => {
  await stack.start();
  echo = await stack.startBackend('echo');
  await stack.startCache();
});
afterAll(() => stack.stop());

async function upload(store: ObjectStore, serviceId: string, buildId: string, files: Record<string, string>) {
  for (const [path, body] of Object.entries(files))
    await store.put(siteKey(serviceId, buildId, path), Buffer.from(body));
}

describe.each(BACKENDS)('static sites through a running router, $name store', (backend) => {
  let opened: Awaited<ReturnType<Backend_['open']>>;
  let router: Router;
  let port: number;
  let serviceId: string;
  const host = `site-${backend.name}.example.com`;
  const get = async (path: string, headers: Record<string, string> = {}) => {
    const answer = await send(port, { path, headers: { host, ...headers } });
    return { ...answer, text: answer.body.toString() };
  };

  beforeAll(async () => {
    opened = await backend.open();
    const service = await createService(stack.pool, {
      name: `site-${backend.name}`,
      kind: 'static',
      plan: 'free',
      region: 'eu',
    });
    serviceId = service.id;
    await addHostname(stack.pool, serviceId, host);
    await upload(opened.store, serviceId, 'b1', {
      'index.html': '<h1>build one</h1>',
      'only-in-b1.txt': 'old file',
      'docs/index.html': '<h1>docs</h1>',
      '404.html': '<h1>lost</h1>',
    });
    await createStaticBuild(stack.pool, serviceId, 'b1');
    await setActiveBuild(stack.pool, serviceId, 'b1');
    await setRules(stack.pool, serviceId, {
      rules: [
        { source: '/old/*', destination: '/docs/:splat', status: 301 },
        { source: '/api/*', destination: `http://127.0.0.1:${echo.port}/v1/:splat`, status: 200 },
      ],
      headerRules: [{ pattern: '/**', headers: [{ name: 'X-Frame-Options', value: 'DENY' }] }],
    });
    router = await stack.startRouter({
      staticStore: opened.url,
      ...(opened.s3 ? { staticS3: opened.s3 } : {}),
      // The echo backend is on loopback, which proxy rewrites may not reach unless allowed.
      staticProxyAllow: [`127.0.0.1:${echo.port}`],
    });
    await router.ready;
    port = portOf(router.address);
  });
  afterAll(async () => {
    await router?.close();
    await opened?.stop();
  });

  it('serves the active build: files, directories, the 404 page, rules and header rules', async () => {
    const home = await get('/');
    expect(home).toMatchObject({ status: 200, text: '<h1>build one</h1>' });
    expect(home.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(home.headers['x-frame-options']).toBe('DENY');
    expect(home.headers.etag).toMatch(/^"/);
    expect((await get('/', { 'if-none-match': home.headers.etag as string })).status).toBe(304);
    expect((await get('/docs')).headers.location).toBe('/docs/');
    expect((await get('/docs/')).text).toBe('<h1>docs</h1>');
    expect(await get('/nope')).toMatchObject({ status: 404, text: '<h1>lost</h1>' });
    expect((await get('/old/x?y=1')).headers.location).toBe('/docs/x?y=1');
    expect((await get('/only-in-b1.txt', { range: 'bytes=0-2' })).text).toBe('old');
    expect((await get('/../../etc/passwd')).status).toBe(400);
    expect((await send(port, { method: 'POST', path: '/', headers: { host } })).status).toBe(405);
  });

  it('proxies a rewrite to an absolute URL through the forwarder', async () => {
    const before = echo.seen.length;
    const answer = await get('/api/items?id=7');
    expect(answer).toMatchObject({ status: 200, text: 'backend=echo path=/v1/items?id=7' });
    const seen = echo.seen[before];
    expect(seen?.host).toBe(`127.0.0.1:${echo.port}`);
    expect(seen?.['x-forwarded-host']).toBe(host);
  });

  it("refuses proxy rewrites to the router's own admin port and other inside addresses (502)", async () => {
    const adminPort = portOf(router.adminAddress);
    await setRules(stack.pool, serviceId, {
      rules: [
        { source: '/api/*', destination: `http://127.0.0.1:${echo.port}/v1/:splat`, status: 200 },
        { source: '/m1', destination: `http://127.0.0.1:${adminPort}/metrics`, status: 200 },
        { source: '/m2', destination: `http://localhost:${adminPort}/metrics`, status: 200 },
        { source: '/m3', destination: `http://[::ffff:127.0.0.1]:${adminPort}/metrics`, status: 200 },
        { source: '/m4', destination: `http://127.0.0.1:${echo.port}/v1/allowed`, status: 200 },
      ],
      headerRules: [],
    });
    await until(async () => (await get('/m4')).status === 200, 'the new rules', 1_000);
    const before = echo.seen.length;
    for (const path of ['/m1', '/m2', '/m3']) {
      const answer = await get(path);
      expect(answer.status, path).toBe(502);
      expect(answer.text).not.toContain('switchyard_router');
    }
    expect(echo.seen.length).toBe(before);
    expect((await get('/api/items')).text).toBe('backend=echo path=/v1/items');
    // /debug/route says why (resolving the host the way the serving threads do).
    const explain = async (path: string) =>
      JSON.parse((await admin(router, `/debug/route?host=${host}&path=${path}`)).text).static.answer;
    expect(await explain('/m1')).toEqual({
      status: 502,
      url: `http://127.0.0.1:${adminPort}/metrics`,
      refused: '127.0.0.1 is a loopback address',
    });
    expect((await explain('/m2')).refused).toMatch(/^localhost resolves only to refused addresses: .*loopback/);
    expect(await explain('/api/x')).toEqual({ status: 'proxied', url: `http://127.0.0.1:${echo.port}/v1/x` });
  });

  it('serves a newly activated build within a second, and no longer the old build', async () => {
    await upload(opened.store, serviceId, 'b2', { 'index.html': '<h1>build two</h1>', '404.html': '<h1>lost 2</h1>' });
    await createStaticBuild(stack.pool, serviceId, 'b2');
    await setActiveBuild(stack.pool, serviceId, 'b2');
    await until(async () => (await get('/')).text === '<h1>build two</h1>', 'build b2 served', 1_000);
    expect(await get('/only-in-b1.txt')).toMatchObject({ status: 404, text: '<h1>lost 2</h1>' });
    // Rolling back is the same routing change the other way.
    await setActiveBuild(stack.pool, serviceId, 'b1');
    await until(async () => (await get('/')).text === '<h1>build one</h1>', 'build b1 served again', 1_000);
  });

  it('applies changed rules within a second', async () => {
    await setRules(stack.pool, serviceId, {
      rules: [{ source: '/new', destination: '/docs/', status: 302 }],
      headerRules: [],
    });
    await until(async () => (await get('/new')).status === 302, 'the new rule', 1_000);
    expect((await get('/old/x')).status).toBe(404);
    expect((await get('/')).headers['x-frame-options']).toBeUndefined();
  });

  it('explains static decisions in /debug/route and counts them in /metrics', async () => {
    const explained = JSON.parse(
      (await admin(router, `/debug/route?host=${host}&path=${encodeURIComponent('/new?x=1')}`)).text,
    );
    expect(explained).toMatchObject({
      decision: 'static',
      static: { buildId: 'b1', rules: 1, answer: { status: 302, location: '/docs/?x=1' } },
    });
    expect(explained.static.steps.join('\n')).toContain('rule 0 (/new → /docs/ 302)');
    const file = JSON.parse((await admin(router, `/debug/route?host=${host}&path=/docs/`)).text);
    expect(file.static.answer).toMatchObject({ status: 200, key: siteKey(serviceId, 'b1', 'docs/index.html') });

    for (let i = 0; i < 3; i++) await get('/docs/');
    const metrics = (await admin(router, '/metrics')).text;
    expect(metrics).toMatch(/switchyard_router_static_responses_total\{status="200"\} [1-9]/);
    expect(metrics).toMatch(/switchyard_router_static_responses_total\{status="302"\} [1-9]/);
    expect(metrics).toMatch(/switchyard_router_static_cache_total\{result="hit"\} [1-9]/);
    expect(metrics).toMatch(/switchyard_router_static_cache_total\{result="miss"\} [1-9]/);
    expect(metrics).toMatch(/switchyard_router_requests_total\{decision="static",status="2xx"\} [1-9]/);
  });
});

// Without --static-store at all: 503, in router-routing.test.ts.
describe('static sites with an unreachable store', () => {
  let serviceId: string;
  const host = 'nostore.example.com';

  beforeAll(async () => {
    const service = await createService(stack.pool, { name: 'nostore', kind: 'static', plan: 'free', region: 'eu' });
    serviceId = service.id;
    await addHostname(stack.pool, serviceId, host);
    await createStaticBuild(stack.pool, serviceId, 'b1');
    await setActiveBuild(stack.pool, serviceId, 'b1');
  });

  it('a store that cannot be reached answers 502 and counts the error', async () => {
    const dead = await freePort();
    const router = await stack.startRouter({
      staticStore: 's3://sites',
      staticS3: {
        endpoint: `http://127.0.0.1:${dead}`,
        region: 'us-east-1',
        accessKeyId: 'test',
        secretAccessKey: 'test-secret',
      },
    });
    await router.ready;
    const port = portOf(router.address);
    await until(async () => (await send(port, { headers: { host } })).status === 502, 'a 502');
    expect((await send(port, { headers: { host } })).body.toString()).toContain('storage');
    await until(
      async () => /switchyard_router_static_store_errors_total [1-9]/.test((await admin(router, '/metrics')).text),
      'the store error counted',
    );
    await router.close();
  });
});

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Server, ServerCredentials } from '@grpc/grpc-js';
import { type CacheServer, startCacheServer, withDefaults } from '@switchyard/cache-server';
import { createTestDatabase, type TestDatabase } from '@switchyard/service-db/testing';
import { createLogger, silentLogger } from '@switchyard/telemetry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withRouterDefaults } from '../src/config.ts';
import { type Router, startRouter } from '../src/main.ts';

/**
 * A router whose caches refuse its configuration says so loudly: an error log line naming what is
 * wrong and how to fix it, `/readyz` and `/debug/state`. Real cache servers and a real gRPC server.
 */
let database: TestDatabase;
let dir: string;
let cacheEu: CacheServer;
let cacheUs: CacheServer;
let bare: Server;
let bareAddress: string;
const routers: Router[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  dir = await mkdtemp(join(tmpdir(), 'router-refusal-'));
  await writeFile(join(dir, 'right'), 'the-right-token\n');
  await writeFile(join(dir, 'wrong'), 'a-wrong-token\n');
  const start = async (region: string) => {
    const cache = await startCacheServer(
      withDefaults({
        databaseUrl: database.url,
        region,
        listen: '127.0.0.1:0',
        admin: '127.0.0.1:0',
        heartbeatIntervalMs: 200,
        tokenFile: join(dir, 'right'),
      }),
      { logger: silentLogger() },
    );
    await cache.ready;
    return cache;
  };
  cacheEu = await start('eu');
  cacheUs = await start('us');
  // A gRPC server that serves nothing: what a router meets at the wrong port or another protocol version.
  bare = new Server();
  const port = await new Promise<number>((resolve, reject) =>
    bare.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(error) : resolve(bound),
    ),
  );
  bareAddress = `127.0.0.1:${port}`;
});
afterAll(async () => {
  await Promise.all(routers.map((r) => r.close().catch(() => {})));
  bare?.forceShutdown();
  await cacheEu?.close();
  await cacheUs?.close();
  await database?.drop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

interface LogLine {
  level: number;
  msg: string;
  cache?: string;
  refusal?: string;
  fix?: string;
}

/** A router that is not awaited (it may never become ready), logging into `lines`. */
async function router(
  caches: string[],
  region: string,
  tokenFile: string,
): Promise<{ router: Router; lines: LogLine[] }> {
  const lines: LogLine[] = [];
  const logger = createLogger('router', { destination: { write: (line: string) => lines.push(JSON.parse(line)) } });
  const started = await startRouter(
    withRouterDefaults({
      caches,
      region,
      cacheTokenFile: join(dir, tokenFile),
      listen: '127.0.0.1:0',
      admin: '127.0.0.1:0',
      workers: 1,
      ingestThreads: 0,
      drainTimeoutMs: 1_000,
    }),
    { logger },
  );
  routers.push(started);
  return { router: started, lines };
}

async function readyz(r: Router): Promise<{ status: number; text: string }> {
  const res = await fetch(`http://${r.adminAddress}/readyz`);
  return { status: res.status, text: await res.text() };
}

async function untilRefused(r: Router): Promise<{ status: number; text: string }> {
  for (;;) {
    const answer = await readyz(r);
    if (answer.text.includes('refused')) return answer;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('a cache refusing the router', () => {
  it('for its region: error log, /readyz and /debug/state name the region the cache serves', async () => {
    const { router: r, lines } = await router([cacheEu.grpcAddress], 'us', 'right');
    const answer = await untilRefused(r);
    expect(answer.status).toBe(503);
    expect(answer.text).toBe(
      `not ready: cache refused this router: cache ${cacheEu.grpcAddress} serves region "eu", not region "us" ` +
        `that this process asks for; fix: set --region eu (SWITCHYARD_REGION), or point --caches at region "us"'s caches\n`,
    );
    const errors = lines.filter((l) => l.level === 50);
    expect(errors[0]).toMatchObject({
      cache: cacheEu.grpcAddress,
      refusal: 'region',
      fix: expect.stringContaining('--region eu'),
    });
    expect(errors[0]?.msg).toContain('cache refused this router');
    const state = (await (await fetch(`http://${r.adminAddress}/debug/state`)).json()) as { refusal: unknown };
    expect(state.refusal).toMatchObject({ kind: 'region', cache: cacheEu.grpcAddress });
    const metrics = await (await fetch(`http://${r.adminAddress}/metrics`)).text();
    expect(metrics).toMatch(/^switchyard_router_cache_refused\{kind="region"[^}]*\} 1$/m);
  });

  it('for its token', async () => {
    const { router: r, lines } = await router([cacheEu.grpcAddress], 'eu', 'wrong');
    const answer = await untilRefused(r);
    expect(answer.status).toBe(503);
    expect(answer.text).toContain(`cache ${cacheEu.grpcAddress} refused our bearer token`);
    expect(answer.text).toContain('fix: make --cache-token-file hold');
    expect(lines.some((l) => l.level === 50 && l.refusal === 'token')).toBe(true);
  });

  it('because it is not a cache of this protocol', async () => {
    const { router: r } = await router([bareAddress], 'eu', 'right');
    const answer = await untilRefused(r);
    expect(answer.status).toBe(503);
    expect(answer.text).toContain(`${bareAddress} does not implement switchyard.routing.v1.RouteCache/Watch`);
  });

  it('one cache of two refusing: the router syncs with the other, and the refusal is cleared', async () => {
    const { router: r } = await router([cacheUs.grpcAddress, cacheEu.grpcAddress], 'eu', 'right');
    await r.ready;
    expect(r.status().synced).toBe(true);
    expect(r.status().refusal).toBeNull();
    expect(await readyz(r)).toEqual({ status: 200, text: 'ready\n' });
    expect(await (await fetch(`http://${r.adminAddress}/metrics`)).text()).not.toMatch(
      /^switchyard_router_cache_refused\{/m,
    );
  });
});

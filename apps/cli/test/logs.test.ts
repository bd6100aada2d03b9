import { appendFileSync, renameSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CacheServer } from '@switchyard/cache-server';
import type { Router } from '@switchyard/router';
import { addHostname, addInstance, createService } from '@switchyard/service-db';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../src/io.ts';
import { run } from '../src/main.ts';
import { runCli } from './support/cli.ts';
import { useTestDatabase } from './support/database.ts';
import { startTestCache, startTestRouter } from './support/stack.ts';

// A real database, cache server, router (access log to a file) and backend; the CLI in-process.
const database = useTestDatabase();
let pool: pg.Pool;
let cache: CacheServer;
let router: Router;
let backend: Server;
let dir: string;
let file: string;
let shopId: string;
let deadId: string;

/** A GET through the router with `host` as the Host field (fetch would not send it). */
const get = (host: string, path: string): Promise<number> =>
  new Promise((resolve, reject) => {
    const port = Number(router.address.slice(router.address.lastIndexOf(':') + 1));
    const req = request({ host: '127.0.0.1', port, path, headers: { host }, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });

async function until(condition: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cli-logs-'));
  file = join(dir, 'access.log');
  backend = createServer((_req, res) => res.end('ok'));
  await new Promise<void>((resolve) => backend.listen(0, '127.0.0.1', resolve));
  pool = new pg.Pool({ connectionString: database.url, max: 2 });
  const shop = await createService(pool, { name: 'shop', kind: 'web', plan: 'paid', region: 'eu' });
  shopId = shop.id;
  await addHostname(pool, shop.id, 'shop.test');
  await addInstance(pool, shop.id, { host: '127.0.0.1', port: (backend.address() as AddressInfo).port });
  const dead = await createService(pool, { name: 'dead', kind: 'web', plan: 'paid', region: 'eu' });
  deadId = dead.id;
  await addHostname(pool, dead.id, 'dead.test');
  await addInstance(pool, dead.id, { host: '127.0.0.1', port: 1 });
  cache = await startTestCache(database.url);
  router = await startTestRouter(cache, { accessLog: file });
  expect(await get('shop.test', '/a')).toBe(200);
  expect(await get('Shop.Test:80', '/b?x=1')).toBe(200);
  expect(await get('dead.test', '/c')).toBe(502);
  expect(await get('nobody.test', '/d')).toBe(404);
  await until(
    async () =>
      (await runCli(['logs', '--file', file, '--status', '1xx,2xx,3xx,4xx,5xx', '--host', 'nobody.test'])).out !== '',
    'the records',
  );
});

afterAll(async () => {
  await router?.close();
  await cache?.close();
  await pool?.end();
  await new Promise((resolve) => backend?.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

describe('switchyard logs', () => {
  it('shows one host’s requests from the file, port and case ignored, readable', async () => {
    const { code, out } = await runCli(['logs', '--file', file, '--host', 'SHOP.test']);
    expect(code).toBe(0);
    const lines = out.split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^\d{4}-\d\d-\d\dT\S+Z 200 GET shop\.test\/a [\d.]+ms instance 127\.0\.0\.1:\d+ in=\d+ out=\d+ client=127\.0\.0\.1 req=\S+ trace=[0-9a-f]{32}$/,
    );
    expect(lines[1]).toContain('200 GET Shop.Test:80/b ');
  });

  it('filters one service by status class, as NDJSON with --json', async () => {
    const { code, out } = await runCli(['logs', '--file', file, '--service', deadId, '--status', '5xx', '--json']);
    expect(code).toBe(0);
    const records = out.split('\n').map((l) => JSON.parse(l));
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ serviceId: deadId, status: 502, outcome: 'connect_failed', path: '/c' });
    expect((await runCli(['logs', '--file', file, '--service', shopId, '--status', '5xx'])).out).toBe('');
  });

  it('reads the router’s admin stream', async () => {
    const { code, out } = await runCli(['logs', '--router-admin', router.adminAddress, '--service', shopId, '--json']);
    expect(code).toBe(0);
    expect(out.split('\n').map((l) => JSON.parse(l).path)).toEqual(['/a', '/b']);
  });

  it('follows the file, across a rotation, until stopped', async () => {
    let out = '';
    const controller = new AbortController();
    const io: CliIo = {
      out: (text) => {
        out += `${text}\n`;
      },
      err: () => {},
      env: {},
      signal: controller.signal,
    };
    const following = run(['logs', '--file', file, '--host', 'shop.test', '--follow'], io);
    await until(async () => out.split('\n').length > 2, 'the existing lines');
    expect(await get('shop.test', '/new')).toBe(200);
    await until(async () => out.includes('shop.test/new '), 'a new line');
    renameSync(file, `${file}.1`);
    appendFileSync(file, '');
    // The router still writes to the moved file until SIGHUP; a line appended to the new file is picked up.
    appendFileSync(
      file,
      `${JSON.stringify({ level: 30, time: Date.now(), msg: 'request', requestId: 'r', traceId: 't', host: 'shop.test', method: 'GET', path: '/rotated', status: 200, bytesIn: 1, bytesOut: 1, durationMs: 1, decision: 'instance', end: 'completed', retries: 0, client: '127.0.0.1' })}\n`,
    );
    await until(async () => out.includes('shop.test/rotated '), 'the rotated file’s line');
    controller.abort();
    expect(await following).toBe(0);
  });

  it('refuses a bad status filter and a missing selection', async () => {
    const bad = await runCli(['logs', '--file', file, '--host', 'x', '--status', '5x']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--status must be a class like 5xx');
    expect((await runCli(['logs', '--file', file])).err).toContain('--service ID or --host NAME');
  });
});

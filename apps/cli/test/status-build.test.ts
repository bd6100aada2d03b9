import { readFileSync } from 'node:fs';
import { type Activator, startActivator, withActivatorDefaults } from '@switchyard/activator';
import type { CacheServer } from '@switchyard/cache-server';
import type { Router } from '@switchyard/router';
import { silentLogger } from '@switchyard/telemetry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ComponentStatus } from '../src/commands/status.ts';
import { runCli } from './support/cli.ts';
import { useTestDatabase } from './support/database.ts';
import { startTestCache, startTestRouter } from './support/stack.ts';

// Every component, real and in this process, says which release it runs; `switchyard status` shows it.
const database = useTestDatabase();
const release = (
  JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
let cache: CacheServer;
let router: Router;
let activator: Activator;

beforeAll(async () => {
  cache = await startTestCache(database.url);
  router = await startTestRouter(cache);
  activator = await startActivator(
    withActivatorDefaults({
      caches: [cache.grpcAddress],
      region: 'eu',
      listen: '127.0.0.1:0',
      admin: '127.0.0.1:0',
      drainTimeoutMs: 1_000,
    }),
    { logger: silentLogger() },
  );
  await activator.ready;
});

afterAll(async () => {
  await router?.close();
  await activator?.close();
  await cache?.close();
});

describe('switchyard status: builds', () => {
  it("shows every component's release version (the root package.json) and Node", async () => {
    const { code, out } = await runCli([
      'status',
      '--router-admin',
      router.adminAddress,
      '--cache-admin',
      cache.adminAddress,
      '--activator-admin',
      activator.adminAddress,
      '--json',
    ]);
    expect(code).toBe(0);
    const { components } = JSON.parse(out) as { components: ComponentStatus[] };
    expect(components.map((c) => [c.kind, c.build])).toEqual(
      ['router', 'cache', 'activator'].map((kind) => [kind, `switchyard ${release} (node ${process.version})`]),
    );
    const table = await runCli(['status', '--router-admin', router.adminAddress]);
    expect(table.out.split('\n')[1]).toContain(`switchyard ${release} (node ${process.version})`);
  });

  it('puts the build in /debug/state and a switchyard_build_info series on /metrics', async () => {
    const state = (await (await fetch(`http://${router.adminAddress}/debug/state`)).json()) as { build?: unknown };
    expect(state.build).toEqual({ version: release, node: process.versions.node });
    for (const [component, admin] of [
      ['router', router.adminAddress],
      ['cache', cache.adminAddress],
      ['activator', activator.adminAddress],
    ]) {
      const metrics = await (await fetch(`http://${admin}/metrics`)).text();
      expect(metrics).toContain(
        `switchyard_build_info{component="${component}",version="${release}",node="${process.versions.node}"`,
      );
    }
  });
});

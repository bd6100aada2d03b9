import { MISS, RouteTableReader as Reader, type RouteTableReader, type TableHandle } from '@switchyard/route-table';
import {
  addHostname,
  addInstance,
  createService,
  deleteService,
  moveHostname,
  removeHostname,
  removeInstance,
  setInstanceReady,
  updateService,
} from '@switchyard/service-db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Router } from '../src/main.ts';
import { RouterStack, until } from './support/router-stack.ts';

const stack = new RouterStack();
/** Every hostname the test ever gives a service, including the ones it takes away again. */
const hostnames: string[] = [];

beforeAll(async () => {
  await stack.start();
  await stack.startCache();
});
afterAll(() => stack.stop());

async function service(name: string, names: string[], plan: 'free' | 'paid' = 'paid'): Promise<string> {
  const { id } = await createService(stack.pool, { name, kind: 'web', plan, region: 'eu' });
  for (const hostname of names) {
    await addHostname(stack.pool, id, hostname);
    hostnames.push(hostname);
  }
  await addInstance(stack.pool, id, { host: '127.3.0.1', port: 8000 + hostnames.length, ready: true });
  return id;
}

/** What a table routes every known hostname to: the whole record as a reader sees it. */
function routes(handle: TableHandle) {
  const reader: RouteTableReader = Reader.attach(handle);
  return hostnames.map((hostname) => {
    const host = hostname.startsWith('*.') ? `probe${hostname.slice(1)}` : hostname;
    const ref = reader.lookup(host);
    if (ref === MISS) return { host };
    const instances = Array.from({ length: reader.instanceCount(ref) }, (_, i) => ({
      host: reader.instanceHost(ref, i),
      port: reader.instancePort(ref, i),
      ready: reader.instanceReady(ref, i),
    }));
    return {
      host,
      matched: reader.matched,
      id: reader.serviceId(ref),
      version: reader.version(ref),
      kind: reader.kind(ref),
      plan: reader.plan(ref),
      state: reader.state(ref),
      instances,
    };
  });
}

function summary(router: Router) {
  const { services, hostnames: names } = router.status();
  return { services, hostnames: names, routes: routes(router.table()) };
}

describe('warm start from a table image', () => {
  it('followed by a resume on a live cache, ends in exactly the state a cold start reaches', async () => {
    const kept = await service('kept', ['kept.example.com', '*.kept.example.com']);
    const changed = await service('changed', ['changed.example.com']);
    const removed = await service('removed', ['removed.example.com', 'www.removed.example.com']);
    const donor = await service('donor', ['donor.example.com', 'moving.example.com']);
    const suspended = await service('suspended', ['suspended.example.com'], 'free');
    for (let i = 0; i < 40; i++) await service(`bulk-${i}`, [`bulk-${i}.example.com`]);

    const stateDir = await stack.stateDir();
    const first = await stack.startRouter({ stateDir });
    await first.ready;
    await until(() => first.status().stateDirWrites >= 1, 'the state-dir table');
    await first.close();

    // While no router runs: upserts, a removal (tombstone), a hostname move and removal, new services.
    await addInstance(stack.pool, changed, { host: '127.3.0.9', port: 9009, ready: false });
    await setInstanceReady(stack.pool, changed, '127.3.0.1', 8003, false);
    await deleteService(stack.pool, removed);
    await moveHostname(stack.pool, 'moving.example.com', kept);
    await removeHostname(stack.pool, 'donor.example.com');
    await updateService(stack.pool, suspended, { state: 'suspended', plan: 'paid' });
    await removeInstance(stack.pool, donor, '127.3.0.1', 8000 + 7);
    await service('added', ['added.example.com', '*.added.example.com']);

    const warm = await stack.startRouter({ stateDir });
    const cold = await stack.startRouter();
    await Promise.all([warm.ready, cold.ready]);
    await until(
      () =>
        JSON.stringify(summary(warm)) === JSON.stringify(summary(cold)) && routes(cold.table())[0]?.id !== undefined,
      'the warm router to reach the cold one',
      15_000,
    );
    expect(summary(warm)).toEqual(summary(cold));
    // It resumed from the image's version (no snapshot), and it really saw the changes.
    expect(warm.status()).toMatchObject({ snapshots: 0, synced: true });
    expect(cold.status()).toMatchObject({ snapshots: 1, synced: true });
    const byHost = new Map(routes(warm.table()).map((r) => [r.host, r]));
    expect(byHost.get('moving.example.com')?.id).toBe(kept);
    expect(byHost.get('removed.example.com')?.id).toBeUndefined();
    expect(byHost.get('donor.example.com')?.id).toBeUndefined();
    expect(byHost.get('added.example.com')?.id).toBeDefined();
    expect(byHost.get('suspended.example.com')).toMatchObject({ id: suspended, state: 2, plan: 2 });
    expect(byHost.get('changed.example.com')?.instances).toHaveLength(2);
    await Promise.all([warm.close(), cold.close()]);
  });
});

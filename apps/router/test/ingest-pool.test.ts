import { Server, ServerCredentials, type ServerWritableStream, type sendUnaryData } from '@grpc/grpc-js';
import { type PreEncoded, preEncoded, routeCacheService, type Service, type WatchEvent } from '@switchyard/proto';
import { silentLogger } from '@switchyard/telemetry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withRouterDefaults } from '../src/config.ts';
import { type Router, startRouter } from '../src/main.ts';
import { send } from './support/client.ts';
import { type Backend, portOf, startBackend, until } from './support/router-stack.ts';

type Watch = ServerWritableStream<{ fromVersion?: number }, WatchEvent | PreEncoded>;

/** A Watch event carrying a ServiceBatch whose single service claims more bytes than follow. */
const CORRUPT_BATCH: PreEncoded = {
  ...preEncoded({ serviceBatch: { services: [] } }),
  bytes: Buffer.from([0x12, 0x02, 0x0a, 0x05]),
};

/** A cache whose Watch streams are driven by the test, one connection at a time. */
class ScriptedCache {
  readonly server = new Server();
  readonly calls: Watch[] = [];
  port = 0;

  async start(): Promise<void> {
    this.server.addService(routeCacheService, {
      watch: (call: Watch) => {
        call.on('error', () => {});
        this.calls.push(call);
      },
      getServices: (_call: unknown, callback: sendUnaryData<unknown>) => callback(null, { services: [] }),
    });
    this.port = await new Promise<number>((resolve, reject) =>
      this.server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, port) =>
        error ? reject(error) : resolve(port),
      ),
    );
  }

  snapshot(call: Watch, version: number, batches: (Service[] | PreEncoded)[]): void {
    const total = batches.reduce((n, b) => n + (Array.isArray(b) ? b.length : 1), 0);
    call.write({ snapshotStart: { version, total } });
    for (const batch of batches) call.write(Array.isArray(batch) ? { serviceBatch: { services: batch } } : batch);
    call.write({ snapshotEnd: { version } });
  }

  close(): Promise<void> {
    for (const call of this.calls) call.end();
    return new Promise((resolve) => this.server.tryShutdown(() => resolve()));
  }
}

const web = (id: string, hostname: string, backend: Backend, version: number): Service => ({
  id,
  kind: 1,
  plan: 2,
  state: 1,
  version,
  hostnames: [hostname],
  instances: [{ host: '127.0.0.1', port: backend.port, ready: true }],
});

const cache = new ScriptedCache();
let alpha: Backend;
let beta: Backend;
let router: Router;

beforeAll(async () => {
  await cache.start();
  alpha = await startBackend('alpha');
  beta = await startBackend('beta');
});
afterAll(async () => {
  await router?.close();
  await cache.close();
  await alpha.close();
  await beta.close();
});

async function body(host: string): Promise<string> {
  const answer = await send(portOf(router.address), { headers: { host } });
  return `${answer.status} ${answer.body.toString()}`;
}

describe('router with --ingest-threads 2', () => {
  it('builds snapshots in the pool, and keeps the old table when an ingest fails', async () => {
    router = await startRouter(
      withRouterDefaults({
        caches: [`127.0.0.1:${cache.port}`],
        region: 'eu',
        listen: '127.0.0.1:0',
        admin: '127.0.0.1:0',
        workers: 1,
        ingestThreads: 2,
        // This scripted cache sends no heartbeats: a loaded machine must not make the wait for
        // the pool (threads loading their modules from sources) look like a stalled stream.
        cacheStallTimeoutMs: 60_000,
      }),
      { logger: silentLogger() },
    );
    await until(() => cache.calls.length === 1, 'the first Watch');
    const first = cache.calls[0] as Watch;
    expect(first.request.fromVersion ?? 0).toBe(0);
    // Several batches, so the pool task gets more than one.
    const many = Array.from({ length: 300 }, (_, n) => web(`svc-${n}`, `s${n}.example`, alpha, 1));
    cache.snapshot(first, 10, [
      many.slice(0, 100),
      many.slice(100, 200),
      many.slice(200),
      [web('a', 'a.example', alpha, 1)],
    ]);
    await router.ready;
    expect(await body('a.example')).toBe('200 backend=alpha path=/');
    expect(await body('s250.example')).toBe('200 backend=alpha path=/');
    expect(router.status().services).toBe(301);

    // The stream breaks mid-snapshot: the pool task is abandoned, the old table stays.
    first.end();
    await until(() => cache.calls.length === 2, 'the resumed Watch');
    const broken = cache.calls[1] as Watch;
    expect(Number(broken.request.fromVersion)).toBe(10);
    broken.write({ snapshotStart: { version: 15, total: 2 } });
    broken.write({ serviceBatch: { services: [web('a', 'a.example', beta, 2)] } });
    broken.end();

    // A snapshot with a bad batch, and a delta right after SnapshotEnd (it waits for the table).
    await until(() => cache.calls.length === 3, 'the Watch after the broken stream');
    const second = cache.calls[2] as Watch;
    expect(Number(second.request.fromVersion)).toBe(10);
    expect(await body('a.example')).toBe('200 backend=alpha path=/');
    cache.snapshot(second, 20, [[web('a', 'a.example', beta, 2)], CORRUPT_BATCH]);
    second.write({ delta: { version: 21, upserts: [web('b', 'b.example', beta, 3)] } });

    // The ingest fails: the router keeps serving the old table and asks for a full snapshot.
    await until(() => cache.calls.length === 4, 'a new Watch after the failed ingest');
    const third = cache.calls[3] as Watch;
    expect(Number(third.request.fromVersion ?? 0)).toBe(0);
    expect(await body('a.example')).toBe('200 backend=alpha path=/');
    expect(await body('b.example')).not.toContain('backend=beta');
    expect(router.status().version).toBe(10);

    cache.snapshot(third, 30, [[web('a', 'a.example', beta, 4)]]);
    third.write({ delta: { version: 31, upserts: [web('b', 'b.example', beta, 5)] } });
    await until(async () => (await body('b.example')) === '200 backend=beta path=/', 'the delta after the snapshot');
    expect(await body('a.example')).toBe('200 backend=beta path=/');
    expect(await body('s1.example')).not.toContain('backend=');
    expect(router.status().services).toBe(2);
    expect(router.status().version).toBe(31);
  });
});

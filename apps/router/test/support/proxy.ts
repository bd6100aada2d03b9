import type { AddressInfo } from 'node:net';
import {
  CountingMetrics,
  Forwarder,
  HttpServer,
  type HttpServerOptions,
  type NextTarget,
  RequestIds,
  type Target,
  UpstreamPool,
  type UpstreamPoolOptions,
} from '@switchyard/http1';

export interface TestProxyOptions {
  /** Tried in order: the first for every request, the next ones on a retryable failure. */
  targets: Target[];
  server?: HttpServerOptions;
  pools?: UpstreamPoolOptions;
  tunnelIdleTimeoutMs?: number;
  trustedHops?: string[];
  extraHeaders?: string[];
}

export interface TestProxy {
  readonly port: number;
  readonly address: AddressInfo;
  readonly metrics: CountingMetrics;
  readonly serving: HttpServer;
  readonly pool: UpstreamPool;
  close(): Promise<void>;
}

/**
 * The serving path wired to fixed targets, the way a worker wires it to the route table:
 * the engine's HttpServer → Forwarder (upgrades included).
 */
export async function startProxy(options: TestProxyOptions): Promise<TestProxy> {
  const metrics = new CountingMetrics();
  const requestIds = new RequestIds('test-');
  const pool = new UpstreamPool(options.pools);
  const forwarder = new Forwarder({
    pool,
    requestIds,
    metrics,
    trustedHops: options.trustedHops ?? [],
    ...(options.tunnelIdleTimeoutMs === undefined ? {} : { tunnelIdleTimeoutMs: options.tunnelIdleTimeoutMs }),
  });
  const targets = options.targets;
  const first = targets[0];
  if (first === undefined) throw new Error('startProxy needs at least one target');
  const extra = options.extraHeaders ?? null;
  const nextTarget: NextTarget = (failed) => targets[targets.indexOf(failed) + 1];

  const serving = new HttpServer({ metrics, requestIds, ...options.server }, (conn) =>
    forwarder.forward(conn, first, extra, nextTarget),
  );
  const address = await serving.listen(0, '127.0.0.1');
  return {
    port: address.port,
    address,
    metrics,
    serving,
    pool,
    async close() {
      await serving.drain(100);
      await pool.close();
    },
  };
}

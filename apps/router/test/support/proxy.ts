import type { AddressInfo } from 'node:net';
import { Forwarder, type NextTarget } from '../../src/serve/forward.ts';
import { createServingServer, type ServingServer, type ServingServerOptions } from '../../src/serve/http-server.ts';
import { CountingMetrics } from '../../src/serve/metrics.ts';
import { RequestIds } from '../../src/serve/request-id.ts';
import { UpgradeProxy, type UpgradeProxyOptions } from '../../src/serve/upgrade.ts';
import { type Target, type UpstreamPoolOptions, UpstreamPools } from '../../src/serve/upstream-pools.ts';

export interface TestProxyOptions {
  /** Tried in order: the first for every request, the next ones on a retryable failure. */
  targets: Target[];
  server?: ServingServerOptions;
  pools?: UpstreamPoolOptions;
  upgrade?: Partial<UpgradeProxyOptions>;
  trustedHops?: string[];
  extraHeaders?: string[];
}

export interface TestProxy {
  readonly port: number;
  readonly address: AddressInfo;
  readonly metrics: CountingMetrics;
  readonly serving: ServingServer;
  readonly pools: UpstreamPools;
  close(): Promise<void>;
}

/**
 * The serving path wired to fixed targets, the way a worker wires it to the route table:
 * createServingServer → Forwarder (and UpgradeProxy for `Upgrade:` requests).
 */
export async function startProxy(options: TestProxyOptions): Promise<TestProxy> {
  const metrics = new CountingMetrics();
  const requestIds = new RequestIds('test-');
  const pools = new UpstreamPools(options.pools);
  const common = { requestIds, metrics, trustedHops: options.trustedHops ?? [] };
  const forwarder = new Forwarder({ pools, ...common });
  const upgrades = new UpgradeProxy({ ...common, ...options.upgrade });
  const targets = options.targets;
  const first = targets[0];
  if (first === undefined) throw new Error('startProxy needs at least one target');
  const extra = options.extraHeaders ?? null;
  const nextTarget: NextTarget = (failed) => targets[targets.indexOf(failed) + 1];

  const serving = createServingServer(
    { metrics, requestIds, ...options.server },
    (req, res) => forwarder.forward(req, res, first, extra, nextTarget),
    (req, socket, head) => upgrades.proxy(req, socket, head, first, extra),
  );
  const address = await serving.listen(0, '127.0.0.1');
  return {
    port: address.port,
    address,
    metrics,
    serving,
    pools,
    async close() {
      await serving.drain(100);
      await pools.close();
    },
  };
}

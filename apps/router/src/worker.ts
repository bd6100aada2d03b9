/**
 * A serving thread: one HTTP server on the shared address (reusePort), reading the shared route
 * table. Per request, top to bottom: parse/validate (serve/http-server) → lookup and decide
 * (routing.ts) → forward (serve/forward) or answer with a page → account (shared counters).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';
import { type ObjectStore, openObjectStore } from '@switchyard/object-store';
import { ackMessage, isHandoverMessage, RouteTableReader } from '@switchyard/route-table';
import { HotObjectCache, StaticHandler } from '@switchyard/static-site';
import { Decision, type DecisionCode } from './decisions.ts';
import { isDrainMessage, type ListeningMessage, type WorkerData } from './messages.ts';
import { parseTarget, RouteDecider, SERVICE_ID_HEADER } from './routing.ts';
import { AddressPolicy } from './serve/address-policy.ts';
import { Forwarder, type NextTarget } from './serve/forward.ts';
import { createServingServer } from './serve/http-server.ts';
import { RequestIds } from './serve/request-id.ts';
import { type Page, Pages, sendPage, writeRawPage } from './serve/responses.ts';
import { UpgradeProxy } from './serve/upgrade.ts';
import { type Target, UpstreamPools } from './serve/upstream-pools.ts';
import { SharedCounters } from './shared-metrics.ts';
import { StaticSites } from './static-sites.ts';

const data = workerData as WorkerData;
const port = parentPort;
if (port === null) throw new Error('worker.ts runs as a worker thread');

const reader = RouteTableReader.attach(data.handle);
const decider = new RouteDecider(
  reader,
  data.activator === undefined ? undefined : parseTarget(data.activator),
  data.instanceCooldownMs,
);
const counters = new SharedCounters(data.metrics, data.slot);
const requestIds = new RequestIds();
const pools = new UpstreamPools();
const forwarder = new Forwarder({ pools, requestIds, metrics: counters });
const upgrades = new UpgradeProxy({ requestIds, metrics: counters });

// Static sites: this thread's own store client and hot-object cache (nothing shared between threads).
const staticConfig = data.static;
// Proxy rewrites go to origins tenants chose: their own pools, which connect only where the policy allows.
const rewritePools =
  staticConfig === undefined
    ? undefined
    : new UpstreamPools({
        addressPolicy: new AddressPolicy({ allow: staticConfig.proxyAllow, denyPorts: staticConfig.proxyDenyPorts }),
      });
const rewriteForwarder =
  rewritePools === undefined ? undefined : new Forwarder({ pools: rewritePools, requestIds, metrics: counters });
const store: ObjectStore | undefined =
  staticConfig === undefined ? undefined : openObjectStore(staticConfig.storeUrl, staticConfig.s3);
const staticHandler =
  staticConfig === undefined || store === undefined
    ? undefined
    : new StaticHandler({
        store,
        cache: new HotObjectCache({
          maxBytes: staticConfig.cacheBytes,
          maxObjectBytes: staticConfig.cacheObjectBytes,
          metrics: counters,
        }),
        metrics: counters,
        assetMaxAgeSeconds: staticConfig.assetMaxAgeSeconds,
        ...(staticConfig.proxyRewrites && rewriteForwarder !== undefined
          ? {
              proxy: (req: IncomingMessage, res: ServerResponse, url: URL) =>
                rewriteForwarder.forwardToUrl(req, res, url),
            }
          : {}),
      });
const staticSites = new StaticSites(reader);

/** Pages for the decisions that are not forwarded, by decision code. */
const PAGES: Partial<Record<DecisionCode, Page>> = {
  [Decision.noRoute]: Pages.noSuchHost,
  [Decision.suspended]: Pages.suspended,
  [Decision.noInstance]: Pages.noInstance,
  [Decision.static]: Pages.noStaticStore,
};

// Per-request accounting rides on the response object: no closure per request.
const STARTED = Symbol('started');
const DECIDED = Symbol('decided');
type Accounted = ServerResponse & { [STARTED]: number; [DECIDED]: DecisionCode };

function onFinish(this: Accounted): void {
  counters.request(this[DECIDED], this.statusCode, performance.now() - this[STARTED]);
}

function onRequest(req: IncomingMessage, res: ServerResponse): void {
  const accounted = res as Accounted;
  accounted[STARTED] = performance.now();
  // http-server checked Host (present, single, well-formed) before calling us.
  const host = req.headers.host as string;
  const decision = decider.decide(host);
  accounted[DECIDED] = decision;
  res.on('finish', onFinish); // `on`, not `once`: no wrapper closure per request; 'finish' fires once

  const target = decider.target;
  if (decision === Decision.static && staticHandler !== undefined) {
    staticHandler.serve(req, res, staticSites.ref(decider.record));
  } else if (target === undefined) {
    sendPage(res, PAGES[decision] ?? Pages.badGateway, requestIds.next());
  } else if (decision === Decision.activator) {
    forwarder.forward(req, res, target, [SERVICE_ID_HEADER, decider.serviceId()]);
  } else {
    forwarder.forward(req, res, target, null, retryOtherInstance(host));
  }
}

function onUpgrade(req: IncomingMessage, socket: Socket, head: Buffer): void {
  const decision = decider.decide(req.headers.host as string);
  const target = decider.target;
  if (target === undefined) {
    const page = decision === Decision.static && staticHandler !== undefined ? Pages.staticUpgrade : PAGES[decision];
    writeRawPage(socket, page ?? Pages.badGateway, requestIds.next());
    return;
  }
  const extra = decision === Decision.activator ? [SERVICE_ID_HEADER, decider.serviceId()] : null;
  upgrades.proxy(req, socket, head, target, extra);
}

/**
 * The forwarder asks for another instance only after a connection-level failure of an
 * idempotent request that never reached an upstream. The failed instance is skipped for a while
 * by every later request too. The host is looked up again: the table may have changed since.
 */
function retryOtherInstance(host: string): NextTarget {
  let attempts = 0;
  return (failed: Target): Target | undefined => {
    decider.instances.markDown(failed);
    if (++attempts > 2 || decider.decide(host) !== Decision.instance) return undefined;
    const next = decider.instances.pick(reader, decider.record, failed);
    return next === failed ? undefined : next;
  };
}

const serving = createServingServer({ metrics: counters, requestIds }, onRequest, onUpgrade);

port.on('message', (message: unknown) => {
  if (isHandoverMessage(message)) {
    // Messages run between requests: no lookup is in progress while the reader switches.
    port.postMessage(ackMessage(reader.switchTo(message.handle)));
    staticSites.tableSwitched();
  } else if (isDrainMessage(message)) {
    void serving
      .drain(message.timeoutMs)
      .then(() => Promise.all([pools.close(), rewritePools?.close(), store?.close()]))
      .finally(() => port.close());
  }
});

const address = await serving.listen(data.port, data.host);
port.postMessage({ type: 'listening', port: address.port } satisfies ListeningMessage);

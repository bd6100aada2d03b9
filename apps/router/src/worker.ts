/**
 * A serving thread: one HTTP/1.1 engine server on the shared address (reusePort), reading the
 * shared route table. Per request, top to bottom: parse/validate (@switchyard/http1) → lookup and
 * decide (routing.ts) → forward (the engine's Forwarder), serve a static file, or answer with a
 * page → account (shared counters) → log (a record copied into this thread's access-log ring).
 */
import { parentPort, workerData } from 'node:worker_threads';
import {
  type ClientExchange,
  Forwarder,
  H2Server,
  HttpServer,
  type NextTarget,
  type Page,
  Pages,
  RequestIds,
  type Target,
  type UpstreamError,
  UpstreamPool,
} from '@switchyard/http1';
import type { ObjectStore } from '@switchyard/object-store';
import { ackMessage, isHandoverMessage, MISS, RouteTableReader } from '@switchyard/route-table';
import type { StaticHandler } from '@switchyard/static-site';
import { AccessRecordWriter } from './access-log/record-writer.ts';
import { Decision, type DecisionCode } from './decisions.ts';
import {
  isDrainMessage,
  isListenMessage,
  type ListeningMessage,
  type PreparedMessage,
  type WorkerData,
} from './messages.ts';
import { parseActivators, RouteDecider, SERVICE_ID_HEADER } from './routing.ts';
import { AcmeResponder } from './serve/acme-responder.ts';
import { AddressPolicy } from './serve/address-policy.ts';
import { ExternalForwarder } from './serve/external-forwarder.ts';
import { HttpsPolicy } from './serve/https-policy.ts';
import { RouterPages } from './serve/pages.ts';
import { UpstreamPools } from './serve/upstream-pools.ts';
import { SharedCounters } from './shared-metrics.ts';
import type { StaticSites } from './static-sites.ts';
import { ThreadProfile } from './thread-profile.ts';
import { CertificateClient } from './tls/certificate-client.ts';
import { startServingTls } from './tls/serving-tls.ts';

const profile = ThreadProfile.fromEnvironment();
const data = workerData as WorkerData;
if (parentPort === null) throw new Error('worker.ts runs as a worker thread');
const port = parentPort;

const reader = RouteTableReader.attach(data.handle);
const decider = new RouteDecider(
  reader,
  parseActivators(data.activator),
  data.instanceCooldownMs,
  data.upstreamTimeoutMs,
);
const counters = new SharedCounters(data.metrics, data.slot);
const requestIds = new RequestIds();
const pool = new UpstreamPool({ readTimeoutMs: data.upstreamTimeoutMs });
const forwarder = new Forwarder({
  pool,
  requestIds,
  metrics: counters,
  trustedHops: data.trustedHops,
  onUpstreamFailed: upstreamFailed,
});
const accessLog =
  data.accessLog === undefined
    ? undefined
    : new AccessRecordWriter(data.accessLog.ring, {
        sampleRate: data.accessLog.sampleRate,
        includeQuery: data.accessLog.includeQuery,
        peers: forwarder.peers,
      });
/** Service ids by record reference, for the log (the table's string is decoded once per record version). */
const serviceIds = new Map<number, string>();

// Static sites: this thread's own store client and hot-object cache (nothing shared between threads).
// Their modules (the static-site package brings protobufjs and the generated protos) are loaded only
// by a router with --static-store: a serving thread without one starts without them.
const staticConfig = data.static;
const staticModules =
  staticConfig === undefined
    ? undefined
    : await Promise.all([
        import('@switchyard/object-store'),
        import('@switchyard/static-site'),
        import('./static-sites.ts'),
      ]);
const store: ObjectStore | undefined =
  staticConfig === undefined || staticModules === undefined
    ? undefined
    : staticModules[0].openObjectStore(staticConfig.storeUrl, staticConfig.s3);
// Proxy rewrites go to origins tenants chose, through undici (TLS, DNS), on their own pools, which
// connect only where the address policy allows.
const externalPools = staticConfig?.proxyRewrites
  ? new UpstreamPools({
      addressPolicy: new AddressPolicy({ allow: staticConfig.proxyAllow, denyPorts: staticConfig.proxyDenyPorts }),
    })
  : undefined;
const external =
  externalPools === undefined
    ? undefined
    : new ExternalForwarder({ pools: externalPools, requestIds, metrics: counters, trustedHops: data.trustedHops });
const staticHandler: StaticHandler | undefined =
  staticConfig === undefined || store === undefined || staticModules === undefined
    ? undefined
    : new staticModules[1].StaticHandler({
        store,
        cache: new staticModules[1].HotObjectCache({
          maxBytes: staticConfig.cacheBytes,
          maxObjectBytes: staticConfig.cacheObjectBytes,
          metrics: counters,
        }),
        metrics: counters,
        assetMaxAgeSeconds: staticConfig.assetMaxAgeSeconds,
        ...(external === undefined ? {} : { proxy: (conn: ClientExchange, url: URL) => external.forward(conn, url) }),
      });
const staticSites: StaticSites | undefined =
  staticModules === undefined ? undefined : new staticModules[2].StaticSites(reader);

/** Pages for the decisions that are not forwarded, by decision code. */
const PAGES: Partial<Record<DecisionCode, Page>> = {
  [Decision.noRoute]: RouterPages.noSuchHost,
  [Decision.suspended]: RouterPages.suspended,
  [Decision.noInstance]: RouterPages.noInstance,
  [Decision.static]: RouterPages.noStaticStore,
};

/** One request, over HTTP/1.1 or HTTP/2 (an `H2Server` stream routed by its `:authority`). */
function onRequest(conn: ClientExchange): void {
  // ACME HTTP-01 first, for any hostname, routed or not, redirected or not. Other paths pay one startsWith.
  if (acme !== undefined && acme.answer(conn)) return;
  const host = conn.host; // the engine checked it: present once, well-formed (or the absolute-form authority)
  const decision = decider.decide(host);
  conn.tag = decision;
  if (accessLog !== undefined) conn.facts.label = serviceIdOf(decider.record);
  if (decision !== Decision.noRoute && httpsPolicy.apply(conn, decider.record)) return;
  const target = decider.target;
  if (decision === Decision.static && staticHandler !== undefined && staticSites !== undefined) {
    if (conn.isUpgrade) page(conn, RouterPages.staticUpgrade, true);
    else staticHandler.serve(conn, staticSites.ref(decider.record));
  } else if (target === undefined) {
    page(conn, PAGES[decision] ?? Pages.badGateway, false);
  } else if (decision === Decision.activator) {
    const serviceId = decider.serviceId();
    forwarder.forward(conn, target, [SERVICE_ID_HEADER, serviceId], decider.activators.retry(serviceId));
  } else {
    forwarder.forward(conn, target, null, retryOtherInstance(host));
  }
}

/** The router's own answer: the request gets its ids (trace context from trusted hops) first. */
function page(conn: ClientExchange, which: Page, close: boolean): void {
  forwarder.peers.identify(conn, requestIds);
  conn.sendPage(which, conn.facts.requestId, close);
}

function serviceIdOf(record: number): string {
  if (record === MISS) return '';
  let id = serviceIds.get(record);
  if (id === undefined) {
    if (serviceIds.size >= 100_000) serviceIds.clear();
    id = reader.serviceId(record);
    serviceIds.set(record, id);
  }
  return id;
}

/** Per-request accounting, when the response is complete. */
function onComplete(conn: ClientExchange): void {
  counters.request(conn.tag as DecisionCode, conn.status, performance.now() - conn.startedAt);
  const upstream = conn.facts.upstream;
  if (conn.tag === Decision.instance && upstream !== null) decider.instances.answered(upstream);
}

/** The access-log record, once the request is over (a WebSocket's when its tunnel closes). */
function onRequestEnd(conn: ClientExchange): void {
  accessLog?.write(conn);
}

/**
 * Any request whose upstream failed before answering (refused, timed out, a fresh connection
 * reset): that instance is skipped for the cooldown by every later request of this thread, as a
 * refused retry does. An activator is skipped only when it refused or dropped the connection; a
 * slow answer from one is a service still waking.
 */
function upstreamFailed(target: Target, error: UpstreamError): void {
  const activators = decider.activators;
  if (activators.targets.includes(target)) {
    if (error.code !== 'UPSTREAM_TIMEOUT') activators.markDown(target);
  } else decider.instances.markDown(target);
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

// The main thread's certificate store: certificates by SNI (TLS) and the ACME challenges in progress.
const certificates = data.certificates === undefined ? undefined : new CertificateClient(data.certificates);
const acme =
  certificates === undefined
    ? undefined
    : new AcmeResponder(certificates, (conn) => {
        conn.tag = Decision.acmeChallenge;
        forwarder.peers.identify(conn, requestIds);
      });
const httpsPolicy = new HttpsPolicy(reader, forwarder.peers, data.tls?.port);
const serving = new HttpServer(
  {
    metrics: counters,
    connectionMetrics: counters,
    maxConnections: data.maxConnections,
    requestIds,
    onComplete,
    ...(accessLog === undefined ? {} : { onRequestEnd }),
  },
  onRequest,
);

// TLS: the same engine behind a TLS listener, and HTTP/2 (ALPN h2) into the same handler;
// certificates by SNI (tls/secure-contexts.ts).
const h2 =
  data.tls === undefined
    ? undefined
    : new H2Server(
        { metrics: counters, requestIds, onComplete, ...(accessLog === undefined ? {} : { onRequestEnd }) },
        onRequest,
      );
const tlsConfig = data.tls;
const tls =
  tlsConfig === undefined
    ? undefined
    : startServingTls(
        tlsConfig,
        certificates,
        {
          http1: (socket) => serving.accept(socket),
          h2: (socket, covers) => h2?.accept(socket, covers),
        },
        counters,
      );

port.on('message', (message: unknown) => {
  if (isHandoverMessage(message)) {
    // Messages run between requests: no lookup is in progress while the reader switches.
    port.postMessage(ackMessage(reader.switchTo(message.handle)));
    staticSites?.tableSwitched();
    serviceIds.clear();
  } else if (isListenMessage(message)) {
    // A failure to listen ends the thread like any uncaught error: the supervisor reports it.
    void listen(message.port, message.tlsPort);
  } else if (isDrainMessage(message)) {
    void Promise.all([serving.drain(message.timeoutMs), h2?.drain(message.timeoutMs), tls?.close()])
      .then(() => Promise.all([pool.close(), externalPools?.close(), store?.close()]))
      .then(() => profile?.stop())
      .then(() => certificates?.close())
      .finally(() => port.close());
  }
});

async function listen(httpPort: number, tlsPort: number | undefined): Promise<void> {
  const address = await serving.listen(httpPort, data.host);
  const tlsAddress = tlsConfig === undefined ? undefined : await tls?.listener.listen(tlsPort ?? 0, tlsConfig.host);
  port.postMessage({ type: 'listening', port: address.port, tlsPort: tlsAddress?.port } satisfies ListeningMessage);
}

if (data.listenNow) await listen(data.port, tlsConfig?.port);
else port.postMessage({ type: 'prepared' } satisfies PreparedMessage);

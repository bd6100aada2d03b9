import { type ClientConnection, DISPATCHED_MARKER, type Forwarder, type RequestIds } from '@switchyard/http1';
import { SERVICE_ID_HEADER } from '@switchyard/router';
import type { Waiter } from './lifecycle.ts';
import type { Lifecycles } from './lifecycles.ts';
import type { ActivatorMetrics, Refusal } from './metrics.ts';
import { REFUSAL_PAGES } from './pages.ts';
import { PEER_STATUS_HEADER } from './scalers/peer-aware.ts';
import type { RunningInstance } from './scalers/scaler.ts';
import type { ServiceDirectory } from './service-directory.ts';

export interface ProxyDeps {
  directory: ServiceDirectory;
  lifecycles: Lifecycles;
  forwarder: Forwarder;
  requestIds: RequestIds;
  metrics: ActivatorMetrics;
  /** False until the first complete state from a cache. */
  isSynced: () => boolean;
  isClosing: () => boolean;
  /** With peer activators: this activator's own instance of a service, for a peer's status question. */
  peerStatus?: (serviceId: string, askerTicket: string) => string | undefined;
}

/**
 * The activator's per-request path: service id from the router's header → the service's record →
 * its lifecycle (forward now, or wait for the wake) → the engine's Forwarder to the instance
 * (upgrades become tunnels there too). The id is trusted as the router set it (routers drop any
 * X-Switchyard-* a client sends), which is why the activator must be reachable from routers only.
 */
export function createRequestHandler(deps: ProxyDeps): (conn: ClientConnection) => void {
  return (conn) => {
    if (deps.peerStatus !== undefined && conn.header(PEER_STATUS_HEADER) !== undefined) {
      answerPeerStatus(
        conn,
        deps.peerStatus(conn.header(SERVICE_ID_HEADER) ?? '', conn.header(PEER_STATUS_HEADER) ?? ''),
      );
      return;
    }
    const waiter = new RequestWaiter(conn, deps);
    const decided = refusal(conn, deps);
    if (typeof decided === 'string') waiter.refuse(decided);
    else decided.lifecycle.admit(waiter);
  };
}

/** 200 `ready`/`starting` when this activator runs the service itself (`deciding <ticket>` while it decides a wake), else 404 `none`. */
function answerPeerStatus(conn: ClientConnection, state: string | undefined): void {
  const body = Buffer.from(`${state ?? 'none'}\n`);
  conn.writeHead(state === undefined ? 404 : 200, [
    'content-type',
    'text/plain',
    'content-length',
    String(body.length),
    'cache-control',
    'no-store',
  ]);
  conn.end(body);
}

function refusal(conn: ClientConnection, deps: ProxyDeps): Refusal | { lifecycle: ReturnType<Lifecycles['for']> } {
  if (deps.isClosing()) return 'shuttingDown';
  const id = conn.header(SERVICE_ID_HEADER);
  if (id === undefined || id === '') return 'missingServiceId';
  if (!deps.isSynced()) return 'notSynced';
  const service = deps.directory.get(id);
  if (service === undefined) return 'unknownService';
  if (service.suspended) return 'suspended';
  return { lifecycle: deps.lifecycles.for(service) };
}

/**
 * A request waiting for its service. While it waits nothing reads its body: the engine stops
 * reading the socket once its input buffer is full, so a queued upload costs at most that buffer,
 * and the Forwarder streams the whole body to the instance later. An upgraded tunnel counts as in
 * flight until its connection closes.
 */
class RequestWaiter implements Waiter {
  readonly #conn: ClientConnection;
  readonly #deps: ProxyDeps;

  constructor(conn: ClientConnection, deps: ProxyDeps) {
    this.#conn = conn;
    this.#deps = deps;
  }

  proceed(instance: RunningInstance, done: () => void): void {
    const conn = this.#conn;
    if (conn.closed) {
      done();
      return;
    }
    conn.onFinished(done);
    if (conn.httpVersion !== 11) {
      this.#forward(instance);
      return;
    }
    // First the router learns that the request is leaving for an instance (an interim 102 the
    // router's engine does not relay), and only once those bytes are in the kernel does it leave:
    // a request the router sees dropped without this marker provably never reached an instance,
    // and only such a request is retried on another activator (docs/activator.md).
    conn.socket.write(DISPATCHED_MARKER, (error) => {
      if (error == null) this.#forward(instance);
    });
  }

  #forward(instance: RunningInstance): void {
    this.#deps.forwarder.forward(this.#conn, instance, instance.forwardHeaders ?? null);
  }

  refuse(refusal: Refusal): void {
    this.#deps.metrics.refuse(refusal);
    const conn = this.#conn;
    if (conn.closed || conn.headersSent) return;
    // An upgrade or a body that was never read: close rather than read the body to reuse the connection.
    conn.sendPage(REFUSAL_PAGES[refusal], this.#deps.requestIds.next(), conn.isUpgrade || conn.hasBody);
  }

  onAbandon(onGone: () => void): void {
    this.#conn.onFinished(onGone);
  }
}

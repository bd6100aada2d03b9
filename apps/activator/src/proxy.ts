import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import {
  type Forwarder,
  type RequestIds,
  SERVICE_ID_HEADER,
  sendPage,
  type Target,
  type UpgradeProxy,
  writeRawPage,
} from '@switchyard/router';
import type { Waiter } from './lifecycle.ts';
import type { Lifecycles } from './lifecycles.ts';
import type { ActivatorMetrics, Refusal } from './metrics.ts';
import { REFUSAL_PAGES } from './pages.ts';
import type { ServiceDirectory } from './service-directory.ts';

export interface ProxyDeps {
  directory: ServiceDirectory;
  lifecycles: Lifecycles;
  forwarder: Forwarder;
  upgrades: UpgradeProxy;
  requestIds: RequestIds;
  metrics: ActivatorMetrics;
  /** False until the first complete state from a cache. */
  isSynced: () => boolean;
  isClosing: () => boolean;
}

/**
 * The activator's per-request path: service id from the router's header → the service's record →
 * its lifecycle (forward now, or wait for the wake) → the router's Forwarder to the instance.
 * The id is trusted as the router set it (routers drop any X-Switchyard-* a client sends), which is
 * why the activator must be reachable from routers only.
 */
export function createRequestHandlers(deps: ProxyDeps): {
  onRequest: (req: IncomingMessage, res: ServerResponse) => void;
  onUpgrade: (req: IncomingMessage, socket: Socket, head: Buffer) => void;
} {
  const refusal = (req: IncomingMessage): Refusal | { lifecycle: ReturnType<Lifecycles['for']> } => {
    if (deps.isClosing()) return 'shuttingDown';
    const id = req.headers[SERVICE_ID_HEADER];
    if (typeof id !== 'string' || id === '') return 'missingServiceId';
    if (!deps.isSynced()) return 'notSynced';
    const service = deps.directory.get(id);
    if (service === undefined) return 'unknownService';
    if (service.suspended) return 'suspended';
    return { lifecycle: deps.lifecycles.for(service) };
  };

  return {
    onRequest(req, res) {
      const decided = refusal(req);
      const waiter = new HttpWaiter(req, res, deps);
      if (typeof decided === 'string') waiter.refuse(decided);
      else decided.lifecycle.admit(waiter);
    },
    onUpgrade(req, socket, head) {
      const decided = refusal(req);
      const waiter = new UpgradeWaiter(req, socket, head, deps);
      if (typeof decided === 'string') waiter.refuse(decided);
      else decided.lifecycle.admit(waiter);
    },
  };
}

/**
 * A plain request. While it waits nothing reads its body: Node's server stops reading the socket
 * once the request stream's buffer is full, so a queued upload costs at most that buffer, and the
 * Forwarder streams the whole body to the instance later.
 */
class HttpWaiter implements Waiter {
  readonly #req: IncomingMessage;
  readonly #res: ServerResponse;
  readonly #deps: ProxyDeps;

  constructor(req: IncomingMessage, res: ServerResponse, deps: ProxyDeps) {
    this.#req = req;
    this.#res = res;
    this.#deps = deps;
  }

  proceed(target: Target, done: () => void): void {
    if (this.#res.destroyed) {
      done();
      return;
    }
    this.#res.once('close', done);
    this.#deps.forwarder.forward(this.#req, this.#res, target);
  }

  refuse(refusal: Refusal): void {
    this.#deps.metrics.refuse(refusal);
    if (this.#res.destroyed || this.#res.headersSent) return;
    // A body that was never read: close the connection rather than read the body to reuse it.
    if (hasBody(this.#req)) this.#res.shouldKeepAlive = false;
    sendPage(this.#res, REFUSAL_PAGES[refusal], this.#deps.requestIds.next());
  }

  onAbandon(onGone: () => void): void {
    this.#res.once('close', onGone);
  }
}

function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/** An `Upgrade:` request (WebSocket): the tunnel counts as in flight until its socket closes. */
class UpgradeWaiter implements Waiter {
  readonly #req: IncomingMessage;
  readonly #socket: Socket;
  readonly #head: Buffer;
  readonly #deps: ProxyDeps;

  constructor(req: IncomingMessage, socket: Socket, head: Buffer, deps: ProxyDeps) {
    this.#req = req;
    this.#socket = socket;
    this.#head = head;
    this.#deps = deps;
  }

  proceed(target: Target, done: () => void): void {
    if (this.#socket.destroyed) {
      done();
      return;
    }
    this.#socket.once('close', done);
    this.#deps.upgrades.proxy(this.#req, this.#socket, this.#head, target, null);
  }

  refuse(refusal: Refusal): void {
    this.#deps.metrics.refuse(refusal);
    writeRawPage(this.#socket, REFUSAL_PAGES[refusal], this.#deps.requestIds.next());
  }

  onAbandon(onGone: () => void): void {
    this.#socket.once('close', onGone);
  }
}

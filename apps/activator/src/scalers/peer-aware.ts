import { request } from 'node:http';
import type { Target } from '@switchyard/http1';
import { SERVICE_ID_HEADER } from '@switchyard/router';
import type { OrphanInstance, RunningInstance, ScaledService, Scaler } from './scaler.ts';

/** Asks a peer activator whether it runs a service (`x-switchyard-peer-status: 1` + the service id). */
export const PEER_STATUS_HEADER = 'x-switchyard-peer-status';
/** Marks a request an activator forwards to the peer that runs its service. */
export const PEER_HOP_HEADER = 'x-switchyard-peer-hop';

export interface PeerAwareOptions {
  /** The other activators' serving addresses (the routers' `--activator` list; this one's own is skipped by the caller). */
  peers: readonly Target[];
  /** A peer that does not answer a status question within this long counts as not running the service. */
  statusTimeoutMs?: number;
  /** While requests go to a peer, how often it is asked whether it still runs the service. */
  statusIntervalMs?: number;
}

/** This activator's own instances: what it answers a peer's status question with. */
type LocalState = 'starting' | 'ready';

/**
 * Several activators, one instance per service. Routers send a service to its owner (rendezvous
 * hashing) and fail over to the next activator while the owner is down, so after a failover — and
 * after the owner comes back — the service may already run on another activator. Before a wake,
 * this asks every peer whether it runs (or is starting) the service: if one does, the "instance" is
 * that peer (its requests are forwarded there, marked as a peer hop), and no second instance is
 * started; otherwise the wrapped scaler starts one here. While requests go to a peer it is asked
 * every few seconds whether it still runs the service; when it stops (idle, crash, gone), the
 * service is scaled to zero here too and the next request wakes it again (here, unless a peer runs
 * it). Peers answer only for instances of their own, never for ones they forward elsewhere, so two
 * activators never forward a service to each other.
 */
export class PeerAwareScaler implements Scaler {
  readonly #inner: Scaler;
  readonly #peers: readonly Target[];
  readonly #statusTimeoutMs: number;
  readonly #statusIntervalMs: number;
  readonly #local = new Map<string, LocalState>();
  /** Instances that are a peer, and how to stop watching each. */
  readonly #delegated = new Map<RunningInstance, () => void>();
  readonly #peerInstances = new WeakSet<RunningInstance>();

  constructor(inner: Scaler, options: PeerAwareOptions) {
    this.#inner = inner;
    this.#peers = options.peers;
    this.#statusTimeoutMs = options.statusTimeoutMs ?? 1000;
    this.#statusIntervalMs = options.statusIntervalMs ?? 2000;
  }

  /** What this activator tells a peer about `serviceId`: only instances of its own. */
  localState(serviceId: string): LocalState | undefined {
    return this.#local.get(serviceId);
  }

  async wake(service: ScaledService, signal: AbortSignal): Promise<RunningInstance> {
    const peer = await this.#peerRunning(service.id);
    signal.throwIfAborted();
    if (peer !== undefined) return this.#delegate(service, peer);
    this.#local.set(service.id, 'starting');
    try {
      const instance = await this.#inner.wake(service, signal);
      this.#local.set(service.id, 'ready');
      void instance.exited?.then(() => this.#local.delete(service.id));
      return instance;
    } catch (error) {
      this.#local.delete(service.id);
      throw error;
    }
  }

  async sleep(service: ScaledService, instance: RunningInstance): Promise<void> {
    if (this.#peerInstances.has(instance)) {
      this.#delegated.get(instance)?.();
      return;
    }
    this.#local.delete(service.id);
    await this.#inner.sleep(service, instance);
  }

  async close(): Promise<void> {
    for (const stopWatching of this.#delegated.values()) stopWatching();
    this.#local.clear();
    await this.#inner.close();
  }

  recover(): Promise<OrphanInstance[]> {
    return this.#inner.recover?.() ?? Promise.resolve([]);
  }

  /** The first peer that runs or starts the service, asked all at once; undefined when none does. */
  async #peerRunning(serviceId: string): Promise<Target | undefined> {
    const answers = await Promise.all(this.#peers.map((peer) => this.#ask(peer, serviceId)));
    return this.#peers.find((_, i) => answers[i] !== undefined);
  }

  /** The requests go to `peer`; the instance "exits" when the peer no longer runs the service. */
  #delegate(service: ScaledService, peer: Target): RunningInstance {
    let timer: NodeJS.Timeout | undefined;
    let stopped = false;
    let instance: RunningInstance | undefined;
    const exited = new Promise<string>((resolve) => {
      const check = async (): Promise<void> => {
        if (stopped) return;
        if ((await this.#ask(peer, service.id)) === undefined) {
          if (instance !== undefined) this.#delegated.delete(instance);
          resolve(`peer activator ${peer.host}:${peer.port} no longer runs the service`);
          return;
        }
        if (!stopped) timer = setTimeout(check, this.#statusIntervalMs).unref();
      };
      timer = setTimeout(check, this.#statusIntervalMs).unref();
    });
    instance = {
      host: peer.host,
      port: peer.port,
      exited,
      forwardHeaders: [SERVICE_ID_HEADER, service.id, PEER_HOP_HEADER, '1'],
      detail: { peer: `${peer.host}:${peer.port}` },
    };
    this.#peerInstances.add(instance);
    this.#delegated.set(instance, () => {
      stopped = true;
      clearTimeout(timer);
      this.#delegated.delete(instance as RunningInstance);
    });
    return instance;
  }

  /** The peer's own state for the service, or undefined (not running it, or no answer in time). */
  #ask(peer: Target, serviceId: string): Promise<LocalState | undefined> {
    return new Promise((resolve) => {
      const req = request(
        {
          host: peer.host,
          port: peer.port,
          path: '/',
          headers: { host: 'activator.peer', [SERVICE_ID_HEADER]: serviceId, [PEER_STATUS_HEADER]: '1' },
          timeout: this.#statusTimeoutMs,
          agent: false,
        },
        (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            body += chunk;
          });
          res.on('end', () => {
            const state = body.trim();
            resolve(res.statusCode === 200 && (state === 'ready' || state === 'starting') ? state : undefined);
          });
          res.on('error', () => resolve(undefined));
        },
      );
      req.on('timeout', () => req.destroy());
      req.on('error', () => resolve(undefined));
      req.end();
    });
  }
}

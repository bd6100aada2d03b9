import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
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

/** A peer's answer: its own instance, a wake it is deciding on (with that decision's ticket), or nothing. */
type PeerAnswer = { state: LocalState } | { state: 'deciding'; ticket: string } | undefined;

/**
 * A wake being decided here: while this activator asks its peers, it answers their questions with
 * `deciding <ticket>`, and remembers the tickets of the peers it told so.
 */
interface Decision {
  readonly ticket: string;
  readonly told: Set<string>;
}

/** How long a wake waits for peers that are deciding the same service before it starts anyway. */
const DECIDING_PATIENCE_MS = 5_000;
const DECIDING_RECHECK_MS = 25;

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
  readonly #deciding = new Map<string, Decision>();
  /** Instances that are a peer, and how to stop watching each. */
  readonly #delegated = new Map<RunningInstance, () => void>();
  readonly #peerInstances = new WeakSet<RunningInstance>();

  constructor(inner: Scaler, options: PeerAwareOptions) {
    this.#inner = inner;
    this.#peers = options.peers;
    this.#statusTimeoutMs = options.statusTimeoutMs ?? 1000;
    this.#statusIntervalMs = options.statusIntervalMs ?? 2000;
  }

  /**
   * What this activator tells a peer about `serviceId` (the answer's body line): only instances of
   * its own, or `deciding <ticket>` while it asks its peers before a wake. `askerTicket` is the
   * asking peer's own decision ticket, when it is deciding too.
   */
  localState(serviceId: string, askerTicket = ''): string | undefined {
    const local = this.#local.get(serviceId);
    if (local !== undefined) return local;
    const decision = this.#deciding.get(serviceId);
    if (decision === undefined) return undefined;
    if (askerTicket !== '' && askerTicket !== '1') decision.told.add(askerTicket);
    return `deciding ${decision.ticket}`;
  }

  async wake(service: ScaledService, signal: AbortSignal): Promise<RunningInstance> {
    const peer = await this.#decide(service.id, signal);
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

  /**
   * The peer to forward to (it runs or starts the service), or undefined: start it here. Peers are
   * asked all at once; while they are, this activator answers their questions `deciding <ticket>`,
   * so that two wakes decided at the same moment do not both start an instance:
   * - a peer that runs or starts the service wins at once;
   * - a peer that is deciding too and was told that this one is (it asked while this one decided,
   *   and so saw `deciding` as well): both know of each other, and the lower ticket starts while
   *   the other asks again until it sees that peer `starting`;
   * - a peer that is deciding but was not told (its question came before this decision began, and
   *   got "none", or has not come yet): asked again until it starts, gives up, or asks here.
   * A peer still deciding after DECIDING_PATIENCE_MS, or not answering, counts as not running it.
   */
  async #decide(serviceId: string, signal: AbortSignal): Promise<Target | undefined> {
    const decision: Decision = { ticket: newTicket(), told: new Set() };
    this.#deciding.set(serviceId, decision);
    try {
      const giveUpAt = Date.now() + DECIDING_PATIENCE_MS;
      for (;;) {
        const answers = await Promise.all(this.#peers.map((peer) => this.#ask(peer, serviceId, decision.ticket)));
        signal.throwIfAborted();
        const running = this.#peers.find((_, i) => {
          const state = answers[i]?.state;
          return state === 'starting' || state === 'ready';
        });
        if (running !== undefined) return running;
        const waitFor = answers.some(
          (answer) =>
            answer?.state === 'deciding' && (!decision.told.has(answer.ticket) || answer.ticket < decision.ticket),
        );
        if (!waitFor || Date.now() > giveUpAt) return undefined;
        await sleep(DECIDING_RECHECK_MS, undefined, { signal }).catch(() => signal.throwIfAborted());
      }
    } finally {
      this.#deciding.delete(serviceId);
    }
  }

  /** The requests go to `peer`; the instance "exits" when the peer no longer runs the service. */
  #delegate(service: ScaledService, peer: Target): RunningInstance {
    let timer: NodeJS.Timeout | undefined;
    let stopped = false;
    let instance: RunningInstance | undefined;
    const exited = new Promise<string>((resolve) => {
      const check = async (): Promise<void> => {
        if (stopped) return;
        const answer = await this.#ask(peer, service.id);
        if (answer?.state !== 'ready' && answer?.state !== 'starting') {
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
  #ask(peer: Target, serviceId: string, ticket = '1'): Promise<PeerAnswer> {
    return new Promise((resolve) => {
      const req = request(
        {
          host: peer.host,
          port: peer.port,
          path: '/',
          headers: { host: 'activator.peer', [SERVICE_ID_HEADER]: serviceId, [PEER_STATUS_HEADER]: ticket },
          timeout: this.#statusTimeoutMs,
          agent: false,
        },
        (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            body += chunk;
          });
          res.on('end', () => resolve(res.statusCode === 200 ? parseAnswer(body.trim()) : undefined));
          res.on('error', () => resolve(undefined));
        },
      );
      req.on('timeout', () => req.destroy());
      req.on('error', () => resolve(undefined));
      req.end();
    });
  }
}

function parseAnswer(line: string): PeerAnswer {
  if (line === 'ready' || line === 'starting') return { state: line };
  const m = /^deciding (\S+)$/.exec(line);
  return m === null ? undefined : { state: 'deciding', ticket: m[1] as string };
}

/** A decision's ticket: ordered by time first (the earlier decision wins a tie), then at random. */
function newTicket(): string {
  return `${Date.now().toString(36).padStart(9, '0')}.${randomBytes(6).toString('hex')}`;
}

import { parseAddress, parseEndpoints } from '@switchyard/config';
import type { Target } from '@switchyard/http1';
import {
  KIND_STATIC,
  MATCH_EXACT,
  MATCH_WILDCARD,
  MISS,
  PLAN_FREE,
  type RouteTableReader,
  STATE_SUSPENDED,
} from '@switchyard/route-table';
import { ActivatorPicker } from './activator-picker.ts';
import { DECISION_NAMES, Decision, type DecisionCode } from './decisions.ts';

/** The header that tells the activator which service a request is for. */
export const SERVICE_ID_HEADER = 'x-switchyard-service-id';

/** Parses `HOST:PORT` (IPv6 as `[::1]:PORT`) into a Target. */
export function parseTarget(address: string): Target {
  return parseAddress(address, 'upstream address');
}

/** `--activator`: one `HOST:PORT` or several, comma-separated; none when undefined or empty. */
export function parseActivators(list: string | undefined): Target[] {
  if (list === undefined) return [];
  return parseEndpoints(
    list.split(',').filter((a) => a.trim() !== ''),
    '--activator',
  );
}

/**
 * Decides where a request goes: lookup, then the routing table of DESIGN.md ("Routing
 * decisions"). One per serving thread. `decide()` leaves its answer in fields (no result
 * object per request): `record` and, for forwarded decisions, `target`.
 */
export class RouteDecider {
  readonly #reader: RouteTableReader;
  readonly #activators: ActivatorPicker;
  readonly #instances: InstancePicker;
  /** The service id of the last free service decided (its activator header; its activator order). */
  #freeServiceId = '';
  /** The record reference of the last decide(), or MISS. Valid until the reader switches tables. */
  record = MISS;
  /** Where to forward, for Decision.instance and Decision.activator. */
  target: Target | undefined;

  constructor(reader: RouteTableReader, activators: readonly Target[], cooldownMs: number) {
    this.#reader = reader;
    this.#activators = new ActivatorPicker(activators, cooldownMs);
    this.#instances = new InstancePicker(cooldownMs);
  }

  get instances(): InstancePicker {
    return this.#instances;
  }

  get activators(): ActivatorPicker {
    return this.#activators;
  }

  decide(host: string): DecisionCode {
    const reader = this.#reader;
    const record = reader.lookup(host);
    this.record = record;
    this.target = undefined;
    this.#freeServiceId = '';
    if (record === MISS) return Decision.noRoute;
    if (reader.state(record) === STATE_SUSPENDED) return Decision.suspended;
    if (reader.kind(record) === KIND_STATIC) return Decision.static;
    if (reader.plan(record) === PLAN_FREE) {
      if (this.#activators.targets.length === 0) return Decision.noInstance;
      this.#freeServiceId = reader.serviceId(record);
      this.target = this.#activators.pick(this.#freeServiceId);
      return Decision.activator;
    }
    this.target = this.#instances.pick(reader, record);
    return this.target === undefined ? Decision.noInstance : Decision.instance;
  }

  /** The service id of the last decided record (allocates, except after an activator decision). */
  serviceId(): string {
    return this.#freeServiceId !== '' ? this.#freeServiceId : this.#reader.serviceId(this.record);
  }

  /** A readable account of decide(host): for `/debug/route`. */
  explain(host: string): RouteExplanation {
    const decision = this.decide(host);
    const reader = this.#reader;
    const record = this.record;
    const explanation: RouteExplanation = {
      host,
      match:
        record === MISS
          ? 'none'
          : reader.matched === MATCH_EXACT
            ? 'exact'
            : reader.matched === MATCH_WILDCARD
              ? 'wildcard'
              : 'none',
      decision: DECISION_NAMES[decision] as string,
      why: WHY[decision] as string,
    };
    if (record !== MISS) {
      const instances = [];
      for (let i = 0; i < reader.instanceCount(record); i++) {
        instances.push({
          host: reader.instanceHost(record, i),
          port: reader.instancePort(record, i),
          ready: reader.instanceReady(record, i),
        });
      }
      explanation.record = {
        serviceId: reader.serviceId(record),
        kind: reader.kind(record) === KIND_STATIC ? 'static' : 'web',
        plan: reader.plan(record) === PLAN_FREE ? 'free' : 'paid',
        state: reader.state(record) === STATE_SUSPENDED ? 'suspended' : 'active',
        version: reader.version(record),
        activeBuildId: reader.activeBuildId(record),
        httpsRedirect: reader.httpsRedirect(record),
        hsts: reader.hsts(record),
        instances,
      };
    }
    if (this.target !== undefined) explanation.target = `${this.target.host}:${this.target.port}`;
    if (decision === Decision.activator) {
      const id = reader.serviceId(record);
      explanation.headers = { [SERVICE_ID_HEADER]: id };
      if (this.#activators.targets.length > 1) {
        explanation.activatorOrder = this.#activators.order(id).map((t) => `${t.host}:${t.port}`);
      }
    }
    return explanation;
  }
}

const WHY: Record<DecisionCode, string> = {
  [Decision.instance]:
    'paid web service: its ready instances in turn (round-robin), skipping any that refused, dropped or timed out a request recently',
  [Decision.activator]:
    'free web service: sent to its activator (several: the first one up in its rendezvous-hash order), which wakes it and proxies, with the service id in a header',
  [Decision.noRoute]: 'no service has this hostname (exact or one-level wildcard): 404',
  [Decision.suspended]: 'the service is suspended: 503',
  [Decision.noInstance]: 'web service with no ready instance (or free with no --activator configured): 503',
  [Decision.static]:
    "static site: the active build's files from object storage, after its redirect/rewrite rules (503 when the router has no --static-store)",
  [Decision.acmeChallenge]:
    'an ACME HTTP-01 challenge in progress for this hostname (/.well-known/acme-challenge/<token>): answered by the router, before routing',
};

export interface RouteExplanation {
  host: string;
  match: 'exact' | 'wildcard' | 'none';
  decision: string;
  why: string;
  record?: {
    serviceId: string;
    kind: 'web' | 'static';
    plan: 'free' | 'paid';
    state: 'active' | 'suspended';
    version: number;
    activeBuildId: string;
    httpsRedirect: boolean;
    hsts: string;
    instances: { host: string; port: number; ready: boolean }[];
  };
  target?: string;
  headers?: Record<string, string>;
  /** Several activators: the order this service tries them in (rendezvous hashing); the first one up owns it. */
  activatorOrder?: string[];
}

/** Turn-taking state is dropped past this many services, so the map stays bounded. */
const MAX_TRACKED_SERVICES = 100_000;

/**
 * Round-robin over a service's ready instances, skipping for a while an instance that refused
 * a connection. Per serving thread; keyed by record reference (a new record version simply
 * restarts the rotation).
 */
export class InstancePicker {
  readonly #cooldownMs: number;
  readonly #turn = new Map<number, number>();
  readonly #downUntil = new Map<string, number>();
  readonly #targets = new Map<string, Target>();

  constructor(cooldownMs: number) {
    this.#cooldownMs = cooldownMs;
  }

  /** The next ready instance, preferring ones not in cooldown; undefined when none is ready. */
  pick(reader: RouteTableReader, record: number, exclude?: Target): Target | undefined {
    const count = reader.instanceCount(record);
    if (count === 0) return undefined;
    const turn = this.#turn.get(record) ?? 0;
    if (this.#turn.size >= MAX_TRACKED_SERVICES) this.#turn.clear();
    this.#turn.set(record, turn + 1);
    const checkDown = this.#downUntil.size > 0;
    const now = checkDown ? Date.now() : 0;
    let fallback: Target | undefined;
    for (let i = 0; i < count; i++) {
      const index = (turn + i) % count;
      if (!reader.instanceReady(record, index)) continue;
      const target = this.#target(reader.instanceHost(record, index), reader.instancePort(record, index));
      if (target === exclude) continue;
      if (checkDown) {
        const until = this.#downUntil.get(`${target.host}:${target.port}`);
        if (until !== undefined) {
          if (until > now) {
            fallback ??= target;
            continue;
          }
          this.#downUntil.delete(`${target.host}:${target.port}`);
        }
      }
      return target;
    }
    return fallback;
  }

  /** `target` refused or dropped a connection, or timed out: skip it for the cooldown. */
  markDown(target: Target): void {
    this.#downUntil.set(`${target.host}:${target.port}`, Date.now() + this.#cooldownMs);
  }

  /** One Target object per endpoint, so the forwarder's retry can compare identities. */
  #target(host: string, port: number): Target {
    const key = `${host}:${port}`;
    let target = this.#targets.get(key);
    if (target === undefined) {
      if (this.#targets.size >= MAX_TRACKED_SERVICES) this.#targets.clear();
      target = { host, port };
      this.#targets.set(key, target);
    }
    return target;
  }
}

import type { NextTarget, Target } from '@switchyard/http1';

/**
 * Which activator a free service's requests go to, when there are several: rendezvous (highest
 * random weight) hashing of the service id over the activators. Every router computes the same
 * order from the same `--activator` list, so all of them send a service to the same activator — its
 * owner, the only one that wakes it — and a service moves only when its owner is down (adding or
 * removing an activator moves only the services it gains or had). An activator that refused a
 * connection, or dropped one before answering, is skipped for the cooldown: its services go to the
 * next in their own order, and come back when it answers again. One per serving thread.
 */
export class ActivatorPicker {
  readonly targets: readonly Target[];
  readonly #seeds: Uint32Array;
  readonly #cooldownMs: number;
  readonly #downUntil: Float64Array;

  constructor(targets: readonly Target[], cooldownMs: number) {
    this.targets = targets;
    this.#seeds = Uint32Array.from(targets, (t) => fnv1a(`${t.host}:${t.port}`, 0x811c9dc5));
    this.#downUntil = new Float64Array(targets.length);
    this.#cooldownMs = cooldownMs;
  }

  /** The owner of `serviceId` among the activators not in cooldown (the top one if all are). */
  pick(serviceId: string): Target | undefined {
    return this.#best(fnv1a(serviceId, 0x811c9dc5), undefined);
  }

  /**
   * The forwarder's retry after a connection-level failure of an idempotent request that got no
   * response byte (the activator was down, or died with the request queued): the failed one is put
   * in cooldown, the next activator in the service's order is tried, each at most once.
   */
  retry(serviceId: string): NextTarget {
    const hash = fnv1a(serviceId, 0x811c9dc5);
    const tried = new Set<Target>();
    return (failed: Target): Target | undefined => {
      this.markDown(failed);
      tried.add(failed);
      return this.#best(hash, tried);
    };
  }

  markDown(target: Target): void {
    const i = this.targets.indexOf(target);
    if (i >= 0) this.#downUntil[i] = Date.now() + this.#cooldownMs;
  }

  /** Activators in the order `serviceId` tries them (for /debug/route). */
  order(serviceId: string): Target[] {
    const hash = fnv1a(serviceId, 0x811c9dc5);
    return this.targets
      .map((target, i) => ({ target, score: score(hash, this.#seeds[i] as number) }))
      .sort((a, b) => b.score - a.score)
      .map((s) => s.target);
  }

  #best(hash: number, exclude: Set<Target> | undefined): Target | undefined {
    const targets = this.targets;
    const now = Date.now();
    let best = -1;
    let bestScore = -1;
    let fallback = -1;
    let fallbackScore = -1;
    for (let i = 0; i < targets.length; i++) {
      if (exclude?.has(targets[i] as Target)) continue;
      const s = score(hash, this.#seeds[i] as number);
      if ((this.#downUntil[i] as number) > now) {
        if (s > fallbackScore) {
          fallback = i;
          fallbackScore = s;
        }
      } else if (s > bestScore) {
        best = i;
        bestScore = s;
      }
    }
    const index = best >= 0 ? best : fallback;
    return index >= 0 ? targets[index] : undefined;
  }
}

/** FNV-1a over the string's UTF-16 code units, 32 bits. */
function fnv1a(text: string, seed: number): number {
  let h = seed;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The weight of (service, activator): the two hashes mixed (murmur3's finaliser), unsigned. */
function score(serviceHash: number, activatorSeed: number): number {
  let h = (serviceHash ^ activatorSeed) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

// A plain-Map model of the route table's semantics, and record/hostname generators for tests.
import type { RouteDelta, ServiceRecord } from '../src/index.ts';

/** Mulberry32: small, seeded, good enough for test data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function normalize(host: string): string {
  let end = host.indexOf(':');
  if (end < 0) end = host.length;
  let out = host.slice(0, end);
  if (out.endsWith('.')) out = out.slice(0, -1);
  return out.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

export class RouteModel {
  readonly services = new Map<string, ServiceRecord>();
  private readonly claimed = new Map<string, string[]>();
  readonly owner = new Map<string, string>();

  apply(delta: RouteDelta): void {
    const byId = new Map<string, ServiceRecord>();
    for (const record of delta.upserts ?? []) byId.set(record.id, record);
    const previous = new Map<string, string[]>();
    for (const [id, record] of byId) {
      previous.set(id, this.claimed.get(id) ?? []);
      this.services.set(id, record);
      this.claimed.set(id, [...new Set(record.hostnames.map(normalize))]);
    }
    for (const [id] of byId) for (const hostname of this.claimed.get(id) ?? []) this.owner.set(hostname, id);
    for (const [id] of byId) {
      const kept = new Set(this.claimed.get(id));
      for (const hostname of previous.get(id) ?? []) {
        if (!kept.has(hostname) && this.owner.get(hostname) === id) this.owner.delete(hostname);
      }
    }
    for (const id of delta.removedIds ?? []) {
      if (!this.services.has(id)) continue;
      for (const hostname of this.claimed.get(id) ?? [])
        if (this.owner.get(hostname) === id) this.owner.delete(hostname);
      this.services.delete(id);
      this.claimed.delete(id);
    }
  }

  /** The service a Host value routes to, and how it matched. */
  lookup(host: string): { id: string; wildcard: boolean } | undefined {
    const name = normalize(host);
    if (name.length === 0 || name.length > 253 || name.includes('*')) return undefined;
    const exact = this.owner.get(name);
    if (exact !== undefined) return { id: exact, wildcard: false };
    const dot = name.indexOf('.');
    if (dot <= 0) return undefined;
    const parent = this.owner.get(`*${name.slice(dot)}`);
    return parent === undefined ? undefined : { id: parent, wildcard: true };
  }
}

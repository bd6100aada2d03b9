import { type Delta, Plan, type Service, ServiceKind, ServiceState } from '@switchyard/proto';
import type { SyncSink } from '@switchyard/router';

/** What the activator knows of a free web service, from the Watch stream. */
export interface FreeService {
  readonly id: string;
  readonly name: string;
  readonly suspended: boolean;
  readonly scalerRef: string;
  readonly version: number;
}

/** Called when a service the activator served stops being one it may serve (why: for logs and pages). */
export type OnRetired = (id: string, why: string) => void;

/**
 * The SyncSink of the activator: free web services by id, from a cache's Watch stream (snapshot,
 * then deltas). Only these reach the activator; everything else is the router's. A service that
 * leaves the set — plan changed to paid, suspended, kind changed, deleted or moved out of the
 * region — is reported through `onRetired` so that its instance is scaled down.
 */
export class ServiceDirectory implements SyncSink {
  #services = new Map<string, FreeService>();
  #fresh: Map<string, FreeService> | undefined;
  readonly #onRetired: OnRetired;

  constructor(onRetired: OnRetired) {
    this.#onRetired = onRetired;
  }

  get size(): number {
    return this.#services.size;
  }

  get(id: string): FreeService | undefined {
    return this.#services.get(id);
  }

  all(): IterableIterator<FreeService> {
    return this.#services.values();
  }

  beginSnapshot(): void {
    this.#fresh = new Map();
  }

  addBatch(services: Service[]): void {
    const fresh = this.#fresh;
    if (fresh === undefined) return;
    for (const record of services) {
      const service = toFreeService(record);
      if (service !== undefined) fresh.set(service.id, service);
    }
  }

  endSnapshot(): void {
    const fresh = this.#fresh;
    if (fresh === undefined) return;
    this.#fresh = undefined;
    const previous = this.#services;
    this.#services = fresh;
    for (const old of previous.values()) this.#reportIfRetired(old, fresh.get(old.id), 'not in the new snapshot');
  }

  abortSnapshot(): void {
    this.#fresh = undefined;
  }

  applyDelta(delta: Delta): void {
    for (const record of delta.upserts ?? []) {
      const id = record.id ?? '';
      const previous = this.#services.get(id);
      const service = toFreeService(record);
      if (service === undefined) this.#services.delete(id);
      else this.#services.set(id, service);
      if (previous !== undefined) this.#reportIfRetired(previous, service, whyNotFree(record));
    }
    for (const id of delta.removedIds ?? []) {
      const previous = this.#services.get(id);
      this.#services.delete(id);
      if (previous !== undefined) this.#reportIfRetired(previous, undefined, 'deleted or moved out of the region');
    }
  }

  #reportIfRetired(previous: FreeService, now: FreeService | undefined, why: string): void {
    if (previous.suspended) return; // was not served already
    if (now === undefined) this.#onRetired(previous.id, why);
    else if (now.suspended) this.#onRetired(previous.id, 'suspended');
  }
}

function toFreeService(record: Service): FreeService | undefined {
  if (record.kind !== ServiceKind.SERVICE_KIND_WEB || record.plan !== Plan.PLAN_FREE || !record.id) return undefined;
  return {
    id: record.id,
    name: record.name ?? '',
    suspended: record.state === ServiceState.SERVICE_STATE_SUSPENDED,
    scalerRef: record.scalerRef ?? '',
    version: Number(record.version ?? 0),
  };
}

function whyNotFree(record: Service): string {
  if (record.plan === Plan.PLAN_PAID) return 'plan changed to paid';
  if (record.kind !== ServiceKind.SERVICE_KIND_WEB) return 'no longer a web service';
  return 'no longer a free web service';
}

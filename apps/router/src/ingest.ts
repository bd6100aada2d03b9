// Turning decoded services into route-table records, shared by the main thread (deltas, the
// state dir, `--ingest-threads 0`) and the ingest pool's threads (snapshots).
import { type Service, v1 } from '@switchyard/proto';
import {
  RouteTableError,
  type RouteTableSizing,
  type RouteTableWriter,
  type ServiceRecord,
} from '@switchyard/route-table';

/** A record the table refused (invalid hostname, unknown enum value, too large). */
export interface Rejection {
  readonly serviceId: string;
  readonly reason: string;
}

/**
 * Applies a batch in one go; if the table refuses it (one bad record fails the whole call and
 * leaves the table untouched), applies the records one by one and skips the bad ones. Returns
 * the rejected records; `onApplied` sees every service that made it into the table.
 */
export function upsertServices(
  writer: RouteTableWriter,
  services: readonly Service[],
  onApplied?: (service: Service) => void,
): Rejection[] {
  if (services.length === 0) return [];
  const converted: ServiceRecord[] = [];
  for (const service of services) converted.push(toTableRecord(service));
  try {
    writer.apply({ upserts: converted });
    if (onApplied) for (const service of services) onApplied(service);
    return [];
  } catch (error) {
    if (!(error instanceof RouteTableError)) throw error;
  }
  const rejected: Rejection[] = [];
  for (let i = 0; i < converted.length; i++) {
    const service = services[i] as Service;
    try {
      writer.apply({ upserts: [converted[i] as ServiceRecord] });
      onApplied?.(service);
    } catch (error) {
      if (!(error instanceof RouteTableError)) throw error;
      // A record the table refuses must not leave an older version of it routable.
      if (writer.hasService(service.id as string)) writer.apply({ removedIds: [service.id as string] });
      rejected.push({ serviceId: service.id as string, reason: error.message });
    }
  }
  return rejected;
}

/**
 * Table sizing for `total` services, extrapolated from a sample (the first batch): hostnames per
 * service and arena bytes per service (record, its cell, key entries, strings), with headroom.
 */
export function sizingFor(sample: readonly Service[], total: number): RouteTableSizing {
  let hostnames = 0;
  let bytes = 0;
  for (const service of sample) {
    const names = service.hostnames ?? [];
    hostnames += names.length;
    bytes += 80 + (service.id?.length ?? 0);
    for (const name of names) bytes += 24 + name.length;
    for (const instance of service.instances ?? []) bytes += 8 + (instance.host?.length ?? 0);
    if (service.staticSite) bytes += 64 + (service.staticSite.activeBuildId?.length ?? 0);
  }
  const scale = Math.max(total, sample.length, 1) / Math.max(sample.length, 1);
  return {
    services: Math.max(total, sample.length),
    hostnames: Math.ceil(hostnames * scale),
    arenaBytes: Math.ceil(bytes * scale * ARENA_HEADROOM),
  };
}

/** Room for the records a sample did not show (longer names, more instances) and later deltas. */
const ARENA_HEADROOM = 1.3;

/**
 * A decoded `switchyard.routing.v1.Service` → the route table's record. The enum values carry
 * over, and a decoded web service already has every field the table reads (protobufjs puts the
 * defaults on the prototype), so it is passed as it is: no copy per record during a snapshot.
 */
export function toTableRecord(service: Service): ServiceRecord {
  const staticSite = service.staticSite;
  const hsts = service.hsts;
  if (!staticSite && !hsts && service.hostnames) return service as ServiceRecord;
  return {
    id: service.id ?? '',
    kind: service.kind ?? 0,
    plan: service.plan ?? 0,
    state: service.state ?? 0,
    version: service.version ?? 0,
    hostnames: service.hostnames ?? [],
    instances: service.instances as ServiceRecord['instances'],
    activeBuildId: staticSite?.activeBuildId ?? '',
    // The static path (a later issue) reads its rules from here without another lookup.
    blob: staticSite ? v1.StaticSite.encode(staticSite).finish() : undefined,
    httpsRedirect: service.httpsRedirect === true,
    ...(hsts ? { hstsHeader: hstsHeader(hsts) } : {}),
  };
}

/** RFC 6797 §6.1: `max-age=N[; includeSubDomains][; preload]`. */
export function hstsHeader(hsts: NonNullable<Service['hsts']>): string {
  let value = `max-age=${hsts.maxAgeSeconds ?? 0}`;
  if (hsts.includeSubdomains) value += '; includeSubDomains';
  if (hsts.preload) value += '; preload';
  return value;
}

/** Services as an encoded WatchEvent carrying a ServiceBatch (what decodeServiceBatch reads). */
export function encodeServiceBatch(services: readonly Service[]): Uint8Array {
  return v1.WatchEvent.encode({ serviceBatch: { services: [...services] } }).finish();
}

/** The services of an encoded WatchEvent carrying a ServiceBatch (see sync-client.ts). */
export function decodeServiceBatch(bytes: Uint8Array): Service[] {
  return v1.WatchEvent.decode(bytes).serviceBatch?.services ?? [];
}

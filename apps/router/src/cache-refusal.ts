import { type Metadata, status } from '@grpc/grpc-js';

/**
 * A cache that refuses a client for its configuration — not a cache that is down. Retrying does not
 * help until someone changes a flag or a file, so the client says what is wrong and how to fix it
 * (error log, `/readyz`, `switchyard status`) instead of only reconnecting quietly.
 */
export type RefusalKind = 'token' | 'region' | 'protocol';

export interface CacheRefusal {
  readonly kind: RefusalKind;
  /** `HOST:PORT` of the cache that refused. */
  readonly cache: string;
  /** What is wrong, in one sentence. */
  readonly message: string;
  /** How to fix it. */
  readonly fix: string;
  /** Unix ms of the latest refusal. */
  readonly atMs: number;
}

/** Trailing metadata a cache sends with a region refusal: the region it serves. */
export const CACHE_REGION_METADATA = 'switchyard-cache-region';

export interface RefusalContext {
  readonly cache: string;
  /** The region this client asked for. */
  readonly region: string;
  /** Whether a bearer token was sent. */
  readonly tokenSent: boolean;
  readonly nowMs?: number;
}

/** The refusal a Watch error stands for, or undefined for an ordinary failure (down, cut, behind, …). */
export function classifyRefusal(
  error: { code?: number; details?: string; metadata?: Metadata },
  context: RefusalContext,
): CacheRefusal | undefined {
  const { cache, region } = context;
  const atMs = context.nowMs ?? Date.now();
  const details = error.details ?? '';
  switch (error.code) {
    case status.UNAUTHENTICATED:
    case status.PERMISSION_DENIED:
      return {
        kind: 'token',
        cache,
        atMs,
        message: context.tokenSent
          ? `cache ${cache} refused our bearer token (${details || 'unauthenticated'})`
          : `cache ${cache} requires a bearer token and none was sent (${details || 'unauthenticated'})`,
        fix: context.tokenSent
          ? "make --cache-token-file hold the caches' token (caches read theirs at start: after a rotation, restart " +
            'the caches or this process; docs/operations.md, "Rotate the cache token")'
          : "pass --cache-token-file with the caches' token (SWITCHYARD_CACHE_TOKEN_FILE)",
      };
    case status.INVALID_ARGUMENT: {
      if (!/region/i.test(details)) return undefined;
      const served = error.metadata?.get(CACHE_REGION_METADATA)[0]?.toString();
      const theirs = served === undefined ? 'another region' : `region "${served}"`;
      return {
        kind: 'region',
        cache,
        atMs,
        message: `cache ${cache} serves ${theirs}, not region "${region}" that this process asks for`,
        fix:
          served === undefined
            ? `set --region (SWITCHYARD_REGION) to the caches' region, or point --caches at region "${region}"'s caches`
            : `set --region ${served} (SWITCHYARD_REGION), or point --caches at region "${region}"'s caches`,
      };
    }
    case status.UNIMPLEMENTED:
      return {
        kind: 'protocol',
        cache,
        atMs,
        message:
          `${cache} does not implement switchyard.routing.v1.RouteCache/Watch (${details || 'unimplemented'}): ` +
          'it is not a Switchyard cache, or one speaking another protocol version',
        fix: '--caches must name the gRPC address (not the admin port) of cache servers of a release speaking switchyard.routing.v1',
      };
    default:
      return undefined;
  }
}

/** One line for a log, /readyz or `switchyard status`. */
export function describeRefusal(refusal: CacheRefusal): string {
  return `${refusal.message}; fix: ${refusal.fix}`;
}

/**
 * Logs refusals loudly without flooding: the first refusal of each cache and kind at once, then at
 * most one per `everyMs` for it while it goes on.
 */
export function refusalReporter(
  log: (refusal: CacheRefusal) => void,
  everyMs = 60_000,
): (refusal: CacheRefusal) => void {
  const last = new Map<string, number>();
  return (refusal) => {
    const key = `${refusal.cache} ${refusal.kind}`;
    const at = last.get(key);
    if (at !== undefined && refusal.atMs - at < everyMs) return;
    last.set(key, refusal.atMs);
    log(refusal);
  };
}

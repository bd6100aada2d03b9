import {
  type handleServerStreamingCall,
  type handleUnaryCall,
  Metadata,
  type ServerErrorResponse,
  status,
} from '@grpc/grpc-js';
import type { GetServicesRequest, GetServicesResponse, Service, WatchRequest } from '@switchyard/proto';
import type { Logger } from '@switchyard/telemetry';
import type { BearerAuth } from './auth.ts';
import type { CacheMetrics } from './metrics.ts';
import type { RouteState } from './state.ts';
import { decodeRecord } from './stored-record.ts';
import { Subscriber, type SubscriberHub, type SubscriberOptions } from './subscriber.ts';

export const MAX_GET_SERVICES_IDS = 1000;

/** Trailing metadata of a region refusal: the region this cache serves. */
export const CACHE_REGION_METADATA = 'switchyard-cache-region';

export interface WatchServiceDeps {
  region: string;
  state: RouteState;
  hub: SubscriberHub;
  /** Reads the changelog now and waits until the state reaches `version`; false if it could not in time. */
  catchUp(version: number, timeoutMs: number): Promise<boolean>;
  catchUpTimeoutMs: number;
  subscriber: SubscriberOptions;
  auth: BearerAuth | undefined;
  metrics: CacheMetrics;
  logger: Logger;
}

function error(code: status, details: string): Partial<ServerErrorResponse> {
  return { code, details };
}

/** The RouteCache handlers: Watch (snapshot or resume, then deltas) and GetServices. */
export function createWatchService(deps: WatchServiceDeps): {
  watch: handleServerStreamingCall<WatchRequest, Buffer>;
  getServices: handleUnaryCall<GetServicesRequest, GetServicesResponse>;
} {
  const { state, logger } = deps;

  /** Auth and readiness, shared by both methods; returns the reason to refuse, if any. */
  const refuse = (metadata: Metadata): Partial<ServerErrorResponse> | undefined => {
    if (deps.auth && !deps.auth.allows(metadata)) {
      return error(status.UNAUTHENTICATED, 'missing or wrong bearer token in the authorization metadata');
    }
    if (!state.loaded) return error(status.UNAVAILABLE, 'the cache has not finished its initial load');
    return undefined;
  };

  const watch: handleServerStreamingCall<WatchRequest, Buffer> = async (call) => {
    const request = call.request;
    const clientId = request.clientId || 'anonymous';
    const peer = call.getPeer();
    const refusal = refuse(call.metadata);
    if (refusal) {
      if (refusal.code === status.UNAUTHENTICATED) logger.warn({ peer, clientId }, 'watch refused: unauthenticated');
      call.emit('error', refusal);
      return;
    }
    const region = request.region ?? '';
    if (region !== '' && region !== deps.region) {
      logger.warn({ peer, clientId, region }, 'watch refused: another region');
      // The region served, as metadata too: the client names it in its error (see the router's cache-refusal.ts).
      const metadata = new Metadata();
      metadata.set(CACHE_REGION_METADATA, deps.region);
      call.emit('error', {
        ...error(
          status.INVALID_ARGUMENT,
          `WatchRequest.region "${region}" is not served here: this cache serves region "${deps.region}" (or send "")`,
        ),
        metadata,
      });
      return;
    }
    const fromVersion = Number(request.fromVersion ?? 0);
    if (!Number.isSafeInteger(fromVersion) || fromVersion < 0) {
      call.emit(
        'error',
        error(status.INVALID_ARGUMENT, `WatchRequest.from_version ${String(request.fromVersion)} is out of range`),
      );
      return;
    }
    if (fromVersion > state.version) {
      const caughtUp = await deps.catchUp(fromVersion, deps.catchUpTimeoutMs);
      if (call.cancelled) return;
      if (!caughtUp) {
        logger.warn({ clientId, fromVersion, version: state.version }, 'watch refused: cache behind the client');
        call.emit(
          'error',
          error(
            status.UNAVAILABLE,
            `this cache is at version ${state.version}, behind from_version ${fromVersion}, and could not catch up ` +
              `within ${deps.catchUpTimeoutMs} ms; try another cache`,
          ),
        );
        return;
      }
    }

    const subscriber = new Subscriber({
      stream: call,
      clientId,
      peer,
      fromVersion,
      state,
      snapshots: deps.hub,
      options: deps.subscriber,
      metrics: deps.metrics,
      logger,
      onClose: (s) => {
        deps.hub.remove(s);
        logger.info({ clientId, peer }, 'subscriber disconnected');
      },
    });
    call.on('cancelled', () => subscriber.detach());
    call.on('close', () => subscriber.detach());
    call.on('error', () => subscriber.detach());
    logger.info({ clientId, peer, fromVersion, version: state.version }, 'subscriber connected');
    deps.hub.add(subscriber);
  };

  const getServices: handleUnaryCall<GetServicesRequest, GetServicesResponse> = (call, callback) => {
    const refusal = refuse(call.metadata);
    if (refusal) return callback(refusal);
    const ids = call.request.ids ?? [];
    if (ids.length > MAX_GET_SERVICES_IDS) {
      return callback(
        error(
          status.INVALID_ARGUMENT,
          `GetServicesRequest.ids holds ${ids.length} ids; at most ${MAX_GET_SERVICES_IDS}`,
        ),
      );
    }
    const services: Service[] = [];
    const missingIds: string[] = [];
    for (const id of ids) {
      const record = state.records.get(id.toLowerCase());
      if (record) services.push(decodeRecord(record));
      else missingIds.push(id);
    }
    callback(null, { services, missingIds, version: state.version });
  };

  return { watch, getServices };
}

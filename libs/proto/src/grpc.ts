// grpc-js service definition for switchyard.routing.v1.RouteCache, using the generated codecs.
import './runtime.ts';
import {
  type handleServerStreamingCall,
  type handleUnaryCall,
  makeGenericClientConstructor,
  type ServiceDefinition,
  type UntypedServiceImplementation,
} from '@grpc/grpc-js';
import { switchyard } from '../generated/routing.js';

const pb = switchyard.routing.v1;
type WatchRequest = switchyard.routing.v1.WatchRequest.$Properties;
type WatchEvent = switchyard.routing.v1.WatchEvent.$Properties;
type GetServicesRequest = switchyard.routing.v1.GetServicesRequest.$Properties;
type GetServicesResponse = switchyard.routing.v1.GetServicesResponse.$Properties;
type WatchCertificatesRequest = switchyard.routing.v1.WatchCertificatesRequest.$Properties;
type CertificateEvent = switchyard.routing.v1.CertificateEvent.$Properties;

const PRE_ENCODED = Symbol('switchyard.preEncoded');

/** A WatchEvent already serialised once, written as-is to any number of streams. */
export interface PreEncoded {
  readonly [PRE_ENCODED]: true;
  readonly bytes: Buffer;
}

/** Encodes an event once so that the same bytes can be written to every subscriber. */
export function preEncoded(event: WatchEvent): PreEncoded {
  return { [PRE_ENCODED]: true, bytes: Buffer.from(pb.WatchEvent.encode(event).finish()) };
}

function isPreEncoded(value: unknown): value is PreEncoded {
  return typeof value === 'object' && value !== null && PRE_ENCODED in value;
}

function serializeEvent(event: WatchEvent | PreEncoded): Buffer {
  if (isPreEncoded(event)) return event.bytes;
  const bytes = pb.WatchEvent.encode(event).finish();
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function encoder<T>(codec: { encode(message: T): { finish(): Uint8Array } }) {
  return (message: T): Buffer => {
    const bytes = codec.encode(message).finish();
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  };
}

export const routeCacheService = {
  watch: {
    path: '/switchyard.routing.v1.RouteCache/Watch',
    requestStream: false,
    responseStream: true,
    requestSerialize: encoder<WatchRequest>(pb.WatchRequest),
    requestDeserialize: (bytes: Buffer) => pb.WatchRequest.decode(bytes),
    responseSerialize: serializeEvent,
    responseDeserialize: (bytes: Buffer) => pb.WatchEvent.decode(bytes),
  },
  getServices: {
    path: '/switchyard.routing.v1.RouteCache/GetServices',
    requestStream: false,
    responseStream: false,
    requestSerialize: encoder<GetServicesRequest>(pb.GetServicesRequest),
    requestDeserialize: (bytes: Buffer) => pb.GetServicesRequest.decode(bytes),
    responseSerialize: encoder<GetServicesResponse>(pb.GetServicesResponse),
    responseDeserialize: (bytes: Buffer) => pb.GetServicesResponse.decode(bytes),
  },
  watchCertificates: {
    path: '/switchyard.routing.v1.RouteCache/WatchCertificates',
    requestStream: false,
    responseStream: true,
    requestSerialize: encoder<WatchCertificatesRequest>(pb.WatchCertificatesRequest),
    requestDeserialize: (bytes: Buffer) => pb.WatchCertificatesRequest.decode(bytes),
    responseSerialize: (event: CertificateEvent | Buffer): Buffer =>
      Buffer.isBuffer(event) ? event : encoder<CertificateEvent>(pb.CertificateEvent)(event),
    responseDeserialize: (bytes: Buffer) => pb.CertificateEvent.decode(bytes),
  },
} satisfies ServiceDefinition;

/** What a cache server implements. Watch may write plain events or `preEncoded` ones. */
export interface RouteCacheServer extends UntypedServiceImplementation {
  watch: handleServerStreamingCall<WatchRequest, WatchEvent | PreEncoded>;
  getServices: handleUnaryCall<GetServicesRequest, GetServicesResponse>;
  /** Certificate events, plain or already encoded (one encoding per delta for every subscriber). */
  watchCertificates: handleServerStreamingCall<WatchCertificatesRequest, CertificateEvent | Buffer>;
}

/** A typed client constructor: `new RouteCacheClient(address, credentials, options)`. */
export const RouteCacheClient = makeGenericClientConstructor(routeCacheService, 'RouteCache');

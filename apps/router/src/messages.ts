import type { MessagePort } from 'node:worker_threads';
import type { S3Options } from '@switchyard/object-store';
import type { TableHandle } from '@switchyard/route-table';

/** What a serving thread starts with (`workerData`). Plain values only: it is structured-cloned. */
export interface WorkerData {
  /** The supervisor's slot for this thread; also its region in the shared metrics. */
  readonly slot: number;
  readonly host: string;
  readonly port: number;
  readonly handle: TableHandle;
  readonly metrics: SharedArrayBuffer;
  /** `HOST:PORT` of the activator, or undefined. */
  readonly activator: string | undefined;
  readonly instanceCooldownMs: number;
  /** The upstream pool's read timeout (RouterConfig.upstreamTimeoutMs). */
  readonly upstreamTimeoutMs: number;
  /** Connections this thread serves at once; more wait (see HttpServerOptions.maxConnections). */
  readonly maxConnections: number;
  /** Static sites: where builds are stored, and the hot-object cache; undefined → static sites answer 503. */
  readonly static: StaticServingConfig | undefined;
  /** The TLS listener; undefined → plain HTTP only. */
  readonly tls: TlsServingConfig | undefined;
  /** This thread's port to the main thread's certificate store (transferred); undefined → the default certificate only. */
  readonly certificates: MessagePort | undefined;
  /** Peers whose X-Forwarded-*, X-Request-Id and trace context are kept. */
  readonly trustedHops: readonly string[];
  /** This slot's access-log ring and how to fill it; undefined: no access log. */
  readonly accessLog: AccessLogServing | undefined;
  /**
   * Listen at once (true), or get ready and wait for a ListenMessage (false: the router starts its
   * threads while the table is still being loaded, and lets them listen once it has one to serve).
   */
  readonly listenNow: boolean;
}

/** What a serving thread needs to terminate TLS (plain values: structured-cloned). */
export interface TlsServingConfig {
  readonly host: string;
  /** 0: the first thread picks a free port and the others join it. */
  readonly port: number;
  /** The default certificate (PEM): for names without one of their own, and handshakes without SNI. */
  readonly defaultCertificate: { readonly certPem: string; readonly keyPem: string } | undefined;
  /** 48 bytes of session-ticket keys, the same in every thread. */
  readonly ticketKeys: Uint8Array;
  readonly handshakeTimeoutMs: number;
  /** Open TLS connections past which new ones are closed before their handshake (the thread's --max-connections). */
  readonly maxConnections: number;
}

/** What a serving thread needs to write access-log records (plain values: structured-cloned). */
export interface AccessLogServing {
  /** This slot's ring (access-log/layout.ts). */
  readonly ring: SharedArrayBuffer;
  readonly sampleRate: number;
  readonly includeQuery: boolean;
}

/** What a serving thread needs to serve static sites (plain values: structured-cloned). */
export interface StaticServingConfig {
  /** `file:///dir`, a path, or `s3://bucket[/prefix]` (see `openObjectStore`). */
  readonly storeUrl: string;
  /** S3 endpoint and credentials; unset fields fall back to the environment. */
  readonly s3: S3Options;
  /** Hot-object cache budget per thread, bytes; 0 disables it. */
  readonly cacheBytes: number;
  /** Largest object the cache holds. */
  readonly cacheObjectBytes: number;
  /** max-age of non-HTML files. */
  readonly assetMaxAgeSeconds: number;
  /** Proxy rewrites to absolute URLs (else 502). */
  readonly proxyRewrites: boolean;
  /** Inside addresses proxy rewrites may reach anyway (`AddressPolicyOptions.allow`). */
  readonly proxyAllow: readonly string[];
  /** Ports proxy rewrites never reach (the router's admin port included). */
  readonly proxyDenyPorts: readonly number[];
}

/** Main thread → serving thread: stop accepting, finish in-flight requests, then exit. */
export interface DrainMessage {
  readonly type: 'drain';
  readonly timeoutMs: number;
}

/** Serving thread → main thread: accepting connections on `port` (and TLS ones on `tlsPort`). */
export interface ListeningMessage {
  readonly type: 'listening';
  readonly port: number;
  readonly tlsPort: number | undefined;
}

/** Main thread → a thread started with `listenNow: false`: listen now (on this port, as it is known by now). */
export interface ListenMessage {
  readonly type: 'listen';
  readonly port: number;
  readonly tlsPort: number | undefined;
}

/** Serving thread started with `listenNow: false` → main thread: loaded, waiting for a ListenMessage. */
export interface PreparedMessage {
  readonly type: 'prepared';
}

export function isListenMessage(message: unknown): message is ListenMessage {
  return (message as ListenMessage | null)?.type === 'listen';
}

export function isPreparedMessage(message: unknown): message is PreparedMessage {
  return (message as PreparedMessage | null)?.type === 'prepared';
}

export function isDrainMessage(message: unknown): message is DrainMessage {
  return (message as DrainMessage | null)?.type === 'drain';
}

export function isListeningMessage(message: unknown): message is ListeningMessage {
  return (message as ListeningMessage | null)?.type === 'listening';
}

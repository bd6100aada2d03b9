import { EventEmitter } from 'node:events';
import {
  type ChannelCredentials,
  type ClientReadableStream,
  credentials,
  Metadata,
  makeGenericClientConstructor,
  status,
} from '@grpc/grpc-js';
import { CACHE_STALL_TIMEOUT_MS } from '@switchyard/config';
import {
  type CertificateEvent,
  type Delta,
  RouteCacheClient,
  routeCacheService,
  type Service,
  v1,
  type WatchEvent,
} from '@switchyard/proto';
import { type CacheRefusal, classifyRefusal } from './cache-refusal.ts';

/**
 * Where the sync client puts what a cache sends. Called on the main thread, in stream order. `Item` and
 * `D` are the resource's record and delta: services on Watch, certificates on WatchCertificates.
 */
export interface SyncSink<Item = Service, D = Delta> {
  /** A full snapshot begins: fill a fresh table; keep serving the current one. */
  beginSnapshot(version: number, total: number): void;
  addBatch(services: Item[]): void;
  /**
   * When present, snapshot batches arrive still encoded (a whole WatchEvent carrying one
   * ServiceBatch) instead of through addBatch, so that they can be decoded off the main thread.
   */
  addEncodedBatch?(bytes: Uint8Array): void;
  /**
   * The fresh table is complete: swap it in. A promise means the swap happens later (the table
   * is built elsewhere); the client reports synced once it resolves. If it rejects, the table in
   * use is older than the stream: the client reconnects and asks for a full snapshot.
   */
  endSnapshot(version: number, end: SnapshotEndEvent): void | Promise<void>;
  /** The stream broke mid-snapshot: drop the fresh table, keep the current one. */
  abortSnapshot(): void;
  applyDelta(delta: D): void;
}

/** The SnapshotEnd of either stream (a certificate snapshot's end also carries the ticket keys). */
export type SnapshotEndEvent = NonNullable<WatchEvent['snapshotEnd'] | CertificateEvent['snapshotEnd']>;

/** Which stream of the RouteCache a SyncClient follows: the RPC, and where an event's snapshot batch is. */
export interface WatchKind<Item> {
  readonly method: 'watch' | 'watchCertificates';
  batchOf(event: WatchEvent | CertificateEvent): Item[] | undefined;
}

/** Routing records on Watch (the default). */
export const ROUTES: WatchKind<Service> = {
  method: 'watch',
  batchOf: (event) => ('serviceBatch' in event && event.serviceBatch ? (event.serviceBatch.services ?? []) : undefined),
};

export interface SyncClientConfig {
  /** `HOST:PORT` of every cache server of the cluster; one is picked at random. */
  caches: string[];
  region: string;
  clientId: string;
  /** Version already applied (from the on-disk snapshot), 0 for none. */
  fromVersion: number;
  token?: string;
  /** PEM root certificate(s) to verify caches with; TLS is used when given. */
  tlsCa?: Buffer;
  backoff?: { initialMs: number; maxMs: number };
  /** No event (heartbeats included) for this long means the stream is dead. */
  stallTimeoutMs?: number;
  random?: () => number;
}

export interface SyncStatus {
  version: number;
  /** The cache in use, or the one being connected to. */
  cache: string | undefined;
  connected: boolean;
  /** A complete state (snapshot or resumed stream) has been applied since start. */
  synced: boolean;
  reconnects: number;
  snapshots: number;
  /** Unix ms of the newest commit applied, from the cache's clock (0 if unknown). */
  lastCommitTimeMs: number;
  /** The latest cache that refused this client's configuration (token, region, protocol) since it last synced. */
  refusal: CacheRefusal | null;
}

/** A snapshot batch left encoded by the lazy deserializer (see `LazyRouteCacheClient`). */
interface EncodedBatchEvent {
  readonly encodedServiceBatch: Uint8Array;
}

type StreamEvent = WatchEvent | CertificateEvent | EncodedBatchEvent;

/** The first byte of a WatchEvent whose oneof is `service_batch` (field 2, length-delimited). */
const SERVICE_BATCH_TAG = (2 << 3) | 2;

/**
 * A Watch client that leaves ServiceBatch events encoded: the snapshot's bulk is decoded in the
 * ingest pool, not on the main thread. Every other event is decoded as usual.
 */
const LazyRouteCacheClient = makeGenericClientConstructor(
  {
    ...routeCacheService,
    watch: {
      ...routeCacheService.watch,
      responseDeserialize: (bytes: Buffer): StreamEvent =>
        bytes[0] === SERVICE_BATCH_TAG ? { encodedServiceBatch: bytes } : v1.WatchEvent.decode(bytes),
    },
  },
  'RouteCache',
);

/** The stream broke the protocol (a batch outside a snapshot, a version going backwards, …). */
export class SyncProtocolError extends Error {
  override readonly name = 'SyncProtocolError';
  readonly code = 'SYNC_PROTOCOL';
}

interface Events {
  synced: [SyncStatus];
  connected: [string];
  disconnected: [{ cache: string; reason: string; retryInMs: number }];
  /** A cache refused this client for its configuration; it keeps retrying (another cache may accept). */
  refused: [CacheRefusal];
}

/**
 * Keeps one Watch stream to one cache (single-cache affinity). On loss it backs off with jitter,
 * picks another cache at random and resumes from its version — caches share one commit-ordered
 * version space, so any cache can resume any client without a snapshot.
 */
export class SyncClient<Item = Service, D = Delta> extends EventEmitter<Events> {
  readonly #config: Required<Omit<SyncClientConfig, 'token' | 'tlsCa'>> & Pick<SyncClientConfig, 'token' | 'tlsCa'>;
  readonly #credentials: ChannelCredentials;
  #version: number;
  #cache: string | undefined;
  #client: InstanceType<typeof RouteCacheClient> | undefined;
  #call: ClientReadableStream<StreamEvent> | undefined;
  #inSnapshot = false;
  #connected = false;
  #synced = false;
  #reconnects = 0;
  #snapshots = 0;
  #failures = 0;
  #lastCommitTimeMs = 0;
  #refusal: CacheRefusal | null = null;
  #stallTimer: NodeJS.Timeout | undefined;
  #retryTimer: NodeJS.Timeout | undefined;
  #stopped = false;
  /** A snapshot whose table is still being built (endSnapshot returned a promise). */
  #building: Promise<void> | undefined;

  readonly #sink: SyncSink<Item, D>;
  readonly #kind: WatchKind<Item>;

  constructor(config: SyncClientConfig, sink: SyncSink<Item, D>, kind?: WatchKind<Item>) {
    super();
    this.#sink = sink;
    this.#kind = kind ?? (ROUTES as unknown as WatchKind<Item>);
    if (config.caches.length === 0) throw new Error('at least one cache address is required');
    this.#config = {
      backoff: { initialMs: 100, maxMs: 5_000 },
      stallTimeoutMs: CACHE_STALL_TIMEOUT_MS,
      random: Math.random,
      ...config,
    };
    this.#version = config.fromVersion;
    this.#credentials = config.tlsCa ? credentials.createSsl(config.tlsCa) : credentials.createInsecure();
  }

  start(): void {
    this.#connect(undefined);
  }

  status(): SyncStatus {
    return {
      version: this.#version,
      cache: this.#cache,
      connected: this.#connected,
      synced: this.#synced,
      reconnects: this.#reconnects,
      snapshots: this.#snapshots,
      lastCommitTimeMs: this.#lastCommitTimeMs,
      refusal: this.#refusal,
    };
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#retryTimer);
    this.#closeStream();
  }

  #connect(avoid: string | undefined): void {
    if (this.#stopped) return;
    const cache = this.#pickCache(avoid);
    this.#cache = cache;
    const Client =
      this.#sink.addEncodedBatch && this.#kind.method === 'watch' ? LazyRouteCacheClient : RouteCacheClient;
    this.#client = new Client(cache, this.#credentials, {
      'grpc.keepalive_time_ms': 20_000,
      'grpc.keepalive_timeout_ms': 5_000,
      'grpc.keepalive_permit_without_calls': 1,
      'grpc.max_receive_message_length': 16 * 1024 * 1024,
      // HTTP/2 receive window (stream and connection): with the default 64 KiB the cache waits for a window
      // update every 32 KiB of a snapshot (a 1 M-service snapshot is ~180 MB).
      'grpc-node.flow_control_window': 8 * 1024 * 1024,
    });
    const metadata = new Metadata();
    if (this.#config.token) metadata.set('authorization', `Bearer ${this.#config.token}`);
    const request = { region: this.#config.region, clientId: this.#config.clientId, fromVersion: this.#version };
    const call = this.#client[this.#kind.method](request, metadata) as ClientReadableStream<StreamEvent>;
    this.#call = call;
    this.#armStallTimer();
    call.on('metadata', () => {
      this.#connected = true;
      this.emit('connected', cache);
    });
    call.on('data', (event: StreamEvent) => {
      try {
        this.#onEvent(event);
      } catch (error) {
        this.#fail(cache, (error as Error).message);
      }
    });
    call.on('error', (error: Error & { code?: number; details?: string; metadata?: Metadata }) => {
      if (error.code === status.CANCELLED && this.#stopped) return;
      if (this.#cache === cache && this.#call === call) {
        const refusal = classifyRefusal(error, {
          cache,
          region: this.#config.region,
          tokenSent: this.#config.token !== undefined && this.#config.token !== '',
        });
        if (refusal !== undefined) {
          this.#refusal = refusal;
          this.emit('refused', refusal);
        }
      }
      this.#fail(cache, error.message);
    });
    call.on('end', () => this.#fail(cache, 'stream ended by the cache'));
  }

  #onEvent(event: StreamEvent): void {
    this.#armStallTimer();
    if ('encodedServiceBatch' in event) {
      if (!this.#inSnapshot) throw new SyncProtocolError('ServiceBatch outside a snapshot');
      this.#sink.addEncodedBatch?.(event.encodedServiceBatch);
    } else if (event.snapshotStart) {
      if (this.#inSnapshot) throw new SyncProtocolError('SnapshotStart inside a snapshot');
      this.#inSnapshot = true;
      this.#sink.beginSnapshot(event.snapshotStart.version ?? 0, event.snapshotStart.total ?? 0);
    } else if (this.#kind.batchOf(event) !== undefined) {
      if (!this.#inSnapshot) throw new SyncProtocolError('a snapshot batch outside a snapshot');
      this.#sink.addBatch(this.#kind.batchOf(event) as Item[]);
    } else if (event.snapshotEnd) {
      if (!this.#inSnapshot) throw new SyncProtocolError('SnapshotEnd outside a snapshot');
      this.#inSnapshot = false;
      const version = event.snapshotEnd.version ?? 0;
      const swapped = this.#sink.endSnapshot(version, event.snapshotEnd);
      this.#version = version;
      this.#snapshots++;
      if (swapped instanceof Promise) this.#awaitSwap(swapped);
      else this.#markSynced();
    } else if (event.delta) {
      if (this.#inSnapshot) throw new SyncProtocolError('Delta inside a snapshot');
      const version = event.delta.version ?? 0;
      if (version < this.#version) throw new SyncProtocolError(`delta version ${version} is behind ${this.#version}`);
      this.#sink.applyDelta(event.delta as D);
      this.#version = version;
      if (event.delta.commitTimeMs) this.#lastCommitTimeMs = event.delta.commitTimeMs;
      this.#markSynced();
    } else if (event.heartbeat) {
      if (this.#inSnapshot) return;
      const version = event.heartbeat.version ?? 0;
      if (version > this.#version) this.#version = version;
      if (event.heartbeat.commitTimeMs) this.#lastCommitTimeMs = event.heartbeat.commitTimeMs;
      this.#markSynced();
    }
  }

  #awaitSwap(swapped: Promise<void>): void {
    const building = swapped.then(
      () => {
        if (this.#building !== building) return;
        this.#building = undefined;
        this.#markSynced();
      },
      (error: Error) => {
        if (this.#building !== building) return;
        this.#building = undefined;
        // The table in use is older than the versions this stream has delivered since.
        this.#version = 0;
        if (this.#cache !== undefined) this.#fail(this.#cache, error.message);
      },
    );
    this.#building = building;
  }

  /** The first complete state after (re)connecting: healthy again. */
  #markSynced(): void {
    if (this.#building !== undefined) return;
    this.#failures = 0;
    this.#refusal = null;
    if (!this.#synced) {
      this.#synced = true;
      this.emit('synced', this.status());
    }
  }

  #fail(cache: string, reason: string): void {
    if (this.#stopped || this.#cache !== cache || this.#call === undefined) return;
    this.#closeStream();
    if (this.#inSnapshot) {
      this.#inSnapshot = false;
      this.#sink.abortSnapshot();
    }
    this.#failures++;
    this.#reconnects++;
    const { initialMs, maxMs } = this.#config.backoff;
    const ceiling = Math.min(maxMs, initialMs * 2 ** Math.min(this.#failures - 1, 16));
    const retryInMs = Math.round(ceiling * (0.5 + this.#config.random() * 0.5));
    this.emit('disconnected', { cache, reason, retryInMs });
    this.#retryTimer = setTimeout(() => this.#connect(cache), retryInMs);
  }

  #closeStream(): void {
    clearTimeout(this.#stallTimer);
    this.#connected = false;
    const call = this.#call;
    this.#call = undefined;
    call?.removeAllListeners('data');
    call?.on('error', () => {});
    call?.cancel();
    this.#client?.close();
    this.#client = undefined;
  }

  #armStallTimer(): void {
    clearTimeout(this.#stallTimer);
    const cache = this.#cache;
    this.#stallTimer = setTimeout(() => {
      if (cache) this.#fail(cache, `no event for ${this.#config.stallTimeoutMs} ms`);
    }, this.#config.stallTimeoutMs);
    this.#stallTimer.unref();
  }

  /** A cache at random, never the one that just failed when there is another. */
  #pickCache(avoid: string | undefined): string {
    const caches = this.#config.caches;
    const candidates = caches.length > 1 && avoid ? caches.filter((c) => c !== avoid) : caches;
    return candidates[Math.floor(this.#config.random() * candidates.length)] ?? (caches[0] as string);
  }
}

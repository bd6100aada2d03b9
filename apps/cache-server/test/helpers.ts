import {
  type ChannelCredentials,
  type ClientReadableStream,
  credentials,
  Metadata,
  type ServiceError,
} from '@grpc/grpc-js';
import {
  type GetServicesResponse,
  RouteCacheClient,
  type Service,
  v1,
  type WatchEvent,
  type WatchRequest,
} from '@switchyard/proto';
import { loadRegionSnapshot } from '@switchyard/service-db';
import { createTestDatabase, type TestDatabase } from '@switchyard/service-db/testing';
import { silentLogger } from '@switchyard/telemetry';
import pg from 'pg';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { type CacheServer, type CacheServerConfig, startCacheServer, withDefaults } from '../src/index.ts';

export const REGION = 'eu';

/** A cache on free loopback ports, quiet, fast timers; resolves once its initial load is done. */
export async function startTestCache(
  databaseUrl: string,
  overrides: Partial<CacheServerConfig> = {},
  opts: { waitReady?: boolean } = {},
): Promise<CacheServer> {
  const server = await startCacheServer(
    withDefaults({
      databaseUrl,
      region: REGION,
      listen: '127.0.0.1:0',
      admin: '127.0.0.1:0',
      pollIntervalMs: 1_000,
      heartbeatIntervalMs: 1_000,
      ...overrides,
    }),
    { logger: process.env.CACHE_TEST_LOGS ? undefined : silentLogger() },
  );
  if (opts.waitReady !== false) await server.ready;
  return server;
}

interface RawClient {
  watch(request: WatchRequest, metadata?: Metadata): ClientReadableStream<WatchEvent>;
  getServices(
    request: { ids: string[] },
    metadata: Metadata,
    callback: (error: ServiceError | null, response?: GetServicesResponse) => void,
  ): void;
  close(): void;
}

export function cacheClient(
  address: string,
  creds: ChannelCredentials = credentials.createInsecure(),
  options: Record<string, string | number> = {},
): RawClient {
  return new RouteCacheClient(address, creds, options) as unknown as RawClient;
}

export function bearer(token: string): Metadata {
  const metadata = new Metadata();
  metadata.set('authorization', `Bearer ${token}`);
  return metadata;
}

export function getServices(client: RawClient, ids: string[], metadata = new Metadata()): Promise<GetServicesResponse> {
  return new Promise((resolve, reject) =>
    client.getServices({ ids }, metadata, (error, response) =>
      error ? reject(error) : resolve(response as GetServicesResponse),
    ),
  );
}

/**
 * A Watch client that keeps a table the way a router does: a snapshot fills a fresh table that is
 * swapped in at SnapshotEnd; deltas apply in order; the version is the last one fully applied.
 */
export class WatchRecorder {
  table = new Map<string, Service>();
  version: number;
  snapshots = 0;
  deltas = 0;
  heartbeats = 0;
  events: WatchEvent['event'][] = [];
  error: ServiceError | undefined;
  ended = false;
  readonly stream: ClientReadableStream<WatchEvent>;
  #fresh: Map<string, Service> | undefined;
  #changed: (() => void)[] = [];

  constructor(
    client: RawClient,
    request: WatchRequest,
    opts: { metadata?: Metadata; table?: Map<string, Service> } = {},
  ) {
    this.version = Number(request.fromVersion ?? 0);
    if (opts.table) this.table = new Map(opts.table);
    this.stream = client.watch(request, opts.metadata ?? new Metadata());
    this.stream.on('data', (event: WatchEvent) => this.#apply(event));
    this.stream.on('error', (error: ServiceError) => {
      this.error = error;
      this.#notify();
    });
    this.stream.on('end', () => {
      this.ended = true;
      this.#notify();
    });
  }

  #apply(event: WatchEvent): void {
    this.events.push(event.event);
    if (event.snapshotStart) {
      this.#fresh = new Map();
    } else if (event.serviceBatch) {
      for (const s of event.serviceBatch.services ?? []) this.#fresh?.set(s.id as string, s);
    } else if (event.snapshotEnd) {
      this.table = this.#fresh ?? new Map();
      this.#fresh = undefined;
      this.version = Number(event.snapshotEnd.version);
      this.snapshots++;
    } else if (event.delta) {
      for (const s of event.delta.upserts ?? []) this.table.set(s.id as string, s);
      for (const id of event.delta.removedIds ?? []) this.table.delete(id);
      this.version = Number(event.delta.version);
      this.deltas++;
    } else if (event.heartbeat) {
      this.version = Number(event.heartbeat.version);
      this.heartbeats++;
    }
    this.#notify();
  }

  #notify(): void {
    const waiters = this.#changed;
    this.#changed = [];
    for (const w of waiters) w();
  }

  /** Resolves when `predicate` holds after some event; rejects on stream error or after `timeoutMs`. */
  async until(predicate: (r: this) => boolean | Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (await predicate(this)) return;
      if (this.error) throw new Error(`stream failed while waiting for ${what}: ${this.error.message}`);
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 200);
        this.#changed.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  close(): void {
    this.stream.cancel();
  }
}

/** A record without the cache's stamps, in a canonical form, for comparing with the database. */
export function canonical(service: Service): unknown {
  const object = v1.Service.toObject(v1.Service.fromObject(service as Record<string, unknown>), {
    defaults: true,
    enums: Number,
    longs: Number,
  });
  delete object.version;
  delete object.commitTimeMs;
  return object;
}

export function canonicalTable(table: Map<string, Service>): Record<string, unknown> {
  return Object.fromEntries(
    [...table.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([id, s]) => [id, canonical(s)]),
  );
}

/** The region as the database has it now. */
export async function databaseTable(databaseUrl: string, region = REGION): Promise<Record<string, unknown>> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  try {
    const table = new Map<string, Service>();
    await loadRegionSnapshot(pool, region, (batch) => {
      for (const s of batch) table.set(s.id as string, s);
    });
    return canonicalTable(table);
  } finally {
    await pool.end();
  }
}

/** Waits until the recorder's table equals the database's region. */
export async function untilMatchesDatabase(recorder: WatchRecorder, databaseUrl: string, what: string): Promise<void> {
  let expected = await databaseTable(databaseUrl);
  let lastCheck = Date.now();
  await recorder.until(async (r) => {
    if (Date.now() - lastCheck > 2_000) {
      expected = await databaseTable(databaseUrl);
      lastCheck = Date.now();
    }
    return JSON.stringify(canonicalTable(r.table)) === JSON.stringify(expected);
  }, what);
}

export async function metricValue(adminAddress: string, name: string): Promise<number> {
  const text = await (await fetch(`http://${adminAddress}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : Number.NaN;
}

export async function eventually(
  check: () => Promise<boolean> | boolean,
  what: string,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** One test file's fixtures: its own database (created before its tests, dropped after) and per-test cleanups. */
export interface TestContext {
  readonly db: TestDatabase;
  /** Run after each test, last registered first. */
  readonly cleanups: (() => unknown)[];
  /** A cache server on the file's database, closed after the test. */
  cache(overrides?: Partial<CacheServerConfig>, opts?: { waitReady?: boolean }): Promise<CacheServer>;
}

/** Registers the hooks of a TestContext; `setup` runs once the database exists (seeding). */
export function useTestContext(setup?: (db: TestDatabase) => Promise<void>): TestContext {
  let db: TestDatabase | undefined;
  const cleanups: (() => unknown)[] = [];
  const context: TestContext = {
    get db() {
      if (!db) throw new Error('the test database exists only inside tests and hooks');
      return db;
    },
    cleanups,
    async cache(overrides = {}, opts = {}) {
      const server = await startTestCache(context.db.url, overrides, opts);
      cleanups.push(() => server.close());
      return server;
    },
  };
  beforeAll(async () => {
    db = await createTestDatabase();
    await setup?.(db);
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  afterAll(async () => {
    await db?.drop();
  });
  return context;
}

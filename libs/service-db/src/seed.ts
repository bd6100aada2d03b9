import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { ConflictError, mapPgError, ValidationError } from './errors.ts';
import { checkLabel } from './validate.ts';

/**
 * Deterministic synthetic services for benchmarks and demos: the same seed always yields the same rows
 * (ids, names, hostnames, instances), and different seeds never share a hostname or an id.
 */

export interface SeedOptions {
  services: number;
  regions?: string[];
  seed?: number;
  onProgress?: (done: number) => void;
  /** Connections writing at once (default 2 from 10,000 services on, else 1). */
  concurrency?: number;
}

export interface SeedResult {
  services: number;
  hostnames: number;
  instances: number;
  ms: number;
}

export const DEFAULT_SEED_REGIONS = ['local'];
/** Services per round of COPYs; also the progress granularity. */
const ROUND_SIZE = 5_000;

/** 32-bit avalanche of (seed, index, salt): the whole generator is a pure function of these. */
function mix(seed: number, index: number, salt: number): number {
  let h =
    Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 0x632be5ab, 0xc2b2ae35) ^ Math.imul(salt, 0x27d4eb2f);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0;
}

/** mulberry32: a small seeded PRNG, one per service. */
function prng(state: number): () => number {
  let a = state;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function hex8(n: number): string {
  return n.toString(16).padStart(8, '0');
}

/**
 * A version-4-shaped UUID derived from (seed, index): the seed leads, then the index, so ids of one seed sort
 * in index order (COPY then appends to the id indexes instead of splitting random pages) and seeds never collide.
 */
export function seedUuid(seed: number, index: number): string {
  const a = hex8(seed >>> 0);
  const i = hex8(index >>> 0);
  const r = hex8(mix(seed, index, 1)) + hex8(mix(seed, index, 2));
  return `${a}-${i.slice(0, 4)}-4${i.slice(4, 7)}-8${i.slice(7)}${r.slice(0, 2)}-${r.slice(2, 14)}`;
}

export interface SeededService {
  id: string;
  name: string;
  kind: 'web' | 'static';
  plan: 'free' | 'paid';
  state: 'active' | 'suspended';
  region: string;
  activeBuildId: string | null;
  hostnames: string[];
  instances: { host: string; port: number; ready: boolean }[];
}

/** Hosts per second octet of {@link loopbackAddress}: last octet 1-254, third 0-255. */
const LOOPBACK_BLOCK = 254 * 256;

/**
 * The index-th seeded instance address: always in 127.0.0.0/8 (loopback), so a request routed to a
 * seeded service never leaves the machine and fails fast with a refused connection (nothing listens on
 * 8000-8003 there) instead of hanging on an unroutable address. The second octet is 1-254 (never
 * 127.0.x.x, where local test servers live) and the last 1-254; 16.5 M distinct addresses.
 */
export function loopbackAddress(index: number): string {
  const last = (index % 254) + 1;
  const third = Math.floor(index / 254) % 256;
  const second = (Math.floor(index / LOOPBACK_BLOCK) % 254) + 1;
  return `127.${second}.${third}.${last}`;
}

/** The index-th synthetic service of a seed. */
export function seededService(seed: number, index: number, regions: readonly string[]): SeededService {
  const random = prng(mix(seed, index, 3));
  // Fixed-width index: hostnames of one seed sort in index order too.
  const tag = `${(seed >>> 0).toString(36)}-${index.toString(36).padStart(6, '0')}`;
  const name = `svc-${tag}`;
  const kind = random() < 0.7 ? 'web' : 'static';
  const plan = random() < 0.6 ? 'free' : 'paid';
  const state = random() < 0.02 ? 'suspended' : 'active';
  const hostnames = [`${name}.switchyard.app`];
  const extra = Math.floor(random() * 3); // 0-2 more
  if (extra >= 1) hostnames.push(`www.site-${tag}.example.com`);
  if (extra >= 2) hostnames.push(`*.${tag}.preview.example.net`);
  const instances: SeededService['instances'] = [];
  if (kind === 'web') {
    const count = 1 + Math.floor(random() * 4);
    const host = loopbackAddress(index);
    for (let k = 0; k < count; k++) instances.push({ host, port: 8000 + k, ready: random() < 0.95 });
  }
  return {
    id: seedUuid(seed, index),
    name,
    kind,
    plan,
    state,
    region: regions[index % regions.length] as string,
    activeBuildId: kind === 'static' ? 'build-1' : null,
    hostnames,
    instances,
  };
}

async function copy(client: pg.ClientBase, sql: string, text: string): Promise<void> {
  if (text.length > 0) await pipeline(Readable.from([text]), client.query(copyFrom(sql)));
}

/** Seeds services [start, end) on one connection, in rounds of ROUND_SIZE services (four COPYs each). */
async function seedRange(
  client: pg.ClientBase,
  start: number,
  end: number,
  service: (index: number) => SeededService,
  onRound: (services: number, hostnames: number, instances: number) => void,
): Promise<void> {
  for (let from = start; from < end; from += ROUND_SIZE) {
    const round: SeededService[] = [];
    for (let i = from; i < Math.min(end, from + ROUND_SIZE); i++) round.push(service(i));
    let services = '';
    let builds = '';
    let hostnames = '';
    let instances = '';
    let hostnameCount = 0;
    let instanceCount = 0;
    for (const s of round) {
      services += `${s.id}\t${s.name}\t${s.kind}\t${s.plan}\t${s.state}\t${s.region}\t${s.activeBuildId ?? '\\N'}\n`;
      if (s.activeBuildId) builds += `${s.id}\t${s.activeBuildId}\n`;
      for (const hostname of s.hostnames) hostnames += `${hostname}\t${s.id}\n`;
      for (const inst of s.instances) instances += `${s.id}\t${inst.host}\t${inst.port}\t${inst.ready ? 't' : 'f'}\n`;
      hostnameCount += s.hostnames.length;
      instanceCount += s.instances.length;
    }
    await copy(client, 'COPY services (id, name, kind, plan, state, region, active_build_id) FROM STDIN', services);
    await copy(client, 'COPY static_builds (service_id, id) FROM STDIN', builds);
    await copy(client, 'COPY hostnames (hostname, service_id) FROM STDIN', hostnames);
    await copy(client, 'COPY instances (service_id, host, port, ready) FROM STDIN', instances);
    onRound(round.length, hostnameCount, instanceCount);
  }
}

/**
 * Writes `services` synthetic services with COPY. Large seeds are split into `concurrency` contiguous
 * ranges written by as many connections at once (one transaction each, one wake-up each); they commit
 * only if every range was written, and all roll back otherwise.
 */
export async function seed(databaseUrl: string, opts: SeedOptions): Promise<SeedResult> {
  const startedAt = performance.now();
  const total = opts.services;
  if (!Number.isSafeInteger(total) || total < 0) {
    throw new ValidationError('services', `invalid services ${JSON.stringify(total)}: a non-negative integer`);
  }
  const seedValue = opts.seed ?? 1;
  if (!Number.isSafeInteger(seedValue) || seedValue < 0 || seedValue > 0xffff_ffff) {
    throw new ValidationError('seed', `invalid seed ${JSON.stringify(seedValue)}: an integer from 0 to 4294967295`);
  }
  const regions = (opts.regions ?? DEFAULT_SEED_REGIONS).map((region) => checkLabel('region', region));
  if (regions.length === 0) throw new ValidationError('regions', 'regions must not be empty');
  const concurrency = Math.max(1, Math.min(opts.concurrency ?? (total >= 2 * ROUND_SIZE ? 2 : 1), total));
  if (!Number.isSafeInteger(concurrency)) {
    throw new ValidationError(
      'concurrency',
      `invalid concurrency ${JSON.stringify(opts.concurrency)}: a positive integer`,
    );
  }

  const service = (i: number): SeededService => seededService(seedValue, i, regions);
  const counts = { services: 0, hostnames: 0, instances: 0 };
  const clients: pg.Client[] = [];
  try {
    for (let k = 0; k < concurrency; k++) {
      const client = new pg.Client({ connectionString: databaseUrl });
      clients.push(client);
      await client.connect();
    }
    const [first] = clients as [pg.Client];
    if (total > 0) {
      const { rows } = await first.query('SELECT 1 FROM services WHERE id = $1', [seedUuid(seedValue, 0)]);
      if (rows.length > 0) throw new ConflictError('seed', `seed ${seedValue} was already written to this database`);
    }
    for (const client of clients) await client.query('BEGIN');
    const perClient = Math.ceil(total / concurrency);
    const results = await Promise.allSettled(
      clients.map((client, k) =>
        seedRange(client, k * perClient, Math.min(total, (k + 1) * perClient), service, (s, h, i) => {
          counts.services += s;
          counts.hostnames += h;
          counts.instances += i;
          opts.onProgress?.(counts.services);
        }),
      ),
    );
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw mapPgError(failed.reason);
    for (const client of clients) await client.query('COMMIT');
    await first.query('ANALYZE services, hostnames, instances, static_builds');
  } catch (err) {
    await Promise.all(clients.map((client) => client.query('ROLLBACK').catch(() => undefined)));
    throw err;
  } finally {
    await Promise.all(clients.map((client) => client.end().catch(() => undefined)));
  }
  return { ...counts, ms: Math.round(performance.now() - startedAt) };
}

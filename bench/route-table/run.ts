// Route-table micro-benchmarks: `npm run bench -w @switchyard/route-table`.
// Builds 1,000,000 services / 2,000,000 hostnames, then measures lookups (hot set, uniformly
// random, miss, wildcard), bytes per hostname, snapshot build time and 1,000-record deltas.
// Figures only; nothing here asserts a time.
import {
  KIND_STATIC,
  KIND_WEB,
  MISS,
  PLAN_FREE,
  PLAN_PAID,
  RouteTableReader,
  RouteTableWriter,
  type ServiceRecord,
  STATE_ACTIVE,
} from '../../libs/route-table/src/index.ts';
import { prng } from '../../libs/route-table/test/model.ts';

const SERVICES = Number(process.env.SERVICES ?? 1_000_000);
const LOOKUPS = 2_000_000;
const HOT_SET = 1_000;
const DELTA_SIZE = 1_000;
const DELTAS = 20;

const random = prng(7);

function uuid(n: number): string {
  return `7f1c2a9e-${(n >>> 16).toString(16).padStart(4, '0')}-4${(n & 0xfff).toString(16).padStart(3, '0')}-8000-${n.toString(16).padStart(12, '0')}`;
}

/** A fresh, flat one-byte copy of a string, as the HTTP parser hands a Host header over. */
function fresh(s: string): string {
  return Buffer.from(s, 'latin1').toString('latin1');
}

/** Strings as a decoded protobuf message holds them: flat, not template-literal ropes. */
function record(n: number, version: number): ServiceRecord {
  const isStatic = n % 5 === 0;
  return {
    id: fresh(uuid(n)),
    kind: isStatic ? KIND_STATIC : KIND_WEB,
    plan: n % 3 === 0 ? PLAN_PAID : PLAN_FREE,
    state: STATE_ACTIVE,
    version,
    hostnames: [
      fresh(`app-${n}.onswitchyard.app`),
      fresh(n % 10 === 0 ? `*.cust-${n}.example.net` : `www.customer-${n}.com`),
    ],
    instances: isStatic
      ? []
      : [{ host: `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`, port: 10000, ready: true }],
    activeBuildId: isStatic ? `bld_${n.toString(36)}` : '',
  };
}

interface Timing {
  /** Best wall-clock ns/op over the rounds. */
  wall: number;
  /** Best CPU-time ns/op (process user+system): less sensitive to other load on the machine. */
  cpu: number;
  /** Fetching each query string and reading a character, without a lookup. */
  baseline: number;
  hits: number;
}

function timeLookups(reader: RouteTableReader, queries: string[], rounds: number): Timing {
  const result: Timing = { wall: Infinity, cpu: Infinity, baseline: Infinity, hits: 0 };
  for (let r = 0; r < rounds; r++) {
    let sink = 0;
    let start = process.hrtime.bigint();
    for (let i = 0; i < queries.length; i++) {
      const q = queries[i] as string;
      sink += q.charCodeAt(q.length - 1);
    }
    result.baseline = Math.min(result.baseline, Number(process.hrtime.bigint() - start) / queries.length);
    let hits = 0;
    const cpu = process.cpuUsage();
    start = process.hrtime.bigint();
    for (let i = 0; i < queries.length; i++) {
      if (reader.lookup(queries[i] as string) !== MISS) hits++;
    }
    result.wall = Math.min(result.wall, Number(process.hrtime.bigint() - start) / queries.length);
    const used = process.cpuUsage(cpu);
    result.cpu = Math.min(result.cpu, ((used.user + used.system) * 1000) / queries.length);
    result.hits = hits;
    if (sink === -1) console.log(sink);
  }
  return result;
}

const records: ServiceRecord[] = [];
for (let n = 0; n < SERVICES; n++) records.push(record(n, 1));
const hostnames: string[] = [];
for (const r of records) for (const h of r.hostnames) hostnames.push(h);

global.gc?.();
let start = process.hrtime.bigint();
const writer = RouteTableWriter.fromSnapshot(records);
const buildMs = Number(process.hrtime.bigint() - start) / 1e6;
const reader = RouteTableReader.attach(writer.handle);
writer.onHandover((handle) => reader.switchTo(handle));

const stats = writer.stats();
const usedBytes = stats.totalBytes - stats.arenaBytes + stats.arenaUsedBytes;

// Query sets.
const exactNames = hostnames.filter((h) => !h.startsWith('*'));
const hot: string[] = [];
for (let i = 0; i < HOT_SET; i++) hot.push(fresh(exactNames[Math.floor(random() * exactNames.length)] as string));
const hotQueries = Array.from({ length: LOOKUPS }, (_, i) => hot[i % HOT_SET] as string);
const randomQueries = Array.from({ length: LOOKUPS }, () =>
  fresh(exactNames[Math.floor(random() * exactNames.length)] as string),
);
const missQueries = Array.from({ length: LOOKUPS }, (_, i) => fresh(`nx-${i}.customer-${i}.org`));
const wildcardQueries = Array.from({ length: LOOKUPS }, () => {
  const n = Math.floor(random() * (SERVICES / 10)) * 10;
  return fresh(`api.cust-${n}.example.net`);
});

const hotResult = timeLookups(reader, hotQueries, 5);
// The same hot set in a 10,000-service table: what TLB reach costs the big table's hot set.
const small = RouteTableWriter.fromSnapshot(records.slice(0, 10_000));
const smallNames = Array.from({ length: HOT_SET }, (_, i) => fresh(`app-${i * 7}.onswitchyard.app`));
const smallQueries = Array.from({ length: LOOKUPS }, (_, i) => smallNames[i % HOT_SET] as string);
const smallResult = timeLookups(RouteTableReader.attach(small.handle), smallQueries, 5);
const randomResult = timeLookups(reader, randomQueries, 3);
const missResult = timeLookups(reader, missQueries, 3);
const wildcardResult = timeLookups(reader, wildcardQueries, 3);

// Deltas: 1,000 existing services, new versions; one in ten moves a hostname to another service.
const deltaMs: number[] = [];
for (let d = 0; d < DELTAS; d++) {
  const upserts: ServiceRecord[] = [];
  for (let i = 0; i < DELTA_SIZE; i++) {
    const n = Math.floor(random() * SERVICES);
    const r = record(n, 2 + d);
    upserts.push(i % 10 === 0 ? { ...r, hostnames: [...r.hostnames, `moved-${d}-${i}.example.org`] } : r);
  }
  start = process.hrtime.bigint();
  writer.apply({ upserts });
  deltaMs.push(Number(process.hrtime.bigint() - start) / 1e6);
}
deltaMs.sort((a, b) => a - b);

// A full rebuild (what growth and compaction cost the writer; readers keep reading meanwhile).
start = process.hrtime.bigint();
writer.compact();
const compactMs = Number(process.hrtime.bigint() - start) / 1e6;

const line = (name: string, r: Timing) =>
  `  ${name.padEnd(22)} ${r.wall.toFixed(0).padStart(5)} ns/op wall, ${r.cpu.toFixed(0).padStart(5)} ns/op cpu` +
  `   (string fetch alone ${r.baseline.toFixed(0)} ns; hits ${r.hits}/${LOOKUPS})`;
console.log(`route-table benchmark: ${stats.services} services, ${stats.hostnames} hostnames, node ${process.version}`);
console.log(`build from snapshot     ${buildMs.toFixed(0)} ms`);
console.log(
  `bytes per hostname      ${(stats.totalBytes / stats.hostnames).toFixed(1)} allocated, ${(usedBytes / stats.hostnames).toFixed(1)} used ` +
    `(total ${(stats.totalBytes / 2 ** 20).toFixed(0)} MiB: hosts ${stats.hostCapacity} slots, arena ${(stats.arenaBytes / 2 ** 20).toFixed(0)} MiB of which ${(stats.arenaUsedBytes / 2 ** 20).toFixed(0)} used)`,
);
console.log('lookup');
console.log(line('hit, hot set (1,000)', hotResult));
console.log(line('hit, hot, 10k table', smallResult));
console.log(line('hit, uniformly random', randomResult));
console.log(line('miss', missResult));
console.log(line('wildcard hit', wildcardResult));
console.log(`compact / grow          ${compactMs.toFixed(0)} ms (rebuild of the whole table into new buffers)`);
console.log(
  `delta of ${DELTA_SIZE} records     median ${deltaMs[deltaMs.length >> 1]?.toFixed(2)} ms, min ${deltaMs[0]?.toFixed(2)} ms, max ${deltaMs[deltaMs.length - 1]?.toFixed(2)} ms (${DELTAS} deltas; generation ${writer.generation})`,
);

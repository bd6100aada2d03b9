// The cache's region load alone, old path against new, on an existing database (no cache process):
//   npx node --conditions=source --expose-gc bench/scale/load-probe.ts <database-url> [region] [old|new|both] [rounds]
// old: loadRegionSnapshot (cursor, JSON aggregation, protobufjs per page); new: loadRegionRecords
// (binary COPY, records written from the row bytes). Prints wall time, this process's CPU and the
// database server's CPU (its processes' /proc times) for each round.
import { readdirSync, readFileSync } from 'node:fs';
import { loadRegionRecords, loadRegionSnapshot } from '@switchyard/service-db';
import pg from 'pg';
import { encodeContents, stamp } from '../../apps/cache-server/src/stored-record.ts';

const [url, region = 'bench', which = 'both', roundsText = '1'] = process.argv.slice(2);
const pool = new pg.Pool({ connectionString: url, max: 2 });
const HORIZON = 3_600_000;

/** User + system CPU seconds of every `postgres` process on the machine. */
function postgresCpu(): number {
  let ticks = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      if (!readFileSync(`/proc/${pid}/comm`, 'utf8').startsWith('postgres')) continue;
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {}
  }
  return ticks / 100;
}

async function run(name: string, load: () => Promise<number>) {
  (globalThis as { gc?: () => void }).gc?.();
  const cpu = process.cpuUsage();
  const pgCpu = postgresCpu();
  const started = performance.now();
  const count = await load();
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  console.log(
    JSON.stringify({
      path: name,
      count,
      seconds: +seconds.toFixed(2),
      cacheCpuS: +((used.user + used.system) / 1e6).toFixed(2),
      postgresCpuS: +(postgresCpu() - pgCpu).toFixed(2),
      heapMiB: Math.round(process.memoryUsage().heapUsed / 2 ** 20),
      load: readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' '),
    }),
  );
}

for (let round = 0; round < Number(roundsText); round++) {
  if (which !== 'new') {
    await run('old', async () => {
      const records = new Map();
      const loaded = await loadRegionSnapshot(
        pool,
        region,
        (batch) => {
          const contents = encodeContents(batch);
          for (let i = 0; i < batch.length; i++) {
            const s = batch[i];
            const c = contents[i];
            if (s && c) records.set(c.id, stamp(c.content, Number(s.version), Number(s.commitTimeMs)));
          }
        },
        { stampHorizonMs: HORIZON },
      );
      return loaded.count;
    });
  }
  if (which !== 'old') {
    await run('new', async () => {
      const records = new Map();
      const loaded = await loadRegionRecords(
        pool,
        region,
        (id, content, version, ms) => void records.set(id, stamp(content, version, ms)),
        { stampHorizonMs: HORIZON },
      );
      return loaded.count;
    });
  }
}
await pool.end();

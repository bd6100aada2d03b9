// The prober's thread (see change-probe.ts): writes each probed change itself and polls the routers
// for it until they stop answering 404, on an event loop of its own, so that the change writer's
// thousand queries a second delay neither the write nor the observations.
import { Agent, request } from 'node:http';
import { parentPort } from 'node:worker_threads';
import pg from 'pg';
import { ADD_HOSTNAME } from './change-sql.ts';
import { sleep } from './processes.ts';
import { wallMs } from './wall-clock.ts';

const POLL_INTERVAL_MS = 3;
const GIVE_UP_MS = 15_000;

/** Asks this thread to add `hostname` to a service and watch it on every port. */
export interface ProbeRequest {
  readonly id: number;
  readonly databaseUrl: string;
  readonly hostname: string;
  readonly serviceId: string;
  readonly ports: readonly number[];
}

/**
 * When the row was written (the database's clock), and when each port first served it (wallMs), in
 * the request's order; undefined: not within GIVE_UP_MS. `error`: the write failed.
 */
export interface ProbeAnswer {
  readonly id: number;
  readonly committedAt: number;
  readonly servedAt: (number | undefined)[];
  readonly error?: string;
}

/** Probed changes a second are few (25 by default); a few connections keep a slow commit from queueing the next. */
const CONNECTIONS = 4;
const pools = new Map<string, pg.Pool>();

async function commit(databaseUrl: string, hostname: string, serviceId: string): Promise<number> {
  let pool = pools.get(databaseUrl);
  if (!pool) {
    pool = new pg.Pool({ connectionString: databaseUrl, max: CONNECTIONS, application_name: 'bench-writer' });
    pool.on('error', () => undefined);
    pools.set(databaseUrl, pool);
  }
  const { rows } = await pool.query<{ written_ms: string }>({
    name: 'bench-add-hostname',
    text: ADD_HOSTNAME,
    values: [hostname, serviceId],
  });
  return Number(rows[0]?.written_ms);
}

const agent = new Agent({ keepAlive: true, maxSockets: 32 });

async function servedAt(port: number, hostname: string): Promise<number | undefined> {
  const since = wallMs();
  while (wallMs() - since < GIVE_UP_MS) {
    const status = await statusOf(port, hostname).catch(() => 0);
    if (status !== 404 && status !== 0) return wallMs();
    await sleep(POLL_INTERVAL_MS);
  }
  return undefined;
}

function statusOf(port: number, hostname: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/', headers: { host: hostname }, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

const port = parentPort;
if (port) {
  port.on('message', async (probe: ProbeRequest) => {
    let answer: ProbeAnswer;
    try {
      const committedAt = await commit(probe.databaseUrl, probe.hostname, probe.serviceId);
      answer = {
        id: probe.id,
        committedAt,
        servedAt: await Promise.all(probe.ports.map((p) => servedAt(p, probe.hostname))),
      };
    } catch (error) {
      answer = { id: probe.id, committedAt: Number.NaN, servedAt: [], error: (error as Error).message };
    }
    port.postMessage(answer);
  });
  port.postMessage('ready');
}

// A reader thread for the concurrency test: hammers lookups, checks every record it sees is a
// whole version, switches tables when told and acknowledges. Runs as TypeScript directly
// (Node's type stripping), so erasable syntax and `.ts` imports only.
import { parentPort, workerData } from 'node:worker_threads';
import { ackMessage, isHandoverMessage, MISS, RouteTableReader, type TableHandle } from '../src/index.ts';
import { checkVersionedRecord } from './versioned-record.ts';

interface Options {
  handle: TableHandle;
  services: number;
  movers: number;
  durationMs: number;
}

const options = workerData as Options;
const port = parentPort;
if (!port) throw new Error('reader-worker must run as a worker thread');
const reader = RouteTableReader.attach(options.handle);
const problems: string[] = [];
const lastVersion = new Float64Array(options.services);
let lookups = 0;
let switches = 0;

port.on('message', (message: unknown) => {
  if (!isHandoverMessage(message)) return;
  port.postMessage(ackMessage(reader.switchTo(message.handle)));
  switches++;
});

function report(problem: string): void {
  if (problems.length < 20) problems.push(problem);
}

function serviceNumber(record: number): number {
  return Number.parseInt(reader.serviceId(record).slice(-12), 16);
}

function burst(): void {
  for (let i = 0; i < 2000; i++) {
    const n = (Math.random() * options.services) | 0;
    const kind = i % 3;
    const host =
      kind === 0 ? `svc-${n}.test` : kind === 1 ? `API.wild-${n}.test:443` : `move-${n % options.movers}.test`;
    const record = reader.lookup(host);
    lookups++;
    if (record === MISS) {
      report(`${host}: missing`);
      continue;
    }
    const owner = serviceNumber(record);
    if (kind !== 2 && owner !== n) report(`${host}: routed to service ${owner}`);
    const torn = checkVersionedRecord(reader, record, owner);
    if (torn) report(`${host}: ${torn}`);
    if (kind === 0) {
      const version = reader.version(record);
      if (version < (lastVersion[n] as number))
        report(`${host}: version went back from ${lastVersion[n]} to ${version}`);
      lastVersion[n] = version;
    }
  }
}

const deadline = Date.now() + options.durationMs;
function loop(): void {
  burst();
  if (Date.now() < deadline) setImmediate(loop);
  else port?.postMessage({ type: 'done', lookups, switches, problems, generation: reader.generation });
}
loop();

/**
 * The logger thread: drains every serving thread's ring (ring.ts), formats the records as NDJSON
 * (format.ts) and writes each pass as one batch (sink.ts). Polls: a serving thread never signals
 * it, so the request path pays no wake-up. While the admin stream has subscribers, the batches are
 * also posted to the main thread, after the last BACKLOG lines.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { formatRecord } from './format.ts';
import { RingReader } from './ring.ts';
import { LogSink } from './sink.ts';

export interface LoggerThreadData {
  readonly rings: readonly SharedArrayBuffer[];
  /** `stdout` or a file path. */
  readonly target: string;
  /** Idle poll interval. */
  readonly pollMs: number;
}

/** Main thread → logger thread. */
export type LoggerCommand =
  | { type: 'reopen' }
  | { type: 'subscribe' }
  | { type: 'unsubscribe' }
  /** Drain what is left, close, exit. */
  | { type: 'stop' };

/** Logger thread → main thread. */
export type LoggerEvent =
  | { type: 'lines'; text: string }
  | { type: 'backlog'; lines: string[] }
  | { type: 'reopened'; error?: string }
  | { type: 'write-failed'; error: string };

/** Lines kept for a new admin-stream subscriber. */
const BACKLOG = 1000;
/** Records per ring per pass. */
const BATCH = 4096;

const port = parentPort;
if (port === null) throw new Error('logger-thread.ts runs as a worker thread');
const data = workerData as LoggerThreadData;
const readers = data.rings.map((ring) => new RingReader(ring));
const sink = new LogSink(data.target);
const backlog: string[] = [];
let backlogAt = 0;
let subscribed = false;
let stopping = false;
let timer: NodeJS.Timeout | undefined;
let immediate: NodeJS.Immediate | undefined;
let failing = false;

let batch = '';
const collect = (reader: RingReader, at: number): void => {
  const line = formatRecord(reader, at);
  batch += line;
  if (backlog.length < BACKLOG) backlog.push(line);
  else backlog[backlogAt] = line;
  backlogAt = (backlogAt + 1) % BACKLOG;
};

/** One pass over every ring; returns whether a ring had more than a batch waiting. */
function pass(): boolean {
  let more = false;
  for (const reader of readers) {
    batch = '';
    const n = reader.drain(collect, BATCH);
    if (n === 0) continue;
    if (n === BATCH) more = true;
    try {
      sink.write(batch);
      failing = false;
    } catch (error) {
      // A full disk or a closed stdout: these lines are lost (counted as not logged), the next try again.
      if (!failing) port?.postMessage({ type: 'write-failed', error: (error as Error).message } satisfies LoggerEvent);
      failing = true;
    }
    reader.logged(n);
    if (subscribed) port?.postMessage({ type: 'lines', text: batch } satisfies LoggerEvent);
  }
  batch = '';
  return more;
}

function loop(): void {
  if (stopping) return;
  if (pass()) immediate = setImmediate(loop);
  else timer = setTimeout(loop, data.pollMs);
}

port.on('message', (command: LoggerCommand) => {
  switch (command.type) {
    case 'reopen':
      try {
        pass();
        sink.reopen();
        port.postMessage({ type: 'reopened' } satisfies LoggerEvent);
      } catch (error) {
        port.postMessage({ type: 'reopened', error: (error as Error).message } satisfies LoggerEvent);
      }
      break;
    case 'subscribe':
      subscribed = true;
      port.postMessage({
        type: 'backlog',
        lines: [...backlog.slice(backlogAt), ...backlog.slice(0, backlogAt)],
      } satisfies LoggerEvent);
      break;
    case 'unsubscribe':
      subscribed = false;
      break;
    case 'stop':
      stopping = true;
      clearTimeout(timer);
      clearImmediate(immediate);
      while (pass()) {}
      sink.close();
      port.close();
      break;
  }
});

loop();

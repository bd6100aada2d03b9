import { closeSync, openSync, readSync, statSync } from 'node:fs';
import {
  type AccessFilter,
  AccessFilterError,
  type AccessLine,
  accessFilter,
  parseAccessLine,
} from '@switchyard/router';
import { checkAdminAddress } from '../admin-http.ts';
import { parseCommand } from '../args.ts';
import type { Command } from '../command.ts';
import { findRunningDev } from '../dev/state-file.ts';
import { UsageError } from '../errors.ts';
import type { CliIo } from '../io.ts';

const usage = `Usage:
  switchyard logs (--service ID | --host NAME) [--status 5xx] [--follow] [--file PATH | --router-admin HOST:PORT] [--json]

What happened to a service's requests: the router's access log (one record per request or
WebSocket: status, timing, decision, instance, outcome, request and trace ids), filtered.

  --service ID             one service's requests
  --host NAME              one host name's requests (case and port ignored)
  --status LIST            only these statuses: classes like 5xx or codes like 502, comma-separated
  --follow, -f             keep printing records as they are written
  --file PATH              read this access-log file (the router's --access-log); default: the one of a
                           \`switchyard dev\` running here
  --router-admin HOST:PORT read the router's live stream instead (its /debug/access-log: the last
                           1000 records, then new ones with --follow)
  --json                   print the records as they are (NDJSON)`;

const options = {
  service: { type: 'string' },
  host: { type: 'string' },
  status: { type: 'string' },
  follow: { type: 'boolean', short: 'f', default: false },
  file: { type: 'string' },
  'router-admin': { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/** How often a followed file is checked for new lines (and for having been rotated). */
const FOLLOW_POLL_MS = 200;

export const logsCommand: Command = {
  name: 'logs',
  summary: "a service's requests from a router's access log (file or live stream)",
  usage,
  async run(args, io) {
    const { values } = parseCommand(args, options, usage);
    if (values.help) {
      io.out(usage);
      return 0;
    }
    if (values.service === undefined && values.host === undefined) {
      throw new UsageError('name the requests to show: --service ID or --host NAME', usage);
    }
    if (values.file !== undefined && values['router-admin'] !== undefined) {
      throw new UsageError('--file and --router-admin are two sources: give one', usage);
    }
    const filter: AccessFilter = {
      ...(values.service === undefined ? {} : { service: values.service }),
      ...(values.host === undefined ? {} : { host: values.host }),
      ...(values.status === undefined ? {} : { status: values.status }),
    };
    let matches: (line: AccessLine) => boolean;
    try {
      matches = accessFilter(filter);
    } catch (error) {
      if (error instanceof AccessFilterError) throw new UsageError(error.message, usage);
      throw error;
    }
    const print = (text: string): void => {
      const line = parseAccessLine(text);
      if (line !== undefined && matches(line)) io.out(values.json ? text : formatLine(line));
    };
    const signal = io.signal ?? stopSignal();
    if (values['router-admin'] !== undefined) {
      const admin = checkAdminAddress(values['router-admin'], '--router-admin', usage);
      return streamAdmin(admin, filter, values.follow, print, signal);
    }
    const file = values.file ?? findRunningDev(process.cwd())?.router.accessLog;
    if (file === undefined) {
      throw new UsageError(
        'no access log: give --file PATH or --router-admin HOST:PORT (or run `switchyard dev` here)',
        usage,
      );
    }
    return readFile(file, values.follow, print, signal, io);
  },
};

/** Aborted on SIGINT/SIGTERM, so --follow ends cleanly (exit 0). */
function stopSignal(): AbortSignal {
  const controller = new AbortController();
  const stop = (): void => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  controller.signal.addEventListener('abort', () => {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  });
  return controller.signal;
}

/** Prints the file's matching lines; with `follow`, then those appended, across a rotation (new inode or truncation). */
async function readFile(
  path: string,
  follow: boolean,
  print: (line: string) => void,
  signal: AbortSignal,
  io: CliIo,
): Promise<number> {
  let fd: number;
  let inode: number;
  try {
    fd = openSync(path, 'r');
    inode = statSync(path).ino;
  } catch (error) {
    io.err(`switchyard logs: cannot read ${path}: ${(error as Error).message}`);
    return 1;
  }
  let position = 0;
  let partial = '';
  const chunk = Buffer.allocUnsafe(64 * 1024);
  const drain = (): void => {
    for (;;) {
      const n = readSync(fd, chunk, 0, chunk.length, position);
      if (n === 0) return;
      position += n;
      const text = partial + chunk.toString('utf8', 0, n);
      const lines = text.split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) print(line);
    }
  };
  try {
    drain();
    while (follow && !signal.aborted) {
      await new Promise((resolve) => setTimeout(resolve, FOLLOW_POLL_MS));
      drain();
      let current: { ino: number; size: number } | undefined;
      try {
        current = statSync(path);
      } catch {
        current = undefined; // moved away, the new one not created yet
      }
      if (current !== undefined && (current.ino !== inode || current.size < position)) {
        closeSync(fd);
        fd = openSync(path, 'r');
        inode = current.ino;
        position = 0;
        partial = '';
      }
    }
  } finally {
    closeSync(fd);
  }
  return 0;
}

async function streamAdmin(
  admin: string,
  filter: AccessFilter,
  follow: boolean,
  print: (line: string) => void,
  signal: AbortSignal,
): Promise<number> {
  const query = new URLSearchParams({ ...filter, ...(follow ? { follow: '1' } : {}) });
  let res: Response;
  try {
    res = await fetch(`http://${admin}/debug/access-log?${query}`, { signal });
  } catch (error) {
    if (signal.aborted) return 0;
    throw new UsageError(`router admin ${admin} did not answer: ${(error as Error).message}`, usage);
  }
  if (res.status !== 200) {
    throw new UsageError(`router admin ${admin}: ${res.status} ${(await res.text()).trim()}`, usage);
  }
  let partial = '';
  const decoder = new TextDecoder();
  try {
    for await (const chunk of res.body as ReadableStream<Uint8Array>) {
      const lines = (partial + decoder.decode(chunk, { stream: true })).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) print(line);
    }
  } catch (error) {
    if (!signal.aborted) throw error;
  }
  return 0;
}

/** One record, readable: time, status, method, host+path, duration, decision and target, outcome, ids. */
export function formatLine(l: AccessLine): string {
  const time = new Date(l.time).toISOString();
  const upstream = l.instance === undefined ? l.decision : `${l.decision} ${l.instance}`;
  const outcome = l.outcome === undefined || l.outcome === 'ok' ? '' : ` ${l.outcome}`;
  const retries = l.retries > 0 ? ` retries=${l.retries}` : '';
  const kind = l.msg === 'upgrade' ? ' (websocket, closed)' : l.end === 'aborted' ? ' (client gone)' : '';
  return `${time} ${l.status} ${l.method} ${l.host}${l.path} ${l.durationMs}ms ${upstream}${outcome}${retries}${kind} in=${l.bytesIn} out=${l.bytesOut} client=${l.client} req=${l.requestId} trace=${l.traceId}`;
}

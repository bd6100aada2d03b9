import { hostname } from 'node:os';
import { OUTCOME_NAMES } from '@switchyard/http1';
import { DECISION_NAMES } from '../decisions.ts';
import {
  BYTES_IN,
  BYTES_OUT,
  DECISION,
  DURATION,
  END,
  FLAG_PATH_CUT,
  FLAG_UPGRADE,
  FLAGS,
  INSTANCE_PORT,
  LENGTHS,
  MINOR_VERSION,
  NONE,
  OUTCOME,
  RETRIES,
  STATUS,
  STRING_COUNT,
  STRINGS_AT,
  Str,
  TIME,
  TLS,
  TLS_VERSIONS,
  UPSTREAM,
} from './layout.ts';
import type { RingReader } from './ring.ts';

/** `end` values in a line, by RequestEnd code. */
export const END_NAMES: readonly string[] = ['completed', 'aborted', 'tunnel_closed', 'refused'];

/** One access-log line as parsed back (the fields `switchyard logs` and the admin stream filter on). */
export interface AccessLine {
  level: number;
  time: number;
  msg: string;
  requestId: string;
  traceId: string;
  serviceId?: string;
  host: string;
  method: string;
  path: string;
  protocol: string;
  status: number;
  bytesIn: number;
  bytesOut: number;
  durationMs: number;
  upstreamMs?: number;
  decision: string;
  end: string;
  instance?: string;
  outcome?: string;
  retries: number;
  client: string;
  userAgent?: string;
  tls?: string;
  sni?: string;
  pathCut?: boolean;
}

/** Outcome names as the metrics label them (`connect_failed`). */
const OUTCOMES = OUTCOME_NAMES.map((name) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`));

const PREFIX = `{"level":30,"pid":${process.pid},"hostname":${JSON.stringify(hostname())},"name":"access"`;
const offsets = new Int32Array(STRING_COUNT + 1);

/**
 * One record as an NDJSON line with pino's conventions (`level` 30, `time` in epoch ms, `pid`,
 * `hostname`, `msg`): `msg` is `request`, or `upgrade` for a tunnel's record written when it closed.
 * Optional fields are left out when empty. Status 0 (the client left before any response) is 499.
 */
export function formatRecord(r: RingReader, at: number): string {
  const b = r.bytes;
  const lengths = (at + LENGTHS) >> 1;
  let p = at + STRINGS_AT;
  for (let i = 0; i < STRING_COUNT; i++) {
    offsets[i] = p;
    p += r.u16[lengths + i] as number;
  }
  offsets[STRING_COUNT] = p;
  const latin1 = (which: number): string => b.toString('latin1', offsets[which], offsets[which + 1]);
  const text = (which: number): string => b.toString('utf8', offsets[which], offsets[which + 1]);

  const end = b[at + END] as number;
  const flags = b[at + FLAGS] as number;
  const decision = b[at + DECISION] as number;
  const outcome = b[at + OUTCOME] as number;
  const status = r.u16[(at + STATUS) >> 1] as number;
  const upstreamMs = r.f64[(at + UPSTREAM) >> 3] as number;
  const tls = b[at + TLS] as number;
  const serviceId = latin1(Str.serviceId);
  const instanceHost = latin1(Str.instanceHost);
  const userAgent = text(Str.userAgent);
  const sni = latin1(Str.sni);

  let line = `${PREFIX},"time":${Math.round(r.f64[(at + TIME) >> 3] as number)},"msg":"${end === 2 ? 'upgrade' : 'request'}"`;
  line += `,"requestId":${JSON.stringify(latin1(Str.requestId))},"traceId":${JSON.stringify(latin1(Str.traceId))}`;
  if (serviceId !== '') line += `,"serviceId":${JSON.stringify(serviceId)}`;
  line += `,"host":${JSON.stringify(text(Str.host))},"method":${JSON.stringify(latin1(Str.method))}`;
  line += `,"path":${JSON.stringify(text(Str.path))}`;
  if ((flags & FLAG_PATH_CUT) !== 0) line += ',"pathCut":true';
  const version = b[at + MINOR_VERSION];
  line += `,"protocol":"${version === 2 ? 'HTTP/2' : `HTTP/1.${version}`}","status":${status === 0 ? 499 : status}`;
  line += `,"bytesIn":${r.f64[(at + BYTES_IN) >> 3]},"bytesOut":${r.f64[(at + BYTES_OUT) >> 3]}`;
  line += `,"durationMs":${ms(r.f64[(at + DURATION) >> 3] as number)}`;
  if (upstreamMs >= 0) line += `,"upstreamMs":${ms(upstreamMs)}`;
  line += `,"decision":"${decision === NONE ? 'refused' : (DECISION_NAMES[decision] ?? 'unknown')}","end":"${END_NAMES[end] ?? 'unknown'}"`;
  if ((flags & FLAG_UPGRADE) !== 0) line += ',"upgrade":true';
  if (instanceHost !== '') {
    const host = instanceHost.includes(':') ? `[${instanceHost}]` : instanceHost;
    line += `,"instance":${JSON.stringify(`${host}:${r.u16[(at + INSTANCE_PORT) >> 1]}`)}`;
  }
  if (outcome !== NONE) line += `,"outcome":"${OUTCOMES[outcome] ?? 'unknown'}"`;
  line += `,"retries":${b[at + RETRIES]},"client":${JSON.stringify(latin1(Str.client))}`;
  if (userAgent !== '') line += `,"userAgent":${JSON.stringify(userAgent)}`;
  if (tls !== 0) line += `,"tls":"${TLS_VERSIONS[tls]}"`;
  if (sni !== '') line += `,"sni":${JSON.stringify(sni)}`;
  return `${line}}\n`;
}

/** Milliseconds to 3 decimals (microseconds). */
function ms(value: number): number {
  return Math.round(value * 1000) / 1000;
}

import type { AccessLine } from './format.ts';

/** Which access-log lines to show: `switchyard logs` and the router's `/debug/access-log`. */
export interface AccessFilter {
  /** Exact service id. */
  service?: string;
  /** Host name, compared without case and port. */
  host?: string;
  /** `5xx`, `4xx`, … or an exact status like `502`; several comma-separated. */
  status?: string;
}

export class AccessFilterError extends Error {
  override name = 'AccessFilterError';
}

/** A predicate over parsed lines; throws AccessFilterError for a status that is not `Nxx` or a code. */
export function accessFilter(filter: AccessFilter): (line: AccessLine) => boolean {
  const host = filter.host === undefined ? undefined : bareHost(filter.host);
  const statuses = filter.status === undefined ? undefined : parseStatuses(filter.status);
  return (line) =>
    (filter.service === undefined || line.serviceId === filter.service) &&
    (host === undefined || bareHost(String(line.host)) === host) &&
    (statuses === undefined || statuses(line.status));
}

/** Parses an NDJSON line; undefined for anything that is not an access-log record. */
export function parseAccessLine(text: string): AccessLine | undefined {
  if (!text.startsWith('{')) return undefined;
  try {
    const value = JSON.parse(text) as Partial<AccessLine>;
    return typeof value.status === 'number' && typeof value.requestId === 'string' ? (value as AccessLine) : undefined;
  } catch {
    return undefined;
  }
}

function bareHost(host: string): string {
  let h = host.toLowerCase();
  if (h.startsWith('[')) return h.slice(0, h.indexOf(']') + 1);
  const colon = h.lastIndexOf(':');
  if (colon >= 0) h = h.slice(0, colon);
  return h.endsWith('.') ? h.slice(0, -1) : h;
}

function parseStatuses(raw: string): (status: number) => boolean {
  const tests = raw.split(',').map((part) => {
    const p = part.trim().toLowerCase();
    if (/^[1-5]xx$/.test(p)) {
      const cls = Number(p[0]);
      return (s: number) => Math.floor(s / 100) === cls;
    }
    if (/^[1-5]\d\d$/.test(p)) {
      const code = Number(p);
      return (s: number) => s === code;
    }
    throw new AccessFilterError(
      `--status must be a class like 5xx or a code like 502 (comma-separated), got "${part}"`,
    );
  });
  return (status) => tests.some((t) => t(status));
}

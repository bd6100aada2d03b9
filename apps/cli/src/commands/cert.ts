import { readFile } from 'node:fs/promises';
import {
  ACME_STATES,
  type AcmeState,
  type AcmeStatus,
  addCertificate,
  type CertificateInfo,
  getAcmeStatus,
  getCertificate,
  listAcmeStatus,
  listCertificates,
  PlatformKey,
  removeCertificate,
  ValidationError,
} from '@switchyard/service-db';
import { databaseOptions, expectPositionals, parseCommand, resolveDatabaseUrl } from '../args.ts';
import { type Command, commandGroup } from '../command.ts';
import { withDatabase } from '../database.ts';
import { UsageError } from '../errors.ts';
import type { CliIo } from '../io.ts';
import { printJson } from '../output.ts';

const usage = `Usage:
  switchyard cert add SERVICE --cert FILE --key FILE [--source uploaded|acme] [--cert-key-file FILE]
  switchyard cert list [--service ID] [--expiring DURATION]
  switchyard cert show ID
  switchyard cert remove ID
  switchyard cert status [HOSTNAME] [--state pending|ordering|valid|failing|skipped]

TLS certificates of a service, served by every router of its region (delivered by the caches on
WatchCertificates, apart from routes). \`add\` checks the chain (PEM, leaf first, each certificate
issued by the next), that the key (RSA >= 2048 bits or ECDSA P-256/P-384, unencrypted) matches the
leaf, that its DNS names are valid hostnames (\`*.example.com\` allowed) and that it has not expired;
errors name the field (cert, key, names, serviceId). The key is stored sealed with AES-256-GCM under
the platform key: --cert-key-file FILE, else SWITCHYARD_CERT_KEY_FILE, else SWITCHYARD_CERT_KEY
(32 bytes: raw, hex or base64; e.g. \`openssl rand -hex 32\`). Keys are never printed.

\`status\` shows automatic certificates (ACME, \`switchyard certs\`): per hostname pending, ordering (by
which manager, lease until), valid until … (renewal from …), failing since … with the CA's last error
and the next attempt, or skipped (wildcards: HTTP-01 cannot validate them; upload one).

--expiring 30d lists those that expire within 30 days (units d, h, m, s), soonest first.
Every subcommand takes --database-url URL (env SWITCHYARD_DATABASE_URL) and --json.`;

async function add(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(
    args,
    {
      ...databaseOptions,
      cert: { type: 'string' },
      key: { type: 'string' },
      source: { type: 'string' },
      'cert-key-file': { type: 'string' },
    },
    usage,
  );
  if (values.help) return help(io);
  const [serviceId] = expectPositionals(positionals, ['SERVICE'], usage) as [string];
  if (values.cert === undefined) throw new UsageError('--cert FILE is required (the PEM chain, leaf first)', usage);
  if (values.key === undefined) throw new UsageError('--key FILE is required (the PEM private key)', usage);
  const source = values.source ?? 'uploaded';
  if (source !== 'uploaded' && source !== 'acme') {
    throw new UsageError(`--source must be uploaded or acme, got "${source}"`, usage);
  }
  const certPem = await readPem(values.cert, 'cert');
  const keyPem = await readPem(values.key, 'key');
  const platformKey = await PlatformKey.load({ file: values['cert-key-file'], env: io.env });
  if (!platformKey) {
    throw new UsageError(
      'no platform key to seal the private key with: pass --cert-key-file FILE or set SWITCHYARD_CERT_KEY(_FILE)',
      usage,
    );
  }
  const url = resolveDatabaseUrl(values['database-url'], io.env, usage);
  const cert = await withDatabase(url, (db) => addCertificate(db, platformKey, { serviceId, certPem, keyPem, source }));
  if (values.json) printJson(io, cert);
  else io.out(cert.id);
  return 0;
}

async function list(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(
    args,
    { ...databaseOptions, service: { type: 'string' }, expiring: { type: 'string' } },
    usage,
  );
  if (values.help) return help(io);
  expectPositionals(positionals, [], usage);
  const filter: Parameters<typeof listCertificates>[1] = {};
  if (values.service !== undefined) filter.serviceId = values.service;
  if (values.expiring !== undefined) filter.expiringWithinMs = parseSpan(values.expiring);
  const url = resolveDatabaseUrl(values['database-url'], io.env, usage);
  const certs = await withDatabase(url, (db) => listCertificates(db, filter));
  if (values.json) printJson(io, certs);
  else io.out(formatList(certs));
  return 0;
}

async function show(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(args, databaseOptions, usage);
  if (values.help) return help(io);
  const [id] = expectPositionals(positionals, ['ID'], usage) as [string];
  const url = resolveDatabaseUrl(values['database-url'], io.env, usage);
  const cert = await withDatabase(url, (db) => getCertificate(db, id));
  if (values.json) printJson(io, cert);
  else io.out(formatCertificate(cert));
  return 0;
}

async function remove(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(args, databaseOptions, usage);
  if (values.help) return help(io);
  const [id] = expectPositionals(positionals, ['ID'], usage) as [string];
  const url = resolveDatabaseUrl(values['database-url'], io.env, usage);
  await withDatabase(url, (db) => removeCertificate(db, id));
  if (values.json) printJson(io, { removed: id });
  else io.out(`removed certificate ${id}`);
  return 0;
}

async function status(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(args, { ...databaseOptions, state: { type: 'string' } }, usage);
  if (values.help) return help(io);
  if (positionals.length > 1) expectPositionals(positionals, ['HOSTNAME'], usage);
  const state = values.state;
  if (state !== undefined && !(ACME_STATES as readonly string[]).includes(state)) {
    throw new UsageError(`--state must be one of ${ACME_STATES.join(', ')}, got "${state}"`, usage);
  }
  const url = resolveDatabaseUrl(values['database-url'], io.env, usage);
  const [hostname] = positionals;
  if (hostname !== undefined) {
    const one = await withDatabase(url, (db) => getAcmeStatus(db, hostname));
    if (values.json) printJson(io, one);
    else io.out(formatStatus(one));
    return 0;
  }
  const all = await withDatabase(url, (db) =>
    listAcmeStatus(db, state === undefined ? {} : { state: state as AcmeState }),
  );
  if (values.json) printJson(io, all);
  else io.out(all.length === 0 ? 'no hostnames' : all.map(formatStatus).join('\n'));
  return 0;
}

/** One line a person reads: what is happening to the hostname's certificate, and what comes next. */
export function formatStatus(s: AcmeStatus): string {
  switch (s.state) {
    case 'pending':
      return `${s.hostname}  pending: next order from ${s.nextAttemptAt}`;
    case 'ordering':
      return `${s.hostname}  ordering (${s.claimedBy}, lease until ${s.leaseUntil})`;
    case 'valid':
      return `${s.hostname}  valid until ${s.notAfter} (renewal from ${s.nextAttemptAt})`;
    case 'failing':
      return `${s.hostname}  failing since ${s.failingSince} (${s.failures} failure${s.failures === 1 ? '' : 's'}, next attempt ${s.nextAttemptAt}): ${s.lastError}`;
    case 'skipped':
      return `${s.hostname}  skipped: ${s.lastError}`;
  }
}

async function readPem(path: string, field: 'cert' | 'key'): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new ValidationError(field, `${field}: cannot read "${path}": ${(error as Error).message}`);
  }
}

const SPAN_UNITS: Record<string, number> = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1_000 };

/** `30d`, `12h`, `90m`, `45s` → milliseconds. */
function parseSpan(value: string): number {
  const match = /^(\d+)(d|h|m|s)$/.exec(value.trim());
  if (!match) throw new UsageError(`--expiring must be a duration like 30d, 12h or 90m, got "${value}"`, usage);
  return Number(match[1]) * (SPAN_UNITS[match[2] as string] as number);
}

function daysLeft(notAfter: string): string {
  const days = Math.floor((Date.parse(notAfter) - Date.now()) / 86_400_000);
  return days < 0 ? 'expired' : `${days}d left`;
}

function formatList(certs: CertificateInfo[]): string {
  if (certs.length === 0) return 'no certificates';
  return certs
    .map((c) => `${c.id}  ${c.notAfter.slice(0, 10)} (${daysLeft(c.notAfter)})  ${c.status}  ${c.names.join(', ')}`)
    .join('\n');
}

function formatCertificate(c: CertificateInfo): string {
  return [
    `id:          ${c.id}`,
    `service:     ${c.serviceId}`,
    `names:       ${c.names.join(', ')}`,
    `valid:       ${c.notBefore} → ${c.notAfter} (${daysLeft(c.notAfter)})`,
    `source:      ${c.source}`,
    `status:      ${c.status}`,
    `fingerprint: ${c.fingerprint}`,
    `added:       ${c.createdAt}`,
  ].join('\n');
}

function help(io: CliIo): number {
  io.out(usage);
  return 0;
}

export const certCommand: Command = commandGroup(
  'cert',
  'add, list, show and remove TLS certificates; status of automatic (ACME) ones',
  usage,
  { add, list, show, remove, status },
);

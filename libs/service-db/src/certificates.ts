import { createPrivateKey, type KeyObject, randomBytes, X509Certificate } from 'node:crypto';
import { type AcmeChallenge, type Certificate, CertificateSource, type TicketKeys } from '@switchyard/proto';
import type pg from 'pg';
import { mapPgError, mappingPgErrors, NotFoundError, ValidationError } from './errors.ts';
import type { Queryable } from './queryable.ts';
import type { PlatformKey } from './secret-box.ts';
import { checkHostname, isUuid } from './validate.ts';

/**
 * Certificates and TLS session-ticket keys in the service database: validation at write time (errors
 * name the field: `cert`, `key`, `names`, `serviceId`), the private key sealed under the platform key
 * (secret-box.ts), and what caches read to deliver them (loadRegionTls, readTlsChanges, loadCertificates).
 * Nothing here returns a private key except the delivery functions, whose callers must never log it.
 */

export const CERTIFICATE_SOURCES = ['uploaded', 'acme'] as const;
export type CertificateSourceName = (typeof CERTIFICATE_SOURCES)[number];

/** A certificate as admin tools see it: everything but the private key. */
export interface CertificateInfo {
  id: string;
  serviceId: string;
  names: string[];
  /** SHA-256 of the leaf, hex with colons. */
  fingerprint: string;
  notBefore: string;
  notAfter: string;
  source: CertificateSourceName;
  status: 'active' | 'disabled';
  createdAt: string;
  updatedAt: string;
}

export interface CertificateInput {
  serviceId: string;
  /** PEM chain, leaf first (intermediates after it; a root is allowed but not needed). */
  certPem: string;
  /** PEM private key of the leaf (PKCS#8, PKCS#1 or SEC1; not passphrase-protected). */
  keyPem: string;
  source?: CertificateSourceName;
}

/** What validation extracts from a certificate and its key. */
export interface CheckedCertificate {
  chainPem: string;
  /** The key re-encoded as PKCS#8 PEM. */
  keyPem: string;
  names: string[];
  fingerprint: string;
  notBefore: Date;
  notAfter: Date;
}

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;
const MAX_CHAIN = 10;

/**
 * Checks a chain and its key: every PEM block parses, each certificate is issued and signed by the
 * next, the key is an unencrypted RSA (>= 2048 bits) or ECDSA key that matches the leaf, the leaf's DNS
 * subjectAltNames are valid hostnames (`*.example.com` allowed), and the leaf has not expired.
 */
export function checkCertificate(certPem: unknown, keyPem: unknown, now = new Date()): CheckedCertificate {
  if (typeof certPem !== 'string' || certPem.trim() === '') {
    throw new ValidationError('cert', 'cert: no PEM given');
  }
  const blocks = certPem.match(PEM_CERTIFICATE) ?? [];
  if (blocks.length === 0) throw new ValidationError('cert', 'cert: no "-----BEGIN CERTIFICATE-----" block found');
  if (blocks.length > MAX_CHAIN)
    throw new ValidationError('cert', `cert: a chain of at most ${MAX_CHAIN} certificates`);
  const chain = blocks.map((block, i) => {
    try {
      return new X509Certificate(block);
    } catch (error) {
      throw new ValidationError(
        'cert',
        `cert: certificate ${i + 1} of the chain does not parse: ${(error as Error).message}`,
      );
    }
  });
  for (let i = 0; i + 1 < chain.length; i++) {
    const child = chain[i] as X509Certificate;
    const parent = chain[i + 1] as X509Certificate;
    if (!child.checkIssued(parent) || !child.verify(parent.publicKey)) {
      throw new ValidationError(
        'cert',
        `cert: certificate ${i + 2} of the chain (${parent.subject}) did not issue certificate ${i + 1} (${child.subject}); put the leaf first, then its issuers in order`,
      );
    }
  }
  const leaf = chain[0] as X509Certificate;
  const key = checkKey(keyPem);
  if (!leaf.checkPrivateKey(key)) {
    throw new ValidationError(
      'key',
      'key: the private key does not match the certificate (the first one of the chain)',
    );
  }
  const notBefore = new Date(leaf.validFromDate ?? leaf.validFrom);
  const notAfter = new Date(leaf.validToDate ?? leaf.validTo);
  if (!(notAfter.getTime() > now.getTime())) {
    throw new ValidationError('cert', `cert: the certificate expired on ${notAfter.toISOString()}`);
  }
  return {
    chainPem: `${blocks.join('\n')}\n`,
    keyPem: key.export({ type: 'pkcs8', format: 'pem' }) as string,
    names: certificateNames(leaf),
    fingerprint: leaf.fingerprint256,
    notBefore,
    notAfter,
  };
}

function checkKey(keyPem: unknown): KeyObject {
  if (typeof keyPem !== 'string' || keyPem.trim() === '') throw new ValidationError('key', 'key: no PEM given');
  if (/ENCRYPTED/.test(keyPem)) {
    throw new ValidationError('key', 'key: passphrase-protected keys are not accepted; give the key unencrypted');
  }
  let key: KeyObject;
  try {
    key = createPrivateKey(keyPem);
  } catch (error) {
    throw new ValidationError('key', `key: not a PEM private key (${(error as Error).message})`);
  }
  const type = key.asymmetricKeyType;
  if (type === 'rsa') {
    const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
    if (bits < 2048) throw new ValidationError('key', `key: an RSA key of ${bits} bits; at least 2048`);
  } else if (type === 'ec') {
    const curve = key.asymmetricKeyDetails?.namedCurve;
    if (curve !== 'prime256v1' && curve !== 'secp384r1') {
      throw new ValidationError('key', `key: ECDSA curve ${curve}; use P-256 or P-384`);
    }
  } else {
    throw new ValidationError('key', `key: a ${type} key; use RSA or ECDSA (P-256, P-384)`);
  }
  return key;
}

/** The leaf's DNS subjectAltNames, validated and normalised; without any, the certificate is refused. */
function certificateNames(leaf: X509Certificate): string[] {
  const names = new Set<string>();
  for (const entry of (leaf.subjectAltName ?? '').split(/,\s*/)) {
    if (!entry.startsWith('DNS:')) continue;
    const raw = entry.slice(4);
    try {
      names.add(checkHostname(raw));
    } catch {
      throw new ValidationError(
        'names',
        `names: ${JSON.stringify(raw)} in the certificate's subjectAltName is not a valid hostname (a leading "*." is allowed)`,
      );
    }
  }
  if (names.size === 0) {
    throw new ValidationError('names', 'names: the certificate has no DNS subjectAltName (a CN alone is not used)');
  }
  return [...names].sort();
}

interface CertificateRow {
  id: string;
  service_id: string;
  names: string[];
  fingerprint: string;
  not_before: Date;
  not_after: Date;
  source: CertificateSourceName;
  status: 'active' | 'disabled';
  created_at: Date;
  updated_at: Date;
}

const INFO_COLUMNS =
  'id, service_id, names, fingerprint, not_before, not_after, source, status, created_at, updated_at';

function toInfo(row: CertificateRow): CertificateInfo {
  return {
    id: row.id,
    serviceId: row.service_id,
    names: row.names,
    fingerprint: row.fingerprint,
    notBefore: row.not_before.toISOString(),
    notAfter: row.not_after.toISOString(),
    source: row.source,
    status: row.status,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

const run = mappingPgErrors;

function checkId(field: 'id' | 'serviceId', value: unknown, what: string): string {
  if (!isUuid(value)) throw new NotFoundError(field, `${what} ${JSON.stringify(value)} not found`);
  return value.toLowerCase();
}

/** Validates and stores a certificate; the key is sealed under `platformKey` with the row's id as additional data. */
export async function addCertificate(
  db: Queryable,
  platformKey: PlatformKey,
  input: CertificateInput,
  now = new Date(),
): Promise<CertificateInfo> {
  const serviceId = checkId('serviceId', input.serviceId, 'service');
  const source = input.source ?? 'uploaded';
  if (!CERTIFICATE_SOURCES.includes(source)) {
    throw new ValidationError(
      'source',
      `invalid source ${JSON.stringify(source)}: expected one of ${CERTIFICATE_SOURCES.join(', ')}`,
    );
  }
  const checked = checkCertificate(input.certPem, input.keyPem, now);
  const id = uuid();
  const { rows } = await run(() =>
    db.query<CertificateRow>(
      `INSERT INTO certificates (id, service_id, chain_pem, key_sealed, names, fingerprint, not_before, not_after, source)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${INFO_COLUMNS}`,
      [
        id,
        serviceId,
        checked.chainPem,
        platformKey.seal(checked.keyPem, id),
        checked.names,
        checked.fingerprint,
        checked.notBefore,
        checked.notAfter,
        source,
      ],
    ),
  ).catch((error: unknown) => {
    if (error instanceof NotFoundError)
      throw new NotFoundError('serviceId', `service ${JSON.stringify(input.serviceId)} not found`);
    throw error;
  });
  return toInfo(rows[0] as CertificateRow);
}

/** Replaces a certificate's chain and key in place (a renewal): same id, routers switch to it on the next handshake. */
export async function replaceCertificate(
  db: Queryable,
  platformKey: PlatformKey,
  id: string,
  input: Pick<CertificateInput, 'certPem' | 'keyPem'>,
  now = new Date(),
): Promise<CertificateInfo> {
  const certId = checkId('id', id, 'certificate');
  const checked = checkCertificate(input.certPem, input.keyPem, now);
  const { rows } = await run(() =>
    db.query<CertificateRow>(
      `UPDATE certificates SET chain_pem = $2, key_sealed = $3, names = $4, fingerprint = $5, not_before = $6,
         not_after = $7, updated_at = now()
       WHERE id = $1 RETURNING ${INFO_COLUMNS}`,
      [
        certId,
        checked.chainPem,
        platformKey.seal(checked.keyPem, certId),
        checked.names,
        checked.fingerprint,
        checked.notBefore,
        checked.notAfter,
      ],
    ),
  );
  if (!rows[0]) throw new NotFoundError('id', `certificate ${JSON.stringify(id)} not found`);
  return toInfo(rows[0]);
}

export async function getCertificate(db: Queryable, id: string): Promise<CertificateInfo> {
  const certId = checkId('id', id, 'certificate');
  const { rows } = await run(() =>
    db.query<CertificateRow>(`SELECT ${INFO_COLUMNS} FROM certificates WHERE id = $1`, [certId]),
  );
  if (!rows[0]) throw new NotFoundError('id', `certificate ${JSON.stringify(id)} not found`);
  return toInfo(rows[0]);
}

/** Certificates ordered by expiry (soonest first); `expiringWithinMs` keeps those ending before now + it. */
export async function listCertificates(
  db: Queryable,
  opts: { serviceId?: string; expiringWithinMs?: number; now?: Date; limit?: number } = {},
): Promise<CertificateInfo[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (opts.serviceId !== undefined) {
    params.push(checkId('serviceId', opts.serviceId, 'service'));
    where.push(`service_id = $${params.length}`);
  }
  if (opts.expiringWithinMs !== undefined) {
    if (!Number.isFinite(opts.expiringWithinMs) || opts.expiringWithinMs < 0) {
      throw new ValidationError('expiring', `invalid expiring ${opts.expiringWithinMs}: a non-negative duration`);
    }
    params.push(new Date((opts.now ?? new Date()).getTime() + opts.expiringWithinMs));
    where.push(`not_after < $${params.length}`);
  }
  const limit = opts.limit ?? 1000;
  if (!Number.isSafeInteger(limit) || limit < 1) {
    throw new ValidationError('limit', `invalid limit ${JSON.stringify(limit)}: a positive integer`);
  }
  params.push(limit);
  const { rows } = await run(() =>
    db.query<CertificateRow>(
      `SELECT ${INFO_COLUMNS} FROM certificates ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY not_after, id LIMIT $${params.length}`,
      params,
    ),
  );
  return rows.map(toInfo);
}

export async function removeCertificate(db: Queryable, id: string): Promise<void> {
  const certId = checkId('id', id, 'certificate');
  const { rowCount } = await run(() => db.query('DELETE FROM certificates WHERE id = $1', [certId]));
  if (rowCount === 0) throw new NotFoundError('id', `certificate ${JSON.stringify(id)} not found`);
}

/** Enables or disables a certificate; a disabled one is withdrawn from routers (a tombstone). */
export async function setCertificateStatus(db: Queryable, id: string, status: 'active' | 'disabled'): Promise<void> {
  const certId = checkId('id', id, 'certificate');
  if (status !== 'active' && status !== 'disabled') {
    throw new ValidationError('status', `invalid status ${JSON.stringify(status)}: expected one of active, disabled`);
  }
  const { rowCount } = await run(() =>
    db.query('UPDATE certificates SET status = $2, updated_at = now() WHERE id = $1', [certId, status]),
  );
  if (rowCount === 0) throw new NotFoundError('id', `certificate ${JSON.stringify(id)} not found`);
}

function uuid(): string {
  const b = randomBytes(16);
  b[6] = ((b[6] as number) & 0x0f) | 0x40;
  b[8] = ((b[8] as number) & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

// ---------------------------------------------------------------------------------------------------
// Delivery: what a cache reads (keys opened with the platform key; never log what these return).

interface DeliveryRow {
  id: string;
  service_id: string;
  region: string;
  names: string[];
  chain_pem: string;
  key_sealed: Buffer;
  fingerprint: string;
  not_before_ms: string;
  not_after_ms: string;
  source: CertificateSourceName;
}

const DELIVERY_SELECT = `SELECT c.id, c.service_id, s.region, c.names, c.chain_pem, c.key_sealed, c.fingerprint,
    floor(extract(epoch FROM c.not_before) * 1000)::text AS not_before_ms,
    floor(extract(epoch FROM c.not_after) * 1000)::text AS not_after_ms, c.source
  FROM certificates c JOIN services s ON s.id = c.service_id`;

/** A certificate whose sealed key could not be opened (another platform key, or tampered). */
export interface UnreadableCertificate {
  id: string;
  reason: string;
}

function toDelivered(
  row: DeliveryRow,
  platformKey: PlatformKey,
  unreadable: UnreadableCertificate[],
): Certificate | undefined {
  let keyPem: string;
  try {
    keyPem = platformKey.open(row.key_sealed, row.id).toString('utf8');
  } catch (error) {
    unreadable.push({ id: row.id, reason: (error as Error).message });
    return undefined;
  }
  return {
    id: row.id,
    serviceId: row.service_id,
    names: row.names,
    chainPem: row.chain_pem,
    privateKeyPem: keyPem,
    notBeforeMs: Number(row.not_before_ms),
    notAfterMs: Number(row.not_after_ms),
    source:
      row.source === 'acme' ? CertificateSource.CERTIFICATE_SOURCE_ACME : CertificateSource.CERTIFICATE_SOURCE_UPLOADED,
    fingerprint: row.fingerprint,
    version: 0,
    commitTimeMs: 0,
  };
}

/** Active certificates of `region` among `ids`, keys opened; the others (absent, disabled, elsewhere) are not returned. */
export async function loadCertificates(
  db: Queryable,
  platformKey: PlatformKey,
  region: string,
  ids: readonly string[],
): Promise<{ certificates: Certificate[]; unreadable: UnreadableCertificate[] }> {
  const wanted = [...new Set(ids.filter(isUuid).map((id) => id.toLowerCase()))];
  const { rows } = await db.query<DeliveryRow>(
    `${DELIVERY_SELECT} WHERE c.id = ANY($1::uuid[]) AND c.status = 'active' AND s.region = $2 ORDER BY c.id`,
    [wanted, region],
  );
  const unreadable: UnreadableCertificate[] = [];
  const certificates: Certificate[] = [];
  for (const row of rows) {
    const cert = toDelivered(row, platformKey, unreadable);
    if (cert) certificates.push(cert);
  }
  return { certificates, unreadable };
}

/** The current and previous ticket keys of a region (newest first, at most two). */
export async function loadTicketKeys(db: Queryable, platformKey: PlatformKey, region: string): Promise<Buffer[]> {
  const { rows } = await db.query<{ key_sealed: Buffer }>(
    'SELECT key_sealed FROM tls_ticket_keys WHERE region = $1 ORDER BY id DESC LIMIT 2',
    [region],
  );
  const keys: Buffer[] = [];
  for (const row of rows) {
    try {
      keys.push(platformKey.open(row.key_sealed, `ticket:${region}`));
    } catch {
      // A key sealed under another platform key is useless here; the next rotation replaces it.
    }
  }
  return keys;
}

/**
 * Adds a new current ticket key for `region` unless the newest is younger than `everyMs`, and drops all
 * but the newest two. Safe to call from every cache of a region at once: a transaction-level advisory
 * lock per region serialises them, so one rotation happens per period. Returns whether it rotated.
 */
export async function rotateTicketKeys(
  pool: pg.Pool,
  platformKey: PlatformKey,
  region: string,
  opts: { everyMs: number },
): Promise<boolean> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SELECT pg_advisory_xact_lock(hashtextextended('switchyard_ticket_keys:' || $1, 0))`, [region]);
    const { rows } = await client.query<{ fresh: boolean }>(
      `SELECT coalesce(max(created_at) > now() - make_interval(secs => $2 / 1000.0), false) AS fresh
       FROM tls_ticket_keys WHERE region = $1`,
      [region, opts.everyMs],
    );
    if (rows[0]?.fresh) {
      await client.query('ROLLBACK');
      return false;
    }
    await client.query('INSERT INTO tls_ticket_keys (region, key_sealed) VALUES ($1, $2)', [
      region,
      platformKey.seal(randomBytes(TICKET_KEY_BYTES), `ticket:${region}`),
    ]);
    await client.query(
      `DELETE FROM tls_ticket_keys WHERE region = $1 AND id NOT IN
         (SELECT id FROM tls_ticket_keys WHERE region = $1 ORDER BY id DESC LIMIT 2)`,
      [region],
    );
    await client.query('COMMIT');
    return true;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw mapPgError(error);
  } finally {
    client.release();
  }
}

/** Node's `ticketKeys`: 16 bytes key name, 16 bytes HMAC secret, 16 bytes AES key. */
export const TICKET_KEY_BYTES = 48;

export interface TlsChangeBatch {
  /** xmin of the snapshot the changes were read with. */
  version: number;
  certificateIds: string[];
  /** Regions whose ticket keys changed. */
  ticketRegions: string[];
  /** Some ACME challenge was added, changed or removed: reload them (loadAcmeChallenges). */
  challengesChanged: boolean;
  commitTimeMs: number;
  /** The changelog no longer reaches back to `sinceVersion` (or it is 0): reload in full. */
  resyncRequired: boolean;
}

/** The TLS changelog since `sinceVersion`, in one statement (one snapshot), like readChanges. */
export async function readTlsChanges(db: Queryable, sinceVersion: number): Promise<TlsChangeBatch> {
  if (!Number.isSafeInteger(sinceVersion) || sinceVersion < 0) {
    throw new RangeError(`version must be a non-negative safe integer, got ${sinceVersion}`);
  }
  const { rows } = await db.query<{
    version: string;
    pruned_below: string;
    ids: string[];
    regions: string[];
    challenges: boolean;
    commit_ms: string | null;
  }>(
    `WITH changes AS (SELECT certificate_id, ticket_region, challenge_token, changed_at FROM tls_changes_since($1::xid8))
     SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS version,
            (SELECT pruned_below::text FROM route_changes_horizon) AS pruned_below,
            ARRAY(SELECT DISTINCT certificate_id::text FROM changes WHERE certificate_id IS NOT NULL) AS ids,
            ARRAY(SELECT DISTINCT ticket_region FROM changes WHERE ticket_region IS NOT NULL) AS regions,
            EXISTS (SELECT 1 FROM changes WHERE challenge_token IS NOT NULL) AS challenges,
            (SELECT floor(extract(epoch FROM max(changed_at)) * 1000)::text FROM changes) AS commit_ms`,
    [String(sinceVersion)],
  );
  const row = rows[0];
  if (!row) throw new Error('readTlsChanges: no row returned');
  return {
    version: Number(row.version),
    certificateIds: row.ids,
    ticketRegions: row.regions,
    challengesChanged: row.challenges,
    commitTimeMs: row.commit_ms === null ? 0 : Number(row.commit_ms),
    resyncRequired: sinceVersion === 0 || sinceVersion < Number(row.pruned_below),
  };
}

/** A region's TLS material from one snapshot, stamped so that a client of any cache can resume from it. */
export interface RegionTls {
  /** The snapshot's xmin. */
  version: number;
  commitTimeMs: number;
  /** Every TLS change at or above this is in the changelog: clients at or above it can resume with deltas. */
  completeSince: number;
  /** Active certificates, each stamped with the version after its newest logged change (capped at `version`). */
  certificates: Certificate[];
  /** Certificates changed since `completeSince` that are not delivered (removed, disabled, elsewhere), stamped likewise. */
  tombstones: [string, number][];
  ticketKeys: TicketKeys;
  /** Every ACME challenge in progress (all regions answer all of them), stamped like the ticket keys. */
  acmeChallenges: { challenges: AcmeChallenge[]; version: number };
  unreadable: UnreadableCertificate[];
}

/** The ACME HTTP-01 challenges that have not expired, oldest first (every router answers them). */
export async function loadAcmeChallenges(db: Queryable): Promise<AcmeChallenge[]> {
  const { rows } = await db.query<{ token: string; hostname: string; key_authorization: string; expires_ms: string }>(
    `SELECT token, hostname, key_authorization, floor(extract(epoch FROM expires_at) * 1000)::text AS expires_ms
     FROM acme_challenges WHERE expires_at > now() ORDER BY created_at, token`,
  );
  return rows.map((r) => ({
    token: r.token,
    hostname: r.hostname,
    keyAuthorization: r.key_authorization,
    expiresAtMs: Number(r.expires_ms),
  }));
}

/** Loads a region's certificates and ticket keys in one REPEATABLE READ snapshot (the initial load of a cache). */
export async function loadRegionTls(pool: pg.Pool, platformKey: PlatformKey, region: string): Promise<RegionTls> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const head = await client.query<{ version: string; now_ms: string; pruned_below: string }>(
      `SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS version,
              floor(extract(epoch FROM statement_timestamp()) * 1000)::text AS now_ms,
              (SELECT pruned_below::text FROM route_changes_horizon) AS pruned_below`,
    );
    const {
      version: v,
      now_ms,
      pruned_below,
    } = head.rows[0] as { version: string; now_ms: string; pruned_below: string };
    const version = Number(v);
    const completeSince = Math.min(version, Math.max(1, Number(pruned_below)));
    const stamps = await client.query<{
      id: string | null;
      region: string | null;
      challenge: boolean;
      xid: string;
      ms: string;
    }>(
      `SELECT certificate_id::text AS id, ticket_region AS region, challenge_token IS NOT NULL AS challenge,
              max(xid)::text AS xid, floor(extract(epoch FROM max(changed_at)) * 1000)::text AS ms
       FROM tls_changes WHERE xid >= $1::xid8 GROUP BY certificate_id, ticket_region, challenge_token IS NOT NULL`,
      [String(completeSince)],
    );
    const { rows } = await client.query<DeliveryRow>(
      `${DELIVERY_SELECT} WHERE c.status = 'active' AND s.region = $1 ORDER BY c.id`,
      [region],
    );
    const ticketKeys = await loadTicketKeys(client, platformKey, region);
    const challenges = await loadAcmeChallenges(client);
    await client.query('COMMIT');
    const stampOf = new Map<string, { version: number; ms: number }>();
    let ticketStamp = { version: completeSince, ms: 0 };
    let challengeStamp = { version: completeSince, ms: 0 };
    for (const s of stamps.rows) {
      const stamp = { version: Math.min(Number(s.xid) + 1, version), ms: Number(s.ms) };
      if (s.id) stampOf.set(s.id, stamp);
      else if (s.challenge) challengeStamp = stamp;
      else if (s.region === region) ticketStamp = stamp;
    }
    const unreadable: UnreadableCertificate[] = [];
    const certificates: Certificate[] = [];
    for (const row of rows) {
      const cert = toDelivered(row, platformKey, unreadable);
      if (!cert) continue;
      const stamp = stampOf.get(row.id);
      cert.version = stamp?.version ?? completeSince;
      cert.commitTimeMs = stamp?.ms ?? 0;
      certificates.push(cert);
      stampOf.delete(row.id);
    }
    return {
      version,
      commitTimeMs: Number(now_ms),
      completeSince,
      certificates,
      tombstones: [...stampOf].map(([id, stamp]) => [id, stamp.version]),
      ticketKeys: { keys: ticketKeys, version: ticketStamp.version },
      acmeChallenges: { challenges, version: challengeStamp.version },
      unreadable,
    };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

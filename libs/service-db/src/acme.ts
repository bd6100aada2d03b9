import { randomInt } from 'node:crypto';
import type pg from 'pg';
import { addCertificate, replaceCertificate } from './certificates.ts';
import { NotFoundError } from './errors.ts';
import { atomically, type Queryable, withTransaction } from './queryable.ts';
import type { PlatformKey } from './secret-box.ts';
import { normalizeHostname } from './validate.ts';

/**
 * ACME state in the service database (migration 0005): which hostnames need a certificate, the claims
 * that let several certificate managers run at once (FOR UPDATE SKIP LOCKED + a lease + a fencing token),
 * the per-account order budget, and the HTTP-01 challenges the caches deliver to every router.
 */

export const ACME_STATES = ['pending', 'ordering', 'valid', 'failing', 'skipped'] as const;
export type AcmeState = (typeof ACME_STATES)[number];

/** A hostname's ACME status, as `switchyard cert status` and the manager's /debug/status show it. */
export interface AcmeStatus {
  hostname: string;
  state: AcmeState;
  /** When the next order (or renewal) may start. */
  nextAttemptAt: string;
  /** The manager holding the order, while `ordering`. */
  claimedBy: string | null;
  leaseUntil: string | null;
  failures: number;
  failingSince: string | null;
  /** The CA's last error (failing), or why the hostname is skipped. */
  lastError: string | null;
  certificateId: string | null;
  /** Expiry of the certificate covering the hostname. */
  notAfter: string | null;
  /** New orders placed for it so far. */
  orders: number;
  updatedAt: string;
}

/** A hostname claimed for an order: only the holder of `fence` may store its result. */
export interface AcmeClaim {
  hostname: string;
  fence: number;
  /** Consecutive failures before this attempt (for backoff). */
  failures: number;
  /** An ACME certificate of ours that covers only this name: a renewal replaces it in place. */
  renewsCertificateId: string | null;
}

/** The manager's claim was taken over (its lease expired and another manager claimed the hostname). */
export class FencedOutError extends Error {
  override readonly name = 'FencedOutError';
  readonly code = 'FENCED_OUT';
}

export interface ClaimOptions {
  /** Who claims (manager id, for status and logs). */
  owner: string;
  leaseMs: number;
  /** At most this many claims per call. */
  limit: number;
  /** Renewal starts this much earlier at most (random, spreads renewals); default lifetime/10, capped at a day. */
  maxJitterMs?: number;
  /** Hostnames ending with one of these (e.g. `.localhost`) are left alone: never claimed. */
  skipSuffixes?: readonly string[];
}

interface DueRow {
  hostname: string;
  failures: number;
  not_after: Date | null;
  certificate_id: string | null;
  cover_id: string | null;
  cover_not_before: Date | null;
  cover_not_after: Date | null;
  cover_source: string | null;
  cover_names: string[] | null;
}

/**
 * Claims hostnames whose turn has come (`next_attempt_at` passed, no live lease), in one transaction with
 * FOR UPDATE SKIP LOCKED: two managers never claim the same row. A due hostname that a certificate already
 * covers (uploaded, or issued since) is marked valid with its renewal time (a third of its lifetime before
 * expiry, minus jitter) instead of being claimed; a due renewal of the certificate it was scheduled for
 * is claimed. Each claim gets a fresh fencing token.
 */
export async function claimAcmeHostnames(pool: pg.Pool, options: ClaimOptions): Promise<AcmeClaim[]> {
  return withTransaction(pool, async (client) => {
    const { rows } = await client.query<DueRow>(
      `WITH due AS (
         SELECT a.hostname, a.failures, a.not_after, a.certificate_id FROM acme_hostnames a
         WHERE a.state <> 'skipped' AND a.next_attempt_at <= now() AND (a.lease_until IS NULL OR a.lease_until < now())
           AND NOT a.hostname LIKE ANY($2::text[])
         ORDER BY a.next_attempt_at LIMIT $1
         FOR UPDATE SKIP LOCKED)
       SELECT d.*, c.id AS cover_id, c.not_before AS cover_not_before, c.not_after AS cover_not_after,
              c.source AS cover_source, c.names AS cover_names
       FROM due d LEFT JOIN LATERAL (
         SELECT id, not_before, not_after, source, names FROM certificates
         WHERE status = 'active' AND not_before <= now() AND not_after > now()
           AND names && ARRAY[d.hostname, '*' || substr(d.hostname, strpos(d.hostname, '.'))]
         ORDER BY not_after DESC LIMIT 1) c ON true`,
      [options.limit, (options.skipSuffixes ?? []).map((suffix) => `%${suffix.replace(/[\\%_]/g, (c) => `\\${c}`)}`)],
    );
    const claims: AcmeClaim[] = [];
    for (const row of rows) {
      const cover = row.cover_id === null ? undefined : row;
      const scheduledFor = row.not_after?.getTime();
      if (cover?.cover_not_after && cover.cover_not_after.getTime() !== scheduledFor) {
        // Covered by a certificate we have not scheduled yet: valid until it, renewal at a third left.
        const next = renewalTime(cover.cover_not_before as Date, cover.cover_not_after, options.maxJitterMs);
        await client.query(
          `UPDATE acme_hostnames SET state = 'valid', not_after = $2, certificate_id = $3, next_attempt_at = $4,
             failures = 0, failing_since = NULL, last_error = NULL, claimed_by = NULL, lease_until = NULL, updated_at = now()
           WHERE hostname = $1`,
          [row.hostname, cover.cover_not_after, cover.cover_id, next],
        );
        continue;
      }
      const { rows: fenced } = await client.query<{ fence: string }>(
        `UPDATE acme_hostnames SET state = 'ordering', claimed_by = $2, fence = nextval('acme_fence'),
           lease_until = now() + make_interval(secs => $3 / 1000.0), updated_at = now()
         WHERE hostname = $1 RETURNING fence::text`,
        [row.hostname, options.owner, options.leaseMs],
      );
      const ours =
        cover?.cover_source === 'acme' &&
        cover.cover_names?.length === 1 &&
        cover.cover_names[0] === row.hostname &&
        cover.cover_id;
      claims.push({
        hostname: row.hostname,
        fence: Number(fenced[0]?.fence),
        failures: row.failures,
        renewsCertificateId: ours || null,
      });
    }
    return claims;
  });
}

/** When to renew a certificate: a third of its lifetime before expiry, minus up to `maxJitterMs` (random). */
export function renewalTime(notBefore: Date, notAfter: Date, maxJitterMs?: number): Date {
  const lifetime = notAfter.getTime() - notBefore.getTime();
  const due = notAfter.getTime() - Math.floor(lifetime / 3);
  const jitterCap = Math.max(0, Math.min(maxJitterMs ?? Math.min(lifetime / 10, 86_400_000), lifetime / 10));
  return new Date(due - (jitterCap >= 1 ? randomInt(Math.floor(jitterCap) + 1) : 0));
}

/** Extends a claim's lease; false when the claim is no longer ours (fenced out). */
export async function extendAcmeLease(
  db: Queryable,
  hostname: string,
  fence: number,
  leaseMs: number,
): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE acme_hostnames SET lease_until = now() + make_interval(secs => $3 / 1000.0)
     WHERE hostname = $1 AND fence = $2 AND state = 'ordering'`,
    [hostname, fence, leaseMs],
  );
  return rowCount === 1;
}

/** Locks the claimed row and checks the fence; FencedOutError when another manager holds it now. */
async function lockClaim(client: pg.ClientBase, hostname: string, fence: number): Promise<{ service_id: string }> {
  const { rows } = await client.query<{ fence: string | null; state: string; service_id: string }>(
    `SELECT a.fence::text, a.state, h.service_id FROM acme_hostnames a JOIN hostnames h USING (hostname)
     WHERE a.hostname = $1 FOR UPDATE OF a`,
    [hostname],
  );
  const row = rows[0];
  if (!row) throw new NotFoundError('hostname', `hostname ${JSON.stringify(hostname)} no longer exists`);
  if (row.state !== 'ordering' || Number(row.fence) !== fence) {
    throw new FencedOutError(`the claim on ${hostname} (fence ${fence}) was taken over`);
  }
  return row;
}

export interface IssuedCertificate {
  hostname: string;
  fence: number;
  certPem: string;
  keyPem: string;
  /** Replace this certificate in place (a renewal of ours), else add a new one. */
  renewsCertificateId: string | null;
  maxJitterMs?: number;
}

/**
 * Stores an issued certificate (source acme, key sealed under the platform key) if the claim is still
 * ours, in one transaction with the fence check: a manager whose lease expired and was taken over gets
 * FencedOutError and stores nothing. Marks the hostname valid with its renewal time and drops its challenges.
 */
export async function storeAcmeCertificate(
  pool: pg.Pool,
  platformKey: PlatformKey,
  issued: IssuedCertificate,
): Promise<{ certificateId: string; notAfter: string; renewAt: Date }> {
  return withTransaction(pool, async (client) => {
    const claim = await lockClaim(client, issued.hostname, issued.fence);
    const input = { certPem: issued.certPem, keyPem: issued.keyPem };
    const info =
      issued.renewsCertificateId === null
        ? await addCertificate(client, platformKey, { ...input, serviceId: claim.service_id, source: 'acme' })
        : await replaceCertificate(client, platformKey, issued.renewsCertificateId, input);
    const renewAt = renewalTime(new Date(info.notBefore), new Date(info.notAfter), issued.maxJitterMs);
    await client.query(
      `UPDATE acme_hostnames SET state = 'valid', certificate_id = $2, not_after = $3, next_attempt_at = $4,
         failures = 0, failing_since = NULL, last_error = NULL, claimed_by = NULL, lease_until = NULL, updated_at = now()
       WHERE hostname = $1`,
      [issued.hostname, info.id, info.notAfter, renewAt],
    );
    await client.query('DELETE FROM acme_challenges WHERE hostname = $1', [issued.hostname]);
    return { certificateId: info.id, notAfter: info.notAfter, renewAt };
  });
}

/** Records a failed attempt (if the claim is still ours): failing since the first, retried at `retryAt`. */
export async function recordAcmeFailure(
  pool: pg.Pool,
  failure: { hostname: string; fence: number; error: string; retryAt: Date },
): Promise<boolean> {
  return withTransaction(pool, async (client) => {
    const { rowCount } = await client.query(
      `UPDATE acme_hostnames SET state = 'failing', failures = failures + 1, failing_since = coalesce(failing_since, now()),
         last_error = left($3, 2000), next_attempt_at = $4, claimed_by = NULL, lease_until = NULL, updated_at = now()
       WHERE hostname = $1 AND fence = $2 AND state = 'ordering'`,
      [failure.hostname, failure.fence, failure.error, failure.retryAt],
    );
    await client.query('DELETE FROM acme_challenges WHERE hostname = $1', [failure.hostname]);
    return rowCount === 1;
  });
}

/** Gives a claim back without an attempt (the order budget is spent): pending again from `retryAt`. */
export async function releaseAcmeClaim(db: Queryable, hostname: string, fence: number, retryAt: Date): Promise<void> {
  await db.query(
    `UPDATE acme_hostnames SET state = CASE WHEN failures > 0 THEN 'failing' ELSE 'pending' END,
       next_attempt_at = $3, claimed_by = NULL, lease_until = NULL, updated_at = now()
     WHERE hostname = $1 AND fence = $2 AND state = 'ordering'`,
    [hostname, fence, retryAt],
  );
}

export interface OrderBudget {
  /** New orders allowed per window per account. */
  orders: number;
  windowMs: number;
  /** At least this long between two new orders of one account (pacing: no bursts). */
  spacingMs: number;
}

/**
 * Takes one new order from the account's budget, shared by every manager using the account (an advisory
 * lock serialises them): `{ ok: true }`, or the time at which the budget allows the next order.
 */
export async function reserveAcmeOrder(
  pool: pg.Pool,
  account: string,
  hostname: string,
  budget: OrderBudget,
): Promise<{ ok: true } | { ok: false; retryAt: Date }> {
  return withTransaction(pool, async (client) => {
    await client.query(`SELECT pg_advisory_xact_lock(hashtextextended('switchyard-acme-orders:' || $1, 0))`, [account]);
    const { rows } = await client.query<{ n: string; oldest: Date | null; newest: Date | null; now: Date }>(
      `SELECT count(*)::text AS n, min(created_at) AS oldest, max(created_at) AS newest, now() AS now FROM acme_order_log
       WHERE account = $1 AND created_at > now() - make_interval(secs => $2 / 1000.0)`,
      [account, budget.windowMs],
    );
    const row = rows[0] as { n: string; oldest: Date | null; newest: Date | null; now: Date };
    const now = row.now.getTime();
    if (Number(row.n) >= budget.orders && row.oldest) {
      return { ok: false, retryAt: new Date(row.oldest.getTime() + budget.windowMs + 1) };
    }
    if (row.newest && now - row.newest.getTime() < budget.spacingMs) {
      return { ok: false, retryAt: new Date(row.newest.getTime() + budget.spacingMs) };
    }
    await client.query('INSERT INTO acme_order_log (account, hostname) VALUES ($1, $2)', [account, hostname]);
    await client.query('UPDATE acme_hostnames SET orders = orders + 1 WHERE hostname = $1', [hostname]);
    // Old entries are of no use past the window.
    await client.query(
      `DELETE FROM acme_order_log WHERE account = $1 AND created_at < now() - make_interval(secs => $2 / 1000.0) * 2`,
      [account, budget.windowMs],
    );
    return { ok: true };
  });
}

/** New orders of an account within the window (metrics, status). */
export async function countAcmeOrders(db: Queryable, account: string, windowMs: number): Promise<number> {
  const { rows } = await db.query<{ n: string }>(
    `SELECT count(*)::text AS n FROM acme_order_log WHERE account = $1 AND created_at > now() - make_interval(secs => $2 / 1000.0)`,
    [account, windowMs],
  );
  return Number(rows[0]?.n ?? 0);
}

/** Publishes an HTTP-01 challenge (the caches deliver it to every router), if the claim is still ours. */
export async function putAcmeChallenge(
  db: Queryable,
  challenge: { hostname: string; fence: number; token: string; keyAuthorization: string; expiresAt: Date },
): Promise<void> {
  await atomically(db, async (client) => {
    await lockClaim(client, challenge.hostname, challenge.fence);
    await client.query(
      `INSERT INTO acme_challenges (token, hostname, key_authorization, expires_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (token) DO UPDATE SET hostname = $2, key_authorization = $3, expires_at = $4`,
      [challenge.token, challenge.hostname, challenge.keyAuthorization, challenge.expiresAt],
    );
  });
}

/** Removes a hostname's challenges (validation over), or every expired one without `hostname`. */
export async function deleteAcmeChallenges(db: Queryable, hostname?: string): Promise<number> {
  const { rowCount } =
    hostname === undefined
      ? await db.query('DELETE FROM acme_challenges WHERE expires_at <= now()')
      : await db.query('DELETE FROM acme_challenges WHERE hostname = $1', [hostname]);
  return rowCount ?? 0;
}

interface StatusRow {
  hostname: string;
  state: AcmeState;
  next_attempt_at: Date;
  claimed_by: string | null;
  lease_until: Date | null;
  failures: number;
  failing_since: Date | null;
  last_error: string | null;
  certificate_id: string | null;
  not_after: Date | null;
  orders: string;
  updated_at: Date;
}

const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString());

function toStatus(row: StatusRow): AcmeStatus {
  return {
    hostname: row.hostname,
    state: row.state,
    nextAttemptAt: row.next_attempt_at.toISOString(),
    claimedBy: row.state === 'ordering' ? row.claimed_by : null,
    leaseUntil: row.state === 'ordering' ? iso(row.lease_until) : null,
    failures: row.failures,
    failingSince: iso(row.failing_since),
    lastError: row.last_error,
    certificateId: row.certificate_id,
    notAfter: iso(row.not_after),
    orders: Number(row.orders),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** One hostname's ACME status; NotFoundError (field `hostname`) for a name not in the service database. */
export async function getAcmeStatus(db: Queryable, hostname: string): Promise<AcmeStatus> {
  const name = normalizeHostname(hostname);
  const { rows } = await db.query<StatusRow>('SELECT * FROM acme_hostnames WHERE hostname = $1', [name]);
  if (!rows[0]) throw new NotFoundError('hostname', `hostname ${JSON.stringify(hostname)} not found`);
  return toStatus(rows[0]);
}

/** Statuses, optionally of one state, soonest next attempt first. */
export async function listAcmeStatus(db: Queryable, options: { state?: AcmeState; limit?: number } = {}) {
  const { rows } = await db.query<StatusRow>(
    `SELECT * FROM acme_hostnames WHERE ($1::text IS NULL OR state = $1) ORDER BY next_attempt_at, hostname LIMIT $2`,
    [options.state ?? null, options.limit ?? 1000],
  );
  return rows.map(toStatus);
}

/** Counts for metrics: hostnames by state, and active certificates expiring within `withinMs`. */
export async function acmeSummary(
  db: Queryable,
  withinMs: number,
): Promise<{ byState: Record<AcmeState, number>; expiringSoon: number }> {
  const { rows } = await db.query<{ state: AcmeState; n: string }>(
    'SELECT state, count(*)::text AS n FROM acme_hostnames GROUP BY state',
  );
  const byState = Object.fromEntries(ACME_STATES.map((s) => [s, 0])) as Record<AcmeState, number>;
  for (const row of rows) byState[row.state] = Number(row.n);
  const { rows: soon } = await db.query<{ n: string }>(
    `SELECT count(*)::text AS n FROM certificates
     WHERE status = 'active' AND not_after < now() + make_interval(secs => $1 / 1000.0)`,
    [withinMs],
  );
  return { byState, expiringSoon: Number(soon[0]?.n ?? 0) };
}

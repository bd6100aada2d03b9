-- Automatic certificates (issue 17): ACME issuance and renewal state per hostname, the claims that let
-- several certificate managers run at once, the per-account order budget, and HTTP-01 challenges that
-- the caches deliver to every router (docs/tls.md, "ACME").

-- One row per hostname of the service database, kept by a trigger on hostnames (removing a hostname
-- removes its row: its certificate is no longer renewed). `state`:
--   pending  needs a certificate, waiting for its turn (or for the order budget)
--   ordering claimed by a manager (`claimed_by`, `fence`, `lease_until`): an order is in progress
--   valid    covered by a certificate until `not_after`; renewal is due at `next_attempt_at`
--   failing  the last order failed (`last_error`, `failing_since`); retried at `next_attempt_at`
--   skipped  never ordered (`last_error` says why: a wildcard cannot be validated over HTTP-01)
-- A claim is taken with FOR UPDATE SKIP LOCKED on rows whose lease is over, and stamped with a fresh
-- fencing token from acme_fence: a manager stores its result only while the row still carries its token,
-- so a manager whose lease expired cannot overwrite its successor's certificate.
CREATE SEQUENCE acme_fence;

CREATE TABLE acme_hostnames (
  hostname text PRIMARY KEY REFERENCES hostnames (hostname) ON DELETE CASCADE,
  state text NOT NULL DEFAULT 'pending'
    CONSTRAINT acme_hostnames_state_valid CHECK (state IN ('pending', 'ordering', 'valid', 'failing', 'skipped')),
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  claimed_by text,
  fence bigint,
  lease_until timestamptz,
  failures integer NOT NULL DEFAULT 0,
  failing_since timestamptz,
  last_error text,
  certificate_id uuid REFERENCES certificates (id) ON DELETE SET NULL,
  not_after timestamptz,
  orders bigint NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX acme_hostnames_due ON acme_hostnames (next_attempt_at) WHERE state <> 'skipped';

CREATE FUNCTION acme_track_hostnames() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO acme_hostnames (hostname, state, last_error)
  SELECT hostname,
         CASE WHEN hostname LIKE '*.%' THEN 'skipped' ELSE 'pending' END,
         CASE WHEN hostname LIKE '*.%'
           THEN 'wildcard: HTTP-01 cannot validate wildcard names; upload a certificate with `switchyard cert add`' END
  FROM new_rows
  ON CONFLICT (hostname) DO NOTHING;
  RETURN NULL;
END
$$;
-- One statement-level insert per COPY or INSERT (bulk seeding stays one pass).
CREATE TRIGGER hostnames_acme AFTER INSERT ON hostnames REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION acme_track_hostnames();
INSERT INTO acme_hostnames (hostname, state, last_error)
SELECT hostname,
       CASE WHEN hostname LIKE '*.%' THEN 'skipped' ELSE 'pending' END,
       CASE WHEN hostname LIKE '*.%'
         THEN 'wildcard: HTTP-01 cannot validate wildcard names; upload a certificate with `switchyard cert add`' END
FROM hostnames;

-- New orders per ACME account (the CA's rate limit: Let's Encrypt allows 300 per 3 hours). A manager
-- takes an advisory lock on the account, counts the window and inserts in one transaction.
CREATE TABLE acme_order_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account text NOT NULL,
  hostname text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX acme_order_log_account ON acme_order_log (account, created_at);

-- HTTP-01 challenges in progress: every router answers GET /.well-known/acme-challenge/<token> for
-- `hostname` with `key_authorization` until `expires_at`. Delivered by the caches on WatchCertificates
-- (the whole set whenever one changes: it is small), logged in tls_changes like certificates.
CREATE TABLE acme_challenges (
  token text PRIMARY KEY
    CONSTRAINT acme_challenges_token_valid CHECK (token ~ '^[A-Za-z0-9_-]+$' AND length(token) <= 256),
  hostname text NOT NULL,
  key_authorization text NOT NULL
    CONSTRAINT acme_challenges_key_authorization_valid CHECK (length(key_authorization) BETWEEN 1 AND 1024),
  expires_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE tls_changes ADD COLUMN challenge_token text;
ALTER TABLE tls_changes DROP CONSTRAINT tls_changes_one_subject;
ALTER TABLE tls_changes ADD CONSTRAINT tls_changes_one_subject
  CHECK (num_nonnulls(certificate_id, ticket_region, challenge_token) = 1);

DROP FUNCTION tls_changes_since(xid8);
CREATE FUNCTION tls_changes_since(since xid8)
RETURNS TABLE (certificate_id uuid, ticket_region text, challenge_token text, changed_at timestamptz)
LANGUAGE sql STABLE
SET enable_seqscan = off
AS $$ SELECT c.certificate_id, c.ticket_region, c.challenge_token, c.changed_at FROM tls_changes c WHERE c.xid >= since $$;

CREATE FUNCTION log_acme_challenge_changes() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  logged bigint;
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO tls_changes (challenge_token) SELECT DISTINCT token FROM old_rows;
  ELSE
    INSERT INTO tls_changes (challenge_token) SELECT DISTINCT token FROM new_rows;
  END IF;
  GET DIAGNOSTICS logged = ROW_COUNT;
  IF logged > 0 THEN
    PERFORM pg_notify('switchyard_route_changes', '');
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER acme_challenges_changes_insert AFTER INSERT ON acme_challenges REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION log_acme_challenge_changes();
CREATE TRIGGER acme_challenges_changes_update AFTER UPDATE ON acme_challenges REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION log_acme_challenge_changes();
CREATE TRIGGER acme_challenges_changes_delete AFTER DELETE ON acme_challenges REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION log_acme_challenge_changes();

-- Which certificates cover a hostname (exact or its one-level wildcard): `names && ARRAY[...]` by index.
CREATE INDEX certificates_names ON certificates USING gin (names);

-- A certificate removed or disabled by hand no longer covers its names: they are due again at once
-- (instead of at the renewal time they were scheduled for).
CREATE FUNCTION acme_certificates_gone() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    UPDATE acme_hostnames a SET state = 'pending', next_attempt_at = now(), not_after = NULL, updated_at = now()
    WHERE a.state = 'valid' AND EXISTS (SELECT 1 FROM old_rows o WHERE a.hostname = ANY(o.names));
  ELSE
    UPDATE acme_hostnames a SET state = 'pending', next_attempt_at = now(), not_after = NULL, updated_at = now()
    WHERE a.state = 'valid' AND EXISTS (
      SELECT 1 FROM old_rows o JOIN new_rows n USING (id)
      WHERE o.status = 'active' AND n.status <> 'active' AND a.hostname = ANY(o.names));
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER certificates_acme_delete AFTER DELETE ON certificates REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION acme_certificates_gone();
CREATE TRIGGER certificates_acme_update AFTER UPDATE ON certificates REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION acme_certificates_gone();

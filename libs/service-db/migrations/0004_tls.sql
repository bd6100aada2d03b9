-- TLS at the edge (issue 16): certificates and session-ticket keys, delivered to routers by the caches
-- as their own resource, and the per-service HTTPS settings that travel in the routing record.

-- HTTP -> HTTPS redirects and the Strict-Transport-Security header, per service (in the routing record,
-- so the services triggers of 0001 already log these changes).
ALTER TABLE services
  ADD COLUMN https_redirect boolean NOT NULL DEFAULT false,
  ADD COLUMN hsts_max_age integer
    CONSTRAINT services_hsts_max_age_valid CHECK (hsts_max_age IS NULL OR hsts_max_age BETWEEN 0 AND 63072000),
  ADD COLUMN hsts_include_subdomains boolean NOT NULL DEFAULT false,
  ADD COLUMN hsts_preload boolean NOT NULL DEFAULT false;

-- A certificate chain (leaf first) and its private key, sealed with AES-256-GCM under the platform key
-- (src/secret-box.ts: never stored or logged in the clear). `names` are the leaf's DNS subjectAltNames,
-- lower-case, a leading `*.` for a wildcard. Validation happens at write time (src/certificates.ts);
-- these checks back it up.
CREATE TABLE certificates (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  service_id uuid NOT NULL REFERENCES services (id) ON DELETE CASCADE,
  chain_pem text NOT NULL
    CONSTRAINT certificates_chain_pem_valid CHECK (chain_pem LIKE '-----BEGIN CERTIFICATE-----%' AND length(chain_pem) <= 65536),
  key_sealed bytea NOT NULL
    CONSTRAINT certificates_key_sealed_valid CHECK (length(key_sealed) BETWEEN 40 AND 16384),
  names text[] NOT NULL
    CONSTRAINT certificates_names_valid CHECK (cardinality(names) BETWEEN 1 AND 100),
  fingerprint text NOT NULL,
  not_before timestamptz NOT NULL,
  not_after timestamptz NOT NULL,
  source text NOT NULL DEFAULT 'uploaded'
    CONSTRAINT certificates_source_valid CHECK (source IN ('uploaded', 'acme')),
  status text NOT NULL DEFAULT 'active'
    CONSTRAINT certificates_status_valid CHECK (status IN ('active', 'disabled')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT certificates_validity_valid CHECK (not_after > not_before)
);
CREATE INDEX certificates_service ON certificates (service_id);
CREATE INDEX certificates_not_after ON certificates (not_after);

-- TLS session-ticket keys of a region (48 random bytes each, sealed like certificate keys). Routers use the
-- newest as the current key and the one before as the previous; rotation inserts a new one and drops the rest.
CREATE TABLE tls_ticket_keys (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  region text NOT NULL
    CONSTRAINT tls_ticket_keys_region_valid CHECK (region ~ '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$'),
  key_sealed bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX tls_ticket_keys_region ON tls_ticket_keys (region, id DESC);

-- The TLS changelog, same scheme as route_changes (DESIGN.md "Versions"): one row per changed certificate
-- (`certificate_id`) or region whose ticket keys changed (`ticket_region`) per transaction, versions from
-- xids, pruned with route_changes below route_changes_horizon. The wake-up NOTIFY is the routing channel's.
CREATE TABLE tls_changes (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  certificate_id uuid,
  ticket_region text,
  changed_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  CONSTRAINT tls_changes_one_subject CHECK ((certificate_id IS NULL) <> (ticket_region IS NULL))
);
CREATE INDEX tls_changes_xid ON tls_changes (xid);
CREATE INDEX tls_changes_changed_at ON tls_changes (changed_at);

-- Reads the tail of the TLS changelog by index, like route_changes_since (0003).
CREATE FUNCTION tls_changes_since(since xid8)
RETURNS TABLE (certificate_id uuid, ticket_region text, changed_at timestamptz)
LANGUAGE sql STABLE
SET enable_seqscan = off
AS $$ SELECT c.certificate_id, c.ticket_region, c.changed_at FROM tls_changes c WHERE c.xid >= since $$;

-- TG_ARGV[0]: 'certificate' (rows carry `id`) or 'ticket_keys' (rows carry `region`).
CREATE FUNCTION log_tls_changes() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  changed text;
  logged bigint;
  col text := CASE TG_ARGV[0] WHEN 'certificate' THEN 'id' ELSE 'region' END;
BEGIN
  changed := CASE TG_OP
    WHEN 'INSERT' THEN format('SELECT %I::text AS subject FROM new_rows', col)
    WHEN 'DELETE' THEN format('SELECT %I::text AS subject FROM old_rows', col)
    ELSE format('SELECT %1$I::text AS subject FROM new_rows UNION ALL SELECT %1$I::text FROM old_rows', col)
  END;
  IF TG_ARGV[0] = 'certificate' THEN
    EXECUTE format(
      'INSERT INTO tls_changes (certificate_id) SELECT DISTINCT c.subject::uuid FROM (%s) c '
      'WHERE NOT EXISTS (SELECT 1 FROM tls_changes r WHERE r.xid = pg_current_xact_id() AND r.certificate_id = c.subject::uuid)',
      changed);
  ELSE
    EXECUTE format(
      'INSERT INTO tls_changes (ticket_region) SELECT DISTINCT c.subject FROM (%s) c '
      'WHERE NOT EXISTS (SELECT 1 FROM tls_changes r WHERE r.xid = pg_current_xact_id() AND r.ticket_region = c.subject)',
      changed);
  END IF;
  GET DIAGNOSTICS logged = ROW_COUNT;
  IF logged > 0 THEN
    PERFORM pg_notify('switchyard_route_changes', '');
  END IF;
  RETURN NULL;
END
$$;

DO $$
DECLARE
  t record;
BEGIN
  FOR t IN SELECT * FROM (VALUES ('certificates', 'certificate'), ('tls_ticket_keys', 'ticket_keys')) AS v(tbl, arg) LOOP
    EXECUTE format('CREATE TRIGGER %1$s_changes_insert AFTER INSERT ON %1$I REFERENCING NEW TABLE AS new_rows '
      'FOR EACH STATEMENT EXECUTE FUNCTION log_tls_changes(%2$L)', t.tbl, t.arg);
    EXECUTE format('CREATE TRIGGER %1$s_changes_update AFTER UPDATE ON %1$I REFERENCING OLD TABLE AS old_rows '
      'NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION log_tls_changes(%2$L)', t.tbl, t.arg);
    EXECUTE format('CREATE TRIGGER %1$s_changes_delete AFTER DELETE ON %1$I REFERENCING OLD TABLE AS old_rows '
      'FOR EACH STATEMENT EXECUTE FUNCTION log_tls_changes(%2$L)', t.tbl, t.arg);
    EXECUTE format('CREATE TRIGGER %1$s_changes_truncate AFTER TRUNCATE ON %1$I '
      'FOR EACH STATEMENT EXECUTE FUNCTION log_route_truncate()', t.tbl);
  END LOOP;
END
$$;

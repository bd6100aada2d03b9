-- Routing state of a region's services, and the commit-ordered changelog that caches follow.
-- Constraint names are stable: the data-access layer maps them to the field they guard.

CREATE TABLE services (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL
    CONSTRAINT services_name_valid CHECK (name ~ '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$'),
  kind text NOT NULL
    CONSTRAINT services_kind_valid CHECK (kind IN ('web', 'static')),
  plan text NOT NULL
    CONSTRAINT services_plan_valid CHECK (plan IN ('free', 'paid')),
  state text NOT NULL DEFAULT 'active'
    CONSTRAINT services_state_valid CHECK (state IN ('active', 'suspended')),
  region text NOT NULL
    CONSTRAINT services_region_valid CHECK (region ~ '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$'),
  scaler_ref text NOT NULL DEFAULT ''
    CONSTRAINT services_scaler_ref_valid CHECK (length(scaler_ref) <= 4096),
  active_build_id text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT services_name_unique UNIQUE (region, name)
);
-- Keyset pagination of a region's services (WHERE region = $1 AND id > $2 ORDER BY id).
CREATE INDEX services_region ON services (region, id);

-- Stored lower-case, without port or trailing dot; RFC 1123 labels (punycode `xn--` labels
-- included), optional leading `*.` for a wildcard, at most 253 characters.
CREATE TABLE hostnames (
  hostname text PRIMARY KEY
    CONSTRAINT hostnames_hostname_valid CHECK (
      length(hostname) <= 253
      AND hostname ~ '^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$'
    ),
  service_id uuid NOT NULL REFERENCES services (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX hostnames_service ON hostnames (service_id);

CREATE TABLE instances (
  service_id uuid NOT NULL REFERENCES services (id) ON DELETE CASCADE,
  host text NOT NULL
    CONSTRAINT instances_host_valid CHECK (length(host) BETWEEN 1 AND 253 AND host ~ '^[A-Za-z0-9.:-]+$'),
  port integer NOT NULL
    CONSTRAINT instances_port_valid CHECK (port BETWEEN 1 AND 65535),
  ready boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (service_id, host, port)
);

-- A build's files live under sites/<service_id>/<id>/ in object storage.
CREATE TABLE static_builds (
  service_id uuid NOT NULL REFERENCES services (id) ON DELETE CASCADE,
  id text NOT NULL
    CONSTRAINT static_builds_id_valid CHECK (id ~ '^[A-Za-z0-9_-]{1,64}$'),
  file_count integer NOT NULL DEFAULT 0,
  total_bytes bigint NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (service_id, id)
);
ALTER TABLE services
  ADD CONSTRAINT services_active_build_exists FOREIGN KEY (id, active_build_id)
  REFERENCES static_builds (service_id, id) DEFERRABLE INITIALLY DEFERRED;

-- Redirect (301/302/307/308) and rewrite (200) rules, evaluated by position.
CREATE TABLE static_rules (
  service_id uuid NOT NULL REFERENCES services (id) ON DELETE CASCADE,
  position integer NOT NULL CONSTRAINT static_rules_position_valid CHECK (position >= 0),
  source text NOT NULL
    CONSTRAINT static_rules_source_valid CHECK (source LIKE '/%' AND length(source) <= 2048),
  destination text NOT NULL
    CONSTRAINT static_rules_destination_valid CHECK (length(destination) BETWEEN 1 AND 2048),
  status integer NOT NULL DEFAULT 301
    CONSTRAINT static_rules_status_valid CHECK (status IN (200, 301, 302, 307, 308)),
  PRIMARY KEY (service_id, position)
);

-- Custom headers ([{ "name": ..., "value": ... }]) for paths matching a pattern.
CREATE TABLE static_header_rules (
  service_id uuid NOT NULL REFERENCES services (id) ON DELETE CASCADE,
  position integer NOT NULL CONSTRAINT static_header_rules_position_valid CHECK (position >= 0),
  pattern text NOT NULL
    CONSTRAINT static_header_rules_pattern_valid CHECK (pattern LIKE '/%' AND length(pattern) <= 2048),
  headers jsonb NOT NULL
    CONSTRAINT static_header_rules_headers_valid CHECK (jsonb_typeof(headers) = 'array'),
  PRIMARY KEY (service_id, position)
);

-- The changelog. `xid` is the writing transaction's id: a reader's version is the xmin of the
-- snapshot it read with, so it re-reads from there and never skips a late commit (DESIGN.md).
CREATE TABLE route_changes (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  service_id uuid NOT NULL,
  changed_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
-- Serves readers (xid range scans) and the triggers' one-row-per-service-per-transaction check.
CREATE INDEX route_changes_xid ON route_changes (xid, service_id);
CREATE INDEX route_changes_changed_at ON route_changes (changed_at);

-- Everything below this xid may have been pruned from route_changes; a reader whose version is
-- below it cannot catch up from the changelog and must reload in full.
CREATE TABLE route_changes_horizon (
  singleton boolean PRIMARY KEY DEFAULT true CONSTRAINT route_changes_horizon_singleton CHECK (singleton),
  pruned_below xid8 NOT NULL
);
INSERT INTO route_changes_horizon (pruned_below) VALUES ('0'::xid8);

-- One statement-level trigger per table and event (COPY included). Each changed service is logged once
-- per transaction: a service already logged by an earlier statement of the same transaction is skipped.
-- The NOTIFY has a constant payload, which PostgreSQL folds to one wake-up per transaction.
-- TG_ARGV[0] names the column that holds the service id.
CREATE FUNCTION log_route_changes() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  changed text;
  logged bigint;
BEGIN
  changed := CASE TG_OP
    WHEN 'INSERT' THEN format('SELECT %I AS service_id FROM new_rows', TG_ARGV[0])
    WHEN 'DELETE' THEN format('SELECT %I AS service_id FROM old_rows', TG_ARGV[0])
    ELSE format('SELECT %1$I AS service_id FROM new_rows UNION ALL SELECT %1$I FROM old_rows', TG_ARGV[0])
  END;
  EXECUTE format(
    'INSERT INTO route_changes (service_id) SELECT DISTINCT c.service_id FROM (%s) c '
    'WHERE NOT EXISTS (SELECT 1 FROM route_changes r WHERE r.xid = pg_current_xact_id() AND r.service_id = c.service_id)',
    changed
  );
  GET DIAGNOSTICS logged = ROW_COUNT;
  IF logged > 0 THEN
    PERFORM pg_notify('switchyard_route_changes', '');
  END IF;
  RETURN NULL;
END
$$;

-- TRUNCATE bypasses row triggers and cannot name the services it removed: move the horizon past the
-- truncating transaction so that every reader that read before it commits reloads in full.
CREATE FUNCTION log_route_truncate() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE route_changes_horizon
    SET pruned_below = greatest(pruned_below, (pg_current_xact_id()::text::bigint + 1)::text::xid8);
  PERFORM pg_notify('switchyard_route_changes', '');
  RETURN NULL;
END
$$;

DO $$
DECLARE
  t record;
BEGIN
  FOR t IN SELECT * FROM (VALUES
    ('services', 'id'),
    ('hostnames', 'service_id'),
    ('instances', 'service_id'),
    ('static_rules', 'service_id'),
    ('static_header_rules', 'service_id')
  ) AS v(tbl, col) LOOP
    EXECUTE format('CREATE TRIGGER %1$s_changes_insert AFTER INSERT ON %1$I REFERENCING NEW TABLE AS new_rows '
      'FOR EACH STATEMENT EXECUTE FUNCTION log_route_changes(%2$L)', t.tbl, t.col);
    EXECUTE format('CREATE TRIGGER %1$s_changes_update AFTER UPDATE ON %1$I REFERENCING OLD TABLE AS old_rows '
      'NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION log_route_changes(%2$L)', t.tbl, t.col);
    EXECUTE format('CREATE TRIGGER %1$s_changes_delete AFTER DELETE ON %1$I REFERENCING OLD TABLE AS old_rows '
      'FOR EACH STATEMENT EXECUTE FUNCTION log_route_changes(%2$L)', t.tbl, t.col);
    EXECUTE format('CREATE TRIGGER %1$s_changes_truncate AFTER TRUNCATE ON %1$I '
      'FOR EACH STATEMENT EXECUTE FUNCTION log_route_truncate()', t.tbl);
  END LOOP;
END
$$;

-- The changelog read (readChanges in src/change-feed.ts) always reads the tail of route_changes: the
-- rows at or above a reader's version — a few per change — out of everything the table holds (the
-- last hour of changes, or the million rows of a bulk import). Without statistics on
-- route_changes.xid (a fresh database, or a bulk import before autovacuum's next ANALYZE) the planner
-- assumes a third of the table qualifies and reads all of it on every read: two caches read ~50,000
-- rows/s of a 1,400-row changelog at 20 changes/s that way (docs/cache-server.md, "Changelog reads").
-- This function plans the tail read with sequential scans disabled, so it always goes through the
-- route_changes_xid index, statistics or not. A STABLE function sees the calling statement's
-- snapshot: the version and the changes readChanges returns still come from one snapshot.
CREATE FUNCTION route_changes_since(since xid8)
RETURNS TABLE (service_id uuid, changed_at timestamptz)
LANGUAGE sql STABLE
SET enable_seqscan = off
AS $$ SELECT c.service_id, c.changed_at FROM route_changes c WHERE c.xid >= since $$;

-- Keep the statistics fresh as the changelog grows and is pruned (the default waits for 10 % of it).
ALTER TABLE route_changes SET (autovacuum_analyze_scale_factor = 0.01, autovacuum_analyze_threshold = 1000);

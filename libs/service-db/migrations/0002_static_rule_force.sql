-- A forced redirect/rewrite rule applies even when the request path names an existing file of the
-- active build; an unforced rule (the default, and every rule written before this migration) only
-- applies when no file matches.
ALTER TABLE static_rules ADD COLUMN force boolean NOT NULL DEFAULT false;

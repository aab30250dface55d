-- Ping by slug: /ping/<ping_key>/<slug>. A single default team holds every monitor until teams land;
-- its ping_key is random (32 hex characters, so it is never mistaken for a 52-character ping token).
CREATE TABLE teams (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  ping_key TEXT NOT NULL UNIQUE,
  create_on_ping INTEGER NOT NULL DEFAULT 0,  -- ?create=1 may create a monitor for an unknown slug
  created_at INTEGER NOT NULL
);
INSERT INTO teams (id, name, ping_key, create_on_ping, created_at)
VALUES ('team_default', 'default', lower(hex(randomblob(16))), 0, CAST(unixepoch('subsec') * 1000 AS INTEGER));

ALTER TABLE monitors ADD COLUMN team_id TEXT NOT NULL DEFAULT 'team_default';
ALTER TABLE monitors ADD COLUMN slug TEXT;
CREATE UNIQUE INDEX monitors_by_team_slug ON monitors (team_id, slug) WHERE slug IS NOT NULL;

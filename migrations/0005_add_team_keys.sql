-- Teams own monitors (0002), channels, alerts and deliveries; API keys belong to a team. Every existing row
-- lands in team_default, the one team that held everything before. Each table carries its own team_id, so
-- every admin query filters by one indexed column (no joins), and an alert or a delivery keeps its team
-- after its monitor is deleted (alerts outlive their monitors, 0001).

CREATE INDEX monitors_by_team ON monitors (team_id, created_at, id);

ALTER TABLE channels ADD COLUMN team_id TEXT NOT NULL DEFAULT 'team_default';
CREATE INDEX channels_by_team ON channels (team_id, created_at, id);

-- Written by the monitor's object through its outbox: the insert copies the team from the monitor's row
-- (db/alerts.ts), a delivery from its alert. NULL only for one first synced after its monitor was deleted.
ALTER TABLE alerts ADD COLUMN team_id TEXT;
UPDATE alerts SET team_id = COALESCE((SELECT m.team_id FROM monitors m WHERE m.id = alerts.monitor_id), 'team_default');
CREATE INDEX alerts_by_team ON alerts (team_id, opened_at DESC, id DESC);

ALTER TABLE deliveries ADD COLUMN team_id TEXT;
UPDATE deliveries SET team_id = COALESCE((SELECT a.team_id FROM alerts a WHERE a.id = deliveries.alert_id), 'team_default');

-- A key is shown once, at creation: only its SHA-256 (hex) is kept. `prefix` (the 8 characters after
-- "lbd_") is public: listings show it, and authentication finds the candidate rows by it.
CREATE TABLE api_keys (
  id TEXT PRIMARY KEY,
  team_id TEXT NOT NULL,
  name TEXT NOT NULL,
  scope TEXT NOT NULL CHECK (scope IN ('read', 'write')),
  prefix TEXT NOT NULL,
  hash TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  last_used_at INTEGER,              -- written at most once a minute per key
  revoked_at INTEGER
);
CREATE INDEX api_keys_by_prefix ON api_keys (prefix);
CREATE INDEX api_keys_by_team ON api_keys (team_id, created_at, id);

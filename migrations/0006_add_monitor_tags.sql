-- A monitor's tags (its config's `tags`), one row per tag, so `?tag=` and the tag badges find a team's
-- monitors by one index instead of parsing every config. Written with the config by the admin API
-- (src/db/monitor-tags.ts); the config stays the source, these rows its index.
CREATE TABLE monitor_tags (
  team_id TEXT NOT NULL,
  tag TEXT NOT NULL,
  monitor_id TEXT NOT NULL,
  PRIMARY KEY (team_id, tag, monitor_id)
) WITHOUT ROWID;
CREATE INDEX monitor_tags_by_monitor ON monitor_tags (monitor_id);

-- Configs written before tags have none; any that do are indexed (json_each of a missing path is empty).
INSERT OR IGNORE INTO monitor_tags (team_id, tag, monitor_id)
SELECT m.team_id, t.value, m.id FROM monitors m, json_each(m.config, '$.tags') t;

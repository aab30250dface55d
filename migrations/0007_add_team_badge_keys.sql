-- A badge key per team: /badge/<badge_key>/<slug or id>.svg shows a monitor's status to anyone who has the
-- URL (a README, a wiki). Read-only by nature and distinct from the ping key (which can ping) and from API
-- keys (which read everything): leaking it shows statuses and names, nothing more. 32 hex digits like the
-- ping key, a different random value; existing teams get one here, new teams when created.
ALTER TABLE teams ADD COLUMN badge_key TEXT;
UPDATE teams SET badge_key = lower(hex(randomblob(16))) WHERE badge_key IS NULL;
CREATE UNIQUE INDEX teams_by_badge_key ON teams (badge_key);

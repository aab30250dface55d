-- Alert storms: a team's grouping setting (src/domain/alert-group.ts), JSON with a version
-- ({"version":1,"enabled":false,"threshold":5,"window":60}). NULL: the defaults (teams created before it).
ALTER TABLE teams ADD COLUMN alert_grouping TEXT;

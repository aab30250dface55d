-- Per-team limits (README "Limits"), so one team cannot exhaust a deployment. NULL: the deployment's default
-- (TEAM_MAX_* vars, else src/domain/limits.ts); only the super-admin sets a number (PATCH /api/v1/teams/:id
-- {"limits": ...}). A create checks its limit in the same statement as its insert (src/db/limits.ts), so two
-- creates at once never both take the last slot. Rows written before this migration follow the defaults.
ALTER TABLE teams ADD COLUMN max_monitors INTEGER;
ALTER TABLE teams ADD COLUMN max_channels INTEGER;
ALTER TABLE teams ADD COLUMN max_api_keys INTEGER;
-- The largest ping_log_size a monitor of the team may set (pings its object keeps).
ALTER TABLE teams ADD COLUMN max_ping_log_size INTEGER;

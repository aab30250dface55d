-- The dashboard's change marker (issue 18): an open list polls "has anything changed since <marker>?", and
-- an idle poll must cost one D1 query, session check included. Every write that changes what the list shows
-- (insert, config edit from the API or the object, status sync, liveness report) stamps its row's
-- `changed_at` with a per-team increasing value (src/db/monitors.ts CHANGE_STAMP), so the marker is the
-- team's MAX(changed_at), one index probe; a delete removes its row, so it bumps the team's
-- `monitors_removed` instead. Rows written before this migration carry 0 (older than any marker).
ALTER TABLE monitors ADD COLUMN changed_at INTEGER NOT NULL DEFAULT 0;
CREATE INDEX monitors_by_team_change ON monitors (team_id, changed_at);
ALTER TABLE teams ADD COLUMN monitors_removed INTEGER NOT NULL DEFAULT 0;
-- The list's counters (one count per status) read this index alone, and a list by status (the dashboard's
-- and the API's `?status=`) reads only that status's rows, already in the list's order.
CREATE INDEX monitors_by_team_status ON monitors (team_id, status, created_at, id);

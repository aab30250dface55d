-- How long a monitor's last run took (/start to its success or failure, in ms), for /metrics'
-- lubdub_monitor_last_duration_seconds. Written by the monitor's object with last_ping_at, in its
-- liveness reports (at most one per LIVENESS_REPORT_SECONDS) and status syncs; null until a run ends.
ALTER TABLE monitors ADD COLUMN last_duration_ms INTEGER;

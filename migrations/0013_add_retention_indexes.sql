-- The Cron Trigger's jobs (src/scheduled.ts). Retention (db/retention.ts) deletes closed alerts, their
-- deliveries and flips older than RETENTION_DAYS a batch at a time, oldest first: each batch finds its rows by
-- an index on the time it prunes by, instead of a scan of the whole table. Open alerts (closed_at NULL) are
-- never pruned and stay out of the index. Expired sessions already have sessions_by_expiry (0010).
CREATE INDEX alerts_by_closed ON alerts (closed_at) WHERE closed_at IS NOT NULL;
CREATE INDEX flips_by_at ON flips (at);
-- The alarm safety net (db/sweep.ts) reads the monitors D1 lists as waiting for a deadline, by that deadline,
-- across teams: a healthy deployment reads no row past the first one not yet overdue.
CREATE INDEX monitors_by_status_due ON monitors (status, next_due_at);

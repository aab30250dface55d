-- A monitor's status history: one row per status change D1 is told of ("flip"), written by the monitor's
-- object through its outbox in the same sync item as the status itself (no extra row on the ping path).
-- A run on an up monitor (up → running → up) is not told to D1 and so is not a flip. The outbox delivers
-- at least once: `id` is chosen when the item is queued, and the insert ignores a replayed one.
CREATE TABLE flips (
  id TEXT PRIMARY KEY,
  team_id TEXT NOT NULL,
  monitor_id TEXT NOT NULL,
  at INTEGER NOT NULL,
  from_status TEXT,                  -- null: not known (queued by a release before flips were kept)
  to_status TEXT NOT NULL,
  reason TEXT,
  alert_id TEXT                      -- the alert this change opened or closed, if any
);
CREATE INDEX flips_by_monitor ON flips (monitor_id, at DESC, id DESC);

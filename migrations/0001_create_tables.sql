-- Configuration and history. Live state (last ping, deadlines) lives in each monitor's Durable Object;
-- the object writes here only when something changes state (a flip, an alert, a delivery attempt).
-- Times are milliseconds since the epoch.

CREATE TABLE monitors (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  ping_token TEXT NOT NULL UNIQUE,
  config TEXT NOT NULL,              -- JSON MonitorConfig, the copy handed to the Durable Object
  status TEXT NOT NULL,
  status_changed_at INTEGER NOT NULL,
  last_ping_at INTEGER,              -- as of the last status change
  next_due_at INTEGER,               -- as of the last status change
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX monitors_by_created ON monitors (created_at, id);

CREATE TABLE channels (
  id TEXT PRIMARY KEY,
  type TEXT NOT NULL,
  name TEXT NOT NULL,
  config TEXT NOT NULL,              -- JSON, type-specific; may hold secrets, never returned in full
  status TEXT NOT NULL DEFAULT 'ok', -- 'ok' | 'failing'
  failing_reason TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX channels_by_created ON channels (created_at, id);

CREATE TABLE alerts (
  id TEXT PRIMARY KEY,
  monitor_id TEXT NOT NULL,          -- no foreign key: alerts outlive deleted monitors
  reason TEXT NOT NULL,
  opened_at INTEGER NOT NULL,
  closed_at INTEGER,
  close_reason TEXT
);
CREATE INDEX alerts_by_opened ON alerts (opened_at DESC, id DESC);
CREATE INDEX alerts_by_monitor ON alerts (monitor_id, opened_at DESC, id DESC);

CREATE TABLE deliveries (
  id TEXT PRIMARY KEY,               -- also the webhook-id the receiver sees on every attempt
  alert_id TEXT NOT NULL,
  monitor_id TEXT NOT NULL,
  channel_id TEXT NOT NULL,
  event_type TEXT NOT NULL,
  status TEXT NOT NULL,              -- 'pending' | 'delivered' | 'failed'
  attempts INTEGER NOT NULL,
  last_status_code INTEGER,
  last_error TEXT,
  next_attempt_at INTEGER,
  delivered_at INTEGER,
  payload TEXT NOT NULL,             -- JSON event, so a delivery can be re-sent by hand
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX deliveries_by_alert ON deliveries (alert_id, created_at);
CREATE INDEX deliveries_by_channel ON deliveries (channel_id, created_at DESC, id DESC);

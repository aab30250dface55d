-- Which of an alert's notifications a channel takes: a JSON list of "opened", "closed", "reminder",
-- "escalation". NULL (every channel created before this column) takes them all.
ALTER TABLE channels ADD COLUMN events TEXT;

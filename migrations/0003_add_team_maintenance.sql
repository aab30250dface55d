-- Maintenance windows for every monitor of a team (JSON array of windows, as stored in monitor configs).
ALTER TABLE teams ADD COLUMN maintenance TEXT NOT NULL DEFAULT '[]';

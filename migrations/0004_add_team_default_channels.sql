-- The channels a monitor created by a ping (?create=1) is given: a JSON array of channel ids, or NULL
-- for every channel of the team (as healthchecks.io assigns all of a project's integrations).
ALTER TABLE teams ADD COLUMN default_channels TEXT;

-- A public status page per team, off by default: /status/<status_page_key> shows the monitors of one tag
-- (names, statuses, a 90-day strip) to anyone with the URL. Like the badge key, the key is the secret and it
-- only shows; it is its own random value (32 hex digits), so sharing the page shares neither badges nor pings.
-- NULL key: the page is off (the tag is kept only while it is on). Turning it off drops the key, so turning it
-- on again gives a new URL.
ALTER TABLE teams ADD COLUMN status_page_key TEXT;
ALTER TABLE teams ADD COLUMN status_page_tag TEXT;
CREATE UNIQUE INDEX teams_by_status_page_key ON teams (status_page_key);

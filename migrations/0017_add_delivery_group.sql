-- Alert storms: a delivery sent as part of a grouped message (src/domain/alert-group.ts) names that
-- message. NULL: sent on its own (every delivery before this release).
ALTER TABLE deliveries ADD COLUMN group_id TEXT;

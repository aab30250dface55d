-- Dashboard sessions. The browser holds an opaque random id in an HttpOnly cookie; only its SHA-256 is kept
-- here, so a copy of this table signs no one in. A session is bound to the credential it was opened with:
-- a team key (`key_id`; revoking the key ends its sessions, the lookup joins api_keys) or the ADMIN_TOKEN
-- (`admin_hash`, the token's SHA-256 at sign-in; rotating the secret ends those sessions).
CREATE TABLE sessions (
  id_hash TEXT PRIMARY KEY,
  team_id TEXT NOT NULL,
  key_id TEXT,
  admin_hash TEXT,
  scope TEXT NOT NULL CHECK (scope IN ('read', 'write', 'super')),
  csrf TEXT NOT NULL,                -- the token every form of this session carries
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_by_expiry ON sessions (expires_at);

import { isInRingOrder, layInOrder } from "./ping-ring";

/**
 * The tables inside one monitor's Durable Object, versioned. An object written by an older release is
 * upgraded in place, once, the first time a newer release wakes it (in the constructor, before any
 * request), so its configuration, state, ping log and pending outbox survive.
 *
 * Version 2 is laid out for the cost of a ping, which Cloudflare bills per row written:
 * - `ping_log` is a fixed ring of slots updated in place, and each slot also holds the monitor's state
 *   as of that ping, so a steady ping writes exactly one row;
 * - no AUTOINCREMENT (each use writes a second row, into sqlite_sequence): a new outbox job still gets a
 *   `seq` above every pending one, which is all the ordering the lanes need;
 * - `kv` is WITHOUT ROWID, so a key's row is the index entry itself.
 *
 * Version 3 adds `ping_log.coalesced`: how many pings an entry stands for (more than 1 for the newest
 * ping of a burst, see domain/burst.ts).
 *
 * Version 4 keeps the same tables, with the ring's slots in the order `ping-ring.ts` relies on to find
 * the newest entry without reading them all (slots 1..count, `n` sorted in slot order up to a rotation),
 * which a `ping_log_size` change under version 3 could leave otherwise.
 */

export const OBJECT_SCHEMA_VERSION = 4;

const KV = "CREATE TABLE IF NOT EXISTS kv (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID";
const OUTBOX = `CREATE TABLE IF NOT EXISTS outbox (
  seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, lane TEXT NOT NULL, payload TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at INTEGER NOT NULL, created_at INTEGER NOT NULL)`;
const OUTBOX_INDEX = "CREATE INDEX IF NOT EXISTS outbox_by_lane ON outbox (lane, seq)";
/**
 * `n` numbers pings for the API (stable as slots are reused); `coalesced` is how many pings the entry
 * stands for; `state` is the monitor's state as of the newest row.
 */
const PING_LOG = `CREATE TABLE IF NOT EXISTS ping_log (
  slot INTEGER PRIMARY KEY, n INTEGER NOT NULL, at INTEGER NOT NULL, kind TEXT NOT NULL, exit_status INTEGER,
  method TEXT NOT NULL, ip TEXT, user_agent TEXT, run_id TEXT, duration_ms INTEGER,
  body TEXT NOT NULL, body_encoding TEXT NOT NULL, body_size INTEGER NOT NULL, truncated INTEGER NOT NULL, note TEXT,
  state TEXT, coalesced INTEGER NOT NULL DEFAULT 1)`;
/** The ping log's entry columns as version 1 had them (all but `slot`, `state` and `coalesced`), as the upgrade and PingLog both name them. */
export const PING_LOG_COLUMNS =
  "n, at, kind, exit_status, method, ip, user_agent, run_id, duration_ms, body, body_encoding, body_size, truncated, note";

const tableExists = (sql: SqlStorage, name: string) =>
  sql.exec("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", name).toArray().length > 0;

/** 0: nothing was ever stored here; 1: the layout before versions (kv with AUTOINCREMENT tables); else as recorded. */
export function storedSchemaVersion(sql: SqlStorage): number {
  if (!tableExists(sql, "kv")) return 0;
  const row = sql.exec<{ value: string }>("SELECT value FROM kv WHERE key = 'schema_version'").toArray()[0];
  return row ? Number(row.value) : 1;
}

export function createSchema(sql: SqlStorage): void {
  for (const statement of [KV, OUTBOX, OUTBOX_INDEX, PING_LOG]) sql.exec(statement);
  recordVersion(sql);
}

function recordVersion(sql: SqlStorage): void {
  sql.exec(
    "INSERT INTO kv (key, value) VALUES ('schema_version', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    String(OBJECT_SCHEMA_VERSION),
  );
}

/**
 * Version 1 → current: the ping log moves into the ring (oldest first, so slots follow `n`: the order
 * version 4 requires), the outbox and kv are rebuilt without AUTOINCREMENT and with WITHOUT ROWID. The
 * state stays in kv until the next write puts it in the newest slot. Call inside a transaction.
 */
function upgradeFromV1(sql: SqlStorage): void {
  sql.exec(PING_LOG);
  sql.exec(`INSERT INTO ping_log (slot, ${PING_LOG_COLUMNS}) SELECT ROW_NUMBER() OVER (ORDER BY n), ${PING_LOG_COLUMNS} FROM pings`);
  sql.exec("DROP TABLE pings");
  sql.exec("ALTER TABLE outbox RENAME TO outbox_v1");
  sql.exec(OUTBOX);
  sql.exec(
    "INSERT INTO outbox (seq, id, lane, payload, attempts, next_attempt_at, created_at) SELECT seq, id, lane, payload, attempts, next_attempt_at, created_at FROM outbox_v1",
  );
  sql.exec("DROP TABLE outbox_v1");
  sql.exec(OUTBOX_INDEX);
  sql.exec("ALTER TABLE kv RENAME TO kv_v1");
  sql.exec(KV);
  sql.exec("INSERT INTO kv (key, value) SELECT key, value FROM kv_v1");
  sql.exec("DROP TABLE kv_v1");
  recordVersion(sql);
}

/**
 * Version 2 or 3 → current. 2 → 3: every entry so far stands for one ping. 3 → 4: a ring that a resize
 * left out of order is laid out again; this reads the whole ring, once. Call inside a transaction.
 */
function upgradeFromV2OrV3(sql: SqlStorage, version: number): void {
  if (version === 2) sql.exec("ALTER TABLE ping_log ADD COLUMN coalesced INTEGER NOT NULL DEFAULT 1");
  if (!isInRingOrder(sql)) layInOrder(sql);
  recordVersion(sql);
}

/** Brings an object written by an older release up to date; a no-op for a new or current one. True when it has tables. */
export function upgradeSchema(storage: DurableObjectStorage): boolean {
  const version = storedSchemaVersion(storage.sql);
  if (version === 0) return false;
  if (version > OBJECT_SCHEMA_VERSION) throw new Error(`object schema ${version} is newer than this release's ${OBJECT_SCHEMA_VERSION}`);
  // Version 1 goes straight to the current layout (its ping_log is created as it is now).
  if (version === 1) storage.transactionSync(() => upgradeFromV1(storage.sql));
  else if (version < OBJECT_SCHEMA_VERSION) storage.transactionSync(() => upgradeFromV2OrV3(storage.sql, version));
  return true;
}

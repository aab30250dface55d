/** The last pings of one monitor, kept in its Durable Object (never in D1: a ping never touches D1). */

export interface PingEntry {
  /** Sequence number, increasing; stable, so `/pings/:n/body` keeps working as the log rolls. */
  n: number;
  at: number;
  kind: "success" | "start" | "fail" | "log";
  exitStatus: number | null;
  method: string;
  ip: string | null;
  userAgent: string | null;
  runId: string | null;
  durationMs: number | null;
  /** The first 10 KB of the body, UTF-8 text or base64. */
  body: string;
  bodyEncoding: "utf-8" | "base64";
  bodySize: number;
  truncated: boolean;
  /** Why the ping counts as what it counts as, when a keyword decided ("failure keyword: ERROR"). */
  note: string | null;
}

type PingRow = {
  n: number;
  at: number;
  kind: PingEntry["kind"];
  exit_status: number | null;
  method: string;
  ip: string | null;
  user_agent: string | null;
  run_id: string | null;
  duration_ms: number | null;
  body: string;
  body_encoding: PingEntry["bodyEncoding"];
  body_size: number;
  truncated: number;
  note: string | null;
};

const toEntry = (row: PingRow): PingEntry => ({
  n: row.n,
  at: row.at,
  kind: row.kind,
  exitStatus: row.exit_status,
  method: row.method,
  ip: row.ip,
  userAgent: row.user_agent,
  runId: row.run_id,
  durationMs: row.duration_ms,
  body: row.body,
  bodyEncoding: row.body_encoding,
  bodySize: row.body_size,
  truncated: row.truncated === 1,
  note: row.note,
});

export const PING_LOG_SCHEMA = `
  CREATE TABLE IF NOT EXISTS pings (
    n INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, kind TEXT NOT NULL, exit_status INTEGER,
    method TEXT NOT NULL, ip TEXT, user_agent TEXT, run_id TEXT, duration_ms INTEGER,
    body TEXT NOT NULL, body_encoding TEXT NOT NULL, body_size INTEGER NOT NULL, truncated INTEGER NOT NULL, note TEXT);`;

export class PingLog {
  constructor(private readonly sql: SqlStorage) {}

  /** Appends a ping and forgets the oldest beyond `keep`. */
  append(entry: Omit<PingEntry, "n">, keep: number): void {
    const n = this.sql
      .exec<{ n: number }>(
        `INSERT INTO pings (at, kind, exit_status, method, ip, user_agent, run_id, duration_ms, body, body_encoding, body_size, truncated, note)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING n`,
        entry.at,
        entry.kind,
        entry.exitStatus,
        entry.method,
        entry.ip,
        entry.userAgent,
        entry.runId,
        entry.durationMs,
        entry.body,
        entry.bodyEncoding,
        entry.bodySize,
        entry.truncated ? 1 : 0,
        entry.note,
      )
      .one().n;
    this.sql.exec("DELETE FROM pings WHERE n <= ?", n - keep);
  }

  /** Newest first, before sequence number `before` when given. */
  list(before: number | null, limit: number): PingEntry[] {
    return this.sql
      .exec<PingRow>("SELECT * FROM pings WHERE n < ? ORDER BY n DESC LIMIT ?", before ?? Number.MAX_SAFE_INTEGER, limit)
      .toArray()
      .map(toEntry);
  }

  get(n: number): PingEntry | null {
    const row = this.sql.exec<PingRow>("SELECT * FROM pings WHERE n = ?", n).toArray()[0];
    return row ? toEntry(row) : null;
  }
}

import type { MonitorConfig, MonitorStatus } from "../domain/monitor";

/**
 * The `monitor_tags` index of each monitor's config `tags` (migration 0006). The rows are rewritten in the
 * same batch as the config, and only while the monitor's row holds that very config (`updated_at`), so an
 * older write that lost the race never leaves its tags behind. The object's own config sync (a resume,
 * src/do/sync.ts) keeps the tags the admin API last wrote, so it leaves these rows alone.
 */
export function tagStatements(db: D1Database, config: MonitorConfig): D1PreparedStatement[] {
  const holdsThisConfig = "EXISTS (SELECT 1 FROM monitors WHERE id = ?1 AND updated_at = ?2)";
  return [
    db.prepare(`DELETE FROM monitor_tags WHERE monitor_id = ?1 AND ${holdsThisConfig}`).bind(config.id, config.updatedAt),
    db
      .prepare(
        `INSERT OR IGNORE INTO monitor_tags (team_id, tag, monitor_id)
         SELECT m.team_id, t.value, m.id FROM monitors m, json_each(?3) t WHERE m.id = ?1 AND m.updated_at = ?2`,
      )
      .bind(config.id, config.updatedAt, JSON.stringify(config.tags)),
  ];
}

export function deleteTagsStatement(db: D1Database, monitorId: string): D1PreparedStatement {
  return db.prepare("DELETE FROM monitor_tags WHERE monitor_id = ?").bind(monitorId);
}

/** What a monitor list may be narrowed to: every tag given (all of them), one status, a name or slug substring. */
export interface MonitorFilter {
  tags: string[];
  status?: MonitorStatus | undefined;
  /** Case-insensitive (ASCII) substring of the name or the slug. */
  q?: string | undefined;
}

/** The filter as SQL conditions on `monitors` (each starting with AND) and their bound values, in order. */
export function filterConditions(teamId: string, filter: MonitorFilter): { sql: string; binds: (string | number)[] } {
  const parts: string[] = [];
  const binds: (string | number)[] = [];
  for (const tag of filter.tags) {
    parts.push("AND id IN (SELECT monitor_id FROM monitor_tags WHERE team_id = ? AND tag = ?)");
    binds.push(teamId, tag);
  }
  if (filter.status) {
    parts.push("AND status = ?");
    binds.push(filter.status);
  }
  if (filter.q) {
    const needle = filter.q.toLowerCase();
    parts.push("AND (instr(lower(name), ?) > 0 OR instr(coalesce(slug, ''), ?) > 0)");
    binds.push(needle, needle);
  }
  return { sql: parts.join(" "), binds };
}

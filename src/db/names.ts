/**
 * Names by id, for pages that list rows naming monitors or channels (alerts, deliveries): one query per
 * kind for a whole page, through the team, so another team's id finds nothing (`+team_id`: look up by id,
 * the primary key, not by scanning the team's rows).
 */

async function namesOf(db: D1Database, table: "monitors" | "channels", teamId: string, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const { results } = await db
    .prepare(`SELECT id, name FROM ${table} WHERE id IN (SELECT value FROM json_each(?)) AND +team_id = ?`)
    .bind(JSON.stringify(unique), teamId)
    .all<{ id: string; name: string }>();
  return new Map(results.map((row) => [row.id, row.name]));
}

export const monitorNames = (db: D1Database, teamId: string, ids: string[]) => namesOf(db, "monitors", teamId, ids);
export const channelNames = (db: D1Database, teamId: string, ids: string[]) => namesOf(db, "channels", teamId, ids);

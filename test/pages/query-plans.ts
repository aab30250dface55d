import { env } from "cloudflare:workers";

/** A statement a page prepared, with the values it bound. */
export interface SeenQuery {
  sql: string;
  values: unknown[];
}

/**
 * The binding, recording every statement prepared through it and the values bound: the page's queries are
 * captured by wrapping D1, not by mocking our storage.
 */
export function recordingDb(db: D1Database, seen: SeenQuery[]): D1Database {
  return {
    prepare: (sql: string) => {
      const entry: SeenQuery = { sql, values: [] };
      seen.push(entry);
      const statement = db.prepare(sql);
      const bind = (...values: unknown[]) => {
        entry.values = values;
        return statement.bind(...values);
      };
      return new Proxy(statement, { get: (target, key) => (key === "bind" ? bind : Reflect.get(target, key)) });
    },
    batch: (statements) => db.batch(statements),
    exec: (sql: string) => db.exec(sql),
    withSession: (constraint) => db.withSession(constraint),
    dump: () => db.dump(),
  };
}

/**
 * The steps of a query's plan that scan a whole table. json_each's scan of a bound list (a virtual table) is
 * not one, nor is a scan of a subquery's own result ("SCAN (subquery-1)": rows the plan produced on an index).
 */
export async function fullScans({ sql, values }: SeenQuery): Promise<string[]> {
  const plan = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .bind(...values)
    .all<{ detail: string }>();
  return plan.results.map((row) => row.detail).filter((step) => /^SCAN (?!\(subquery-\d+\))/.test(step) && !step.includes("VIRTUAL TABLE"));
}

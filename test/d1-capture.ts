import { env } from "cloudflare:workers";

/** A D1 statement as a page sent it: the SQL, its bound values, and the rows D1 says it read. */
export interface CapturedQuery {
  sql: string;
  binds: unknown[];
  rowsRead: number;
}

type Meta = { meta?: { rows_read?: number } };
const rowsReadOf = (result: unknown): number => (result as Meta | null)?.meta?.rows_read ?? 0;

/**
 * The real D1 binding, wrapped so that every statement prepared through it is recorded with the rows it
 * read (D1's own `meta.rows_read`, what Cloudflare bills). Not a mock: every call goes to the real
 * database. `first()` reports no meta, so its rows are counted by re-running it with `all()` on demand.
 */
export function capturingDb(): { db: D1Database; queries: CapturedQuery[] } {
  const queries: CapturedQuery[] = [];
  // D1's batch() takes only its own statements: each wrapper remembers the real one it stands for.
  const realStatement = new WeakMap<object, { statement: D1PreparedStatement; sql: string; binds: unknown[] }>();
  const wrap = (statement: D1PreparedStatement, sql: string, binds: unknown[]): D1PreparedStatement => {
    const entry: CapturedQuery = { sql, binds, rowsRead: 0 };
    const record = <T>(result: T): T => {
      entry.rowsRead = rowsReadOf(result);
      queries.push(entry);
      return result;
    };
    const proxy = new Proxy(statement, {
      get(target, prop) {
        if (prop === "bind") return (...values: unknown[]) => wrap(target.bind(...values), sql, values);
        if (prop === "all" || prop === "run") return async () => record(await target[prop]());
        if (prop === "raw") return async (options?: { columnNames?: false }) => record(await target.raw(options));
        if (prop === "first")
          return async (column?: string) => {
            const result = await target.first(column as string);
            entry.rowsRead = rowsReadOf(await target.all());
            queries.push(entry);
            return result;
          };
        const value = Reflect.get(target, prop, target);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    realStatement.set(proxy, { statement, sql, binds });
    return proxy;
  };
  const db = new Proxy(env.DB, {
    get(target, prop) {
      if (prop === "prepare") return (sql: string) => wrap(target.prepare(sql), sql, []);
      if (prop === "batch")
        return async (statements: D1PreparedStatement[]) => {
          const real = statements.map((s) => realStatement.get(s) ?? { statement: s, sql: "(unknown)", binds: [] });
          const results = await target.batch(real.map((r) => r.statement));
          results.forEach((result, i) => {
            queries.push({ sql: real[i]?.sql ?? "(unknown)", binds: real[i]?.binds ?? [], rowsRead: rowsReadOf(result) });
          });
          return results;
        };
      const value = Reflect.get(target, prop, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { db, queries };
}

/** SQLite's plan of a captured query: the lines of EXPLAIN QUERY PLAN. */
export async function queryPlan(query: CapturedQuery): Promise<string[]> {
  const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${query.sql}`)
    .bind(...query.binds)
    .all<{ detail: string }>();
  return results.map((row) => row.detail);
}

/** A plan line that reads a whole table: a SCAN that uses no index. */
export const fullScans = (plan: string[]): string[] => plan.filter((line) => /^SCAN \w+( AS \w+)?$/.test(line.trim()));

import type { Context } from "hono";
import { renderAlert } from "../api/alerts";
import { type PageArgs, toPage } from "../api/page";
import type { AppEnv } from "../app-env";
import { type AlertFilter, listAlerts } from "../db/alerts";
import { decodeCursor } from "../db/cursor";
import { invalidInput, notFound } from "../errors";
import { type IdPrefix, isWellFormedId } from "../ids";

const PREFIX = { monitor: "mon", channel: "chn", alert: "alt", delivery: "dlv", key: "key" } as const satisfies Record<string, IdPrefix>;

/** The resource `id` names, or a 404: a malformed id is not found either (never a 400), without a query. */
export async function findOr404<T>(kind: keyof typeof PREFIX, id: string, get: (id: string) => Promise<T | null>): Promise<T> {
  const found = isWellFormedId(id, PREFIX[kind]) ? await get(id) : null;
  if (found === null) throw notFound(kind);
  return found;
}

/** The team the request acts on (set by the auth middleware): every lookup and list filters by it. */
export const teamIdOf = (c: Context<AppEnv>): string => c.get("principal").teamId;

/**
 * Where ping URLs start, or null for a read key: a ping URL or ping key lets its holder change a monitor
 * (a ping moves its timer, `/fail` alerts, `?create=1` creates), which a read key must not be able to do.
 * healthchecks.io's read-only keys do not see ping URLs either.
 */
export function pingBaseFor(c: Context<AppEnv>): string | null {
  return mayPing(c) ? originOf(c) : null;
}

/** False for a read key: see pingBaseFor. */
export function mayPing(c: Context<AppEnv>): boolean {
  const principal = c.get("principal");
  return !(principal.kind === "key" && principal.scope === "read");
}

export const originOf = (c: Context<AppEnv>): string => new URL(c.req.url).origin;

/** A list query's cursor and limit, ready for the database; a cursor this API did not write is a 400. */
export function pageArgs(query: { cursor?: string | undefined; limit: number }): PageArgs {
  const after = query.cursor ? decodeCursor(query.cursor) : null;
  if (query.cursor && after === null) throw invalidInput("query", [{ path: "cursor", message: "malformed cursor" }]);
  return { after, limit: query.limit, fetch: query.limit + 1 };
}

/** Newest first, a page at a time, optionally by status and monitor: /alerts and /monitors/{id}/alerts. */
export async function alertPage(db: D1Database, filter: Pick<AlertFilter, "teamId" | "status" | "monitorId">, page: PageArgs) {
  const rows = await listAlerts(db, { ...filter, after: page.after, limit: page.fetch });
  return toPage(rows, page.limit, (a) => ({ at: a.openedAt, id: a.id }), renderAlert);
}

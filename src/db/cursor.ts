import { ApiError } from "../errors";

/** Keyset pagination: a cursor is the sort key and id of the last row of the previous page. */
export interface CursorKey {
  at: number;
  id: string;
}

export function encodeCursor(key: CursorKey): string {
  return btoa(`${key.at}:${key.id}`).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
}

export function decodeCursor(cursor: string): CursorKey {
  try {
    const text = atob(cursor.replace(/-/g, "+").replace(/_/g, "/"));
    const match = /^(\d{1,15}):([a-z]{3}_[a-z2-7]{26})$/.exec(text);
    if (match?.[1] && match[2]) return { at: Number(match[1]), id: match[2] };
  } catch {
    // fall through to the error below
  }
  throw new ApiError(400, "invalid_request", "invalid query: cursor", [{ path: "cursor", message: "malformed cursor" }]);
}

export interface Page<T> {
  data: T[];
  next_cursor: string | null;
}

/** Rows are fetched with limit + 1 to learn whether another page exists. */
export function toPage<R, T>(rows: R[], limit: number, keyOf: (row: R) => CursorKey, render: (row: R) => T): Page<T> {
  const pageRows = rows.slice(0, limit);
  const last = pageRows.at(-1);
  return {
    data: pageRows.map(render),
    next_cursor: rows.length > limit && last ? encodeCursor(keyOf(last)) : null,
  };
}

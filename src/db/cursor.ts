import { isWellFormedId } from "../ids";

/** Keyset pagination: a cursor is the sort key and id of the last row of the previous page. */
export interface CursorKey {
  at: number;
  id: string;
}

export function encodeCursor(key: CursorKey): string {
  return btoa(`${key.at}:${key.id}`).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
}

/** The key a cursor holds, or null when it is not one this API wrote (the route answers that with a 400). */
export function decodeCursor(cursor: string): CursorKey | null {
  let text: string;
  try {
    text = atob(cursor.replace(/-/g, "+").replace(/_/g, "/"));
  } catch {
    return null;
  }
  const match = /^(\d{1,15}):(.*)$/s.exec(text);
  if (!match?.[1] || match[2] === undefined || !isWellFormedId(match[2])) return null;
  return { at: Number(match[1]), id: match[2] };
}

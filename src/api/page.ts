import { z } from "zod";
import { type CursorKey, encodeCursor } from "../db/cursor";

/** One page of a list, newest first; `next_cursor` is null on the last page. */
interface Page<T> {
  data: T[];
  next_cursor: string | null;
}

/** A list request's cursor and limit, decoded (routes/lookup.ts `pageArgs`). */
export interface PageArgs {
  /** Where the page starts (after the last row of the previous one); null for the first page. */
  after: CursorKey | null;
  /** Rows to show. */
  limit: number;
  /** Rows to fetch: one more than shown, to learn whether another page exists. */
  fetch: number;
}

/** The page envelope's schema around one resource's view, named `<Name>Page` in the document. */
export function pageOf<T extends z.ZodType>(item: T, name: string) {
  return z
    .object({
      data: z.array(item),
      next_cursor: z.string().nullable().meta({ description: "Pass as `?cursor=` for the next page; null on the last page." }),
    })
    .meta({ id: `${name}Page` });
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

import { runInDurableObject } from "cloudflare:test";
import { vi } from "vitest";
import { stub } from "./helpers";

/** Rows as Cloudflare bills them: what the SQL cursors of a monitor's object report. */
export interface RowCounts {
  written: number;
  read: number;
}

/** Runs `action` and sums rowsWritten/rowsRead over every cursor the object opens meanwhile. */
export async function countRows(monitorId: string, action: () => Promise<unknown>): Promise<RowCounts> {
  const cursors: SqlStorageCursor<Record<string, SqlStorageValue>>[] = [];
  const spy = await runInDurableObject(stub(monitorId), (_, state) => {
    const sql = state.storage.sql;
    const exec = sql.exec.bind(sql);
    return vi.spyOn(sql, "exec").mockImplementation((query, ...bindings) => {
      const cursor = exec(query, ...bindings);
      cursors.push(cursor);
      return cursor;
    });
  });
  try {
    await action();
  } finally {
    spy.mockRestore();
  }
  return cursors.reduce((sum, c) => ({ written: sum.written + c.rowsWritten, read: sum.read + c.rowsRead }), { written: 0, read: 0 });
}

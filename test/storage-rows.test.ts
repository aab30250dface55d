import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it, vi } from "vitest";
import { createMonitor, ping, S, setNow, settle, stub, T0, useFakeClock } from "./helpers";

/**
 * What a ping costs in storage, counted the way Cloudflare bills it: the rows every SQL cursor the
 * monitor's object opens reports as written (and read). A steady ping must stay at one row written.
 */
useFakeClock(T0);

interface Counts {
  written: number;
  read: number;
}

/** Runs `action` and sums rowsWritten/rowsRead over every cursor the object opens meanwhile. */
async function countRows(monitorId: string, action: () => Promise<unknown>): Promise<Counts> {
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

/** One JSON line per case: `npm run bench` reads these to print rows per ping beside its timings. */
const report = (name: string, counts: Counts) => console.log(JSON.stringify({ rowsPerPing: name, ...counts }));

/** An `up` interval monitor whose ping log (10 slots) is full, at T0 + 20 s. */
async function upWithFullLog() {
  const monitor = await createMonitor({ interval: "1h", ping_log_size: 10 });
  for (let i = 0; i < 12; i++) {
    setNow(T0 + i * S);
    await ping(monitor.ping_url);
  }
  await settle(monitor.id);
  setNow(T0 + 20 * S);
  return monitor;
}

describe("rows per ping", () => {
  it("a steady-state success ping on an up monitor with a full ping log writes one row", async () => {
    const monitor = await upWithFullLog();
    const counts = await countRows(monitor.id, () => ping(monitor.ping_url));
    report("steady success ping", counts);
    expect(counts.written).toBeLessThanOrEqual(1);
    expect(counts.read).toBeLessThanOrEqual(10);
  });

  it("a /start and its end write two rows in all", async () => {
    const monitor = await upWithFullLog();
    const start = await countRows(monitor.id, () => ping(`${monitor.ping_url}/start`));
    setNow(T0 + 30 * S);
    const end = await countRows(monitor.id, () => ping(monitor.ping_url));
    report("/start", start);
    report("its end", end);
    expect(start.written + end.written).toBeLessThanOrEqual(2);
  });
});

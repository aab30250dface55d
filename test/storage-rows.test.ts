import { describe, expect, it } from "vitest";
import { createMonitor, ping, S, setNow, settle, T0, useFakeClock } from "./helpers";
import { countRows, type RowCounts } from "./row-counts";

/**
 * What a ping costs in storage, counted the way Cloudflare bills it: the rows every SQL cursor the
 * monitor's object opens reports as written (and read). A steady ping must stay at one row written.
 */
useFakeClock(T0);

/** One JSON line per case: `npm run bench` reads these to print rows per ping beside its timings. */
const report = (name: string, counts: RowCounts) => console.log(JSON.stringify({ rowsPerPing: name, ...counts }));

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

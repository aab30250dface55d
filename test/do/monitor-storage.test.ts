import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { MonitorObject } from "../../src/do/monitor-object";
import type { PingInput } from "../../src/domain/ping";
import { createMonitor, ping, S, setNow, settle, stub, T0, useFakeClock } from "../helpers";
import { countRows, type RowCounts } from "../row-counts";

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

/** A plain success ping, as the route hands it to the object. */
const SUCCESS: PingInput = {
  signal: { kind: "success", exitStatus: null },
  runId: null,
  method: "GET",
  ip: null,
  userAgent: null,
  body: new Uint8Array(),
  size: 0,
  truncated: false,
};

describe("rows read when an object wakes", () => {
  // Under sustained load workerd closes and reopens objects (bench/PROFILE.md §5.3): a wake-up must not
  // read the whole ping log, which it once did (2,009 rows for this ring) to find the newest entry.
  it("a monitor with a full, wrapped 1,000-entry ping log wakes reading O(log n) rows, and carries on where it was", async () => {
    const monitor = await createMonitor({ interval: "1h", ping_log_size: 1000 });
    const token = monitor.ping_url.split("/").pop() ?? "";
    // 1,500 pings, one a second (under the burst rate): the ring wrapped, its newest entry is mid-ring.
    await runInDurableObject(stub(monitor.id), async (object: MonitorObject) => {
      for (let i = 0; i < 1500; i++) {
        setNow(T0 + i * S);
        expect(await object.ping(token, SUCCESS)).toBe(true);
      }
    });
    let woken: MonitorObject | undefined;
    const counts = await countRows(monitor.id, () =>
      runInDurableObject(stub(monitor.id), (_, state) => {
        woken = new MonitorObject(state, env);
      }),
    );
    report("wake-up, 1,000-entry log", counts);
    expect(counts.written).toBe(0);
    expect(counts.read).toBeLessThanOrEqual(25);

    const after = await runInDurableObject(stub(monitor.id), async () => {
      if (!woken) throw new Error("not woken");
      const before = await woken.snapshot();
      setNow(T0 + 1500 * S);
      await woken.ping(token, SUCCESS);
      return { before, pings: await woken.pings(null, 1000), snapshot: await woken.snapshot() };
    });
    expect(after.before?.state.lastPingAt).toBe(T0 + 1499 * S);
    expect(after.snapshot?.state.lastPingAt).toBe(T0 + 1500 * S);
    expect(after.pings?.map((p) => p.n)).toEqual(Array.from({ length: 1000 }, (_, i) => 1501 - i));
  });
});

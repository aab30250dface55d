import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { MonitorObject } from "../../src/do/monitor-object";
import { DEFAULT_BURST_RATE } from "../../src/domain/burst";
import { api, createMonitor, fireAlarm, iso, ping, pingLog, S, scheduledAlarm, setNow, settle, stub, T0, useFakeClock } from "../helpers";
import { countRows } from "../row-counts";

/**
 * A runaway loop pinging one monitor: past PING_BURST_RATE (10 a second by default) pings that only move
 * the timer are coalesced in the monitor's object (counted, the newest kept) instead of written one by
 * one; they are still answered 200 and still count for liveness. Rows are counted as Cloudflare bills
 * them, through the SQL cursors' rowsWritten.
 */
useFakeClock(T0);

const BURST = 1000;

/** An `up` monitor (pinged once at T0 - 10 s), with the clock at T0. */
async function upMonitor(fields: Record<string, unknown> = { interval: "1h" }) {
  setNow(T0 - 10 * S);
  const monitor = await createMonitor(fields);
  expect((await ping(monitor.ping_url)).status).toBe(200);
  await settle(monitor.id);
  setNow(T0);
  return monitor;
}

/** `count` plain pings spread over [from, from + 999 ms], all answered 200 "OK"; returns the newest's time. */
async function burst(url: string, count: number, from = T0): Promise<number> {
  let at = from;
  for (let i = 0; i < count; i++) {
    at = from + Math.floor((i * 999) / count);
    setNow(at);
    const res = await ping(url);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("OK");
  }
  return at;
}

const monitorView = async (id: string) => (await api("GET", `/api/v1/monitors/${id}`)).body;

describe("ping bursts", () => {
  it("1,000 pings in a second write a bounded number of rows, and the newest counts for liveness at once", async () => {
    const monitor = await upMonitor();
    let newest = 0;
    const counts = await countRows(monitor.id, async () => {
      newest = await burst(monitor.ping_url, BURST);
    });
    console.log(JSON.stringify({ burstPings: BURST, rowsWritten: counts.written, rowsRead: counts.read }));
    // 10 written one by one, 1 that opens the burst; the flush comes with the alarm (below).
    expect(counts.written).toBeLessThanOrEqual(20);
    const view = await monitorView(monitor.id);
    expect(view.last_ping_at).toBe(iso(newest));
    expect(view.next_due_at).toBe(iso(newest + 3600 * S));
  });

  it("the alarm at the window's end writes the newest ping, with how many pings it stands for", async () => {
    const monitor = await upMonitor();
    const newest = await burst(monitor.ping_url, BURST);
    // One alarm, at the window's end (the window opened with the burst's first ping, at T0).
    expect(await scheduledAlarm(monitor.id)).toBe(T0 + S);
    setNow(T0 + S);
    const flush = await countRows(monitor.id, () => fireAlarm(monitor.id));
    expect(flush.written).toBeLessThanOrEqual(3);
    const log = await pingLog(monitor.id);
    expect(log[0]).toMatchObject({ at: iso(newest), kind: "success", coalesced: BURST - DEFAULT_BURST_RATE });
    // Every ping is accounted for: the one before the burst, the first ten, and the coalesced entry.
    expect(log.reduce((sum, entry) => sum + entry.coalesced, 0)).toBe(1 + BURST);
    expect(log.filter((entry) => entry.coalesced === 1)).toHaveLength(1 + DEFAULT_BURST_RATE);
    // The alarm is back on the deadline of the newest ping, and flushing again writes nothing new.
    expect(await scheduledAlarm(monitor.id)).toBe(newest + 3600 * S);
    expect((await pingLog(monitor.id)).length).toBe(log.length);
  });

  it("a /fail inside a burst is written and acts at once, after the burst's pending ping", async () => {
    const monitor = await upMonitor();
    const newest = await burst(monitor.ping_url, 100);
    setNow(newest + 1);
    expect((await ping(`${monitor.ping_url}/fail`)).status).toBe(200);
    expect((await monitorView(monitor.id)).status).toBe("down");
    const [fail, coalesced] = await pingLog(monitor.id);
    expect(fail).toMatchObject({ kind: "fail", coalesced: 1, at: iso(newest + 1) });
    expect(coalesced).toMatchObject({ kind: "success", coalesced: 100 - DEFAULT_BURST_RATE, at: iso(newest) });
    // More success pings in the same second are not "only the timer": each one is written and acts.
    setNow(newest + 2);
    await ping(monitor.ping_url);
    expect((await monitorView(monitor.id)).status).toBe("up");
  });

  it("a /start inside a burst is written and starts the run at once", async () => {
    const monitor = await upMonitor();
    const newest = await burst(monitor.ping_url, 50);
    setNow(newest + 1);
    await ping(`${monitor.ping_url}/start`);
    expect((await monitorView(monitor.id)).status).toBe("running");
    expect((await pingLog(monitor.id))[0]).toMatchObject({ kind: "start", coalesced: 1 });
  });

  it("pings up to the rate in one second each write one row", async () => {
    const monitor = await upMonitor();
    for (let i = 0; i < DEFAULT_BURST_RATE; i++) {
      setNow(T0 + i * 90);
      const counts = await countRows(monitor.id, () => ping(monitor.ping_url));
      expect(counts.written).toBe(1);
    }
    expect(await scheduledAlarm(monitor.id)).toBe(T0 + (DEFAULT_BURST_RATE - 1) * 90 + 3600 * S);
  });

  it("a crash mid-window loses at most the window, and the deadline never comes before the newest lost ping's", async () => {
    // The tightest deadline the API allows: interval 1 s, no grace.
    const monitor = await upMonitor({ interval: 1 });
    const newest = await burst(monitor.ping_url, 100);
    // The object is lost before the window's end: a new instance reads only what was written.
    const after = await runInDurableObject(stub(monitor.id), async (_, state) => {
      const restarted = new MonitorObject(state, env);
      // Just before the newest lost ping's deadline: the job, pinging on time after it, is not late.
      setNow(newest + S - 1);
      await restarted.alarm();
      return restarted.snapshot();
    });
    expect(after?.state.status).toBe("up");
    expect(after?.nextDueAt).toBeGreaterThanOrEqual(newest + S);
    // At most one window late for a job that really stopped: down by the window's end plus the interval.
    const restarted = await runInDurableObject(stub(monitor.id), async (_, state) => {
      const object = new MonitorObject(state, env);
      setNow(T0 + S + S);
      await object.alarm();
      return object.snapshot();
    });
    expect(restarted?.state.status).toBe("down");
  });
});

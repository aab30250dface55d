import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { sweepOverdueMonitors } from "../../src/cron/jobs";
import {
  advanceTo,
  alerts,
  api,
  createMonitor,
  M,
  ping,
  pingAt,
  S,
  scheduledAlarm,
  setNow,
  settle,
  stub,
  T0,
  useFakeClock,
} from "../helpers";
import { runCronTrigger } from "./run-cron";

useFakeClock(T0);

/** The default liveness period (LIVENESS_REPORT_SECONDS) plus the sweep's minute: how long past D1's deadline a monitor counts as overdue. */
const MARGIN = 5 * M + M;
const dropAlarm = (id: string) => runInDurableObject(stub(id), (_, state) => state.storage.deleteAlarm());
const d1Deadline = (id: string) => env.DB.prepare("SELECT next_due_at AS n FROM monitors WHERE id = ?").bind(id).first<number | null>("n");

describe("the alarm safety net (the Cron Trigger's sweep)", () => {
  it("wakes nothing over a healthy deployment, whatever the ping period, and reads a bounded number of rows", async () => {
    const minutely = await createMonitor({ interval: 60 });
    const everyFour = await createMonitor({ interval: 240 });
    const hourly = await createMonitor({ interval: 3600 });
    const idle = await createMonitor({ interval: 60 }); // new, never pinged: no deadline
    expect(idle.status).toBe("new");
    await pingAt(T0, hourly);
    // More healthy monitors: the sweep's reads do not grow with them (one index range per status).
    for (let i = 0; i < 20; i++) await pingAt(T0, await createMonitor({ interval: 3600 }));
    const reads: number[] = [];
    for (let minute = 0; minute <= 40; minute++) {
      const now = T0 + minute * M;
      await pingAt(now, minutely);
      if (minute % 4 === 0) await pingAt(now, everyFour);
      const result = await sweepOverdueMonitors(env, now);
      expect(result, `minute ${minute}`).toMatchObject({ due: 0, stale: 0, repaired: 0, failed: 0 });
      reads.push(result.rowsRead);
    }
    // D1 reports 9 rows a run, with 3 monitors or 23: the index probes (one range per status, the first row
    // not yet overdue in each, counted again by the merge), independent of the deployment.
    expect(Math.max(...reads)).toBeLessThanOrEqual(10);
    expect(await scheduledAlarm(hourly.id)).toBe(T0 + 3600 * S);
  });

  it("finds a monitor whose alarm was dropped: the alert opens and the alarm is re-armed", async () => {
    const monitor = await createMonitor({ interval: 60, grace: 0 });
    await pingAt(T0, monitor);
    expect(await scheduledAlarm(monitor.id)).toBe(T0 + M);
    await dropAlarm(monitor.id);

    setNow(T0 + M + MARGIN - S);
    await runCronTrigger();
    expect(await scheduledAlarm(monitor.id)).toBeNull(); // not yet overdue by the margin: left alone

    setNow(T0 + M + MARGIN + S);
    await runCronTrigger();
    expect(await scheduledAlarm(monitor.id)).not.toBeNull();
    await settle(monitor.id);
    expect((await api("GET", `/api/v1/monitors/${monitor.id}`)).body.status).toBe("down");
    expect(await alerts(monitor.id)).toMatchObject([{ status: "open", reason: "missed" }]);
    // Down is not a status the sweep wakes: the next run leaves it alone.
    expect(await sweepOverdueMonitors(env, Date.now() + M)).toMatchObject({ due: 0, stale: 0 });
  });

  it("finds a late monitor whose alarm was dropped a minute past its grace: it goes down and alerts", async () => {
    const monitor = await createMonitor({ interval: 60, grace: 120 });
    await pingAt(T0, monitor);
    await advanceTo(monitor.id, T0 + M);
    expect((await api("GET", `/api/v1/monitors/${monitor.id}`)).body.status).toBe("late");
    expect(await scheduledAlarm(monitor.id)).toBe(T0 + 3 * M);
    await dropAlarm(monitor.id);

    setNow(T0 + 4 * M - S); // down at T0 + 3 min: within a minute of it, left alone
    expect(await sweepOverdueMonitors(env, Date.now())).toMatchObject({ due: 0, stale: 0 });
    setNow(T0 + 4 * M + S);
    expect(await sweepOverdueMonitors(env, Date.now())).toMatchObject({ due: 1, stale: 0 });
    expect(await scheduledAlarm(monitor.id)).not.toBeNull();
    await settle(monitor.id);
    expect((await api("GET", `/api/v1/monitors/${monitor.id}`)).body.status).toBe("down");
    expect(await alerts(monitor.id)).toMatchObject([{ status: "open", reason: "missed" }]);
  });

  it("corrects D1's stale deadline when nothing was due, so the monitor is woken once, not every minute", async () => {
    const monitor = await createMonitor({ interval: 3600 });
    await pingAt(T0, monitor);
    // D1's copy fell behind (say a liveness report was lost): it shows a deadline long past, the object's is an hour on.
    await env.DB.prepare("UPDATE monitors SET next_due_at = ? WHERE id = ?")
      .bind(T0 + M, monitor.id)
      .run();

    const first = await sweepOverdueMonitors(env, T0 + M + MARGIN + S);
    expect(first).toMatchObject({ due: 0, stale: 1 });
    expect(await d1Deadline(monitor.id)).toBe(T0 + 3600 * S);
    expect(await scheduledAlarm(monitor.id)).toBe(T0 + 3600 * S);
    expect(await sweepOverdueMonitors(env, T0 + M + MARGIN + 2 * M)).toMatchObject({ due: 0, stale: 0 });
  });

  it("gives a monitor whose object lost it (a DELETE that failed at D1) its configuration back once, logged once", async () => {
    const monitor = await createMonitor({ interval: 60, grace: 0 });
    await pingAt(T0, monitor);
    // DELETE stops the object first; say D1 then failed: the row stays, listed up, and its object holds nothing.
    await stub(monitor.id).remove();
    expect(await stub(monitor.id).snapshot()).toBeNull();
    expect((await ping(monitor.ping_url)).status).toBe(404);

    const logs = vi.spyOn(console, "warn").mockImplementation(() => {});
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const now = T0 + M + MARGIN + S;
      expect(await sweepOverdueMonitors(env, now)).toMatchObject({ due: 0, stale: 0, repaired: 1, failed: 0 });
      // Configured from D1 as the API would: answering its pings again, starting afresh, and no longer overdue in D1.
      expect((await stub(monitor.id).snapshot())?.config).toMatchObject({ id: monitor.id, pingToken: monitor.ping_url.split("/").pop() });
      expect((await api("GET", `/api/v1/monitors/${monitor.id}`)).body).toMatchObject({ status: "new" });
      for (let minute = 1; minute <= 5; minute++) {
        expect(await sweepOverdueMonitors(env, now + minute * M)).toMatchObject({ due: 0, stale: 0, repaired: 0, failed: 0 });
      }
      expect(logs.mock.calls.map(([line]) => line)).toEqual([
        expect.objectContaining({ event: "sweep.repaired", monitor_id: monitor.id, team_id: "team_default" }),
      ]);
      expect(errors).not.toHaveBeenCalled();
      expect(await alerts(monitor.id)).toEqual([]);
      expect((await ping(monitor.ping_url)).status).toBe(200);
    } finally {
      logs.mockRestore();
      errors.mockRestore();
    }
  });

  it("leaves a deleted monitor deleted: a DELETE that completes stops the object even after a repair", async () => {
    const monitor = await createMonitor({ interval: 60, grace: 0 });
    await pingAt(T0, monitor);
    await stub(monitor.id).remove();
    await sweepOverdueMonitors(env, T0 + M + MARGIN + S); // repaired from D1's row
    expect(await stub(monitor.id).snapshot()).not.toBeNull();
    expect((await api("DELETE", `/api/v1/monitors/${monitor.id}`)).status).toBe(204);
    expect(await stub(monitor.id).snapshot()).toBeNull();
    expect((await ping(monitor.ping_url)).status).toBe(404);
    expect(await sweepOverdueMonitors(env, T0 + M + MARGIN + 2 * M)).toMatchObject({ repaired: 0, gone: 0 });
  });
});

import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { sweepOverdueMonitors } from "../../src/cron/jobs";
import { advanceTo, alerts, api, createMonitor, M, pingAt, S, scheduledAlarm, setNow, settle, stub, T0, useFakeClock } from "../helpers";
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
      expect(result, `minute ${minute}`).toMatchObject({ due: 0, stale: 0, missing: 0 });
      reads.push(result.rowsRead);
    }
    // D1 reports 7 rows a run, with 3 monitors or 23: the index probes, independent of the deployment.
    expect(Math.max(...reads)).toBeLessThanOrEqual(7);
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
});

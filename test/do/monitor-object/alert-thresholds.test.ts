import { describe, expect, it } from "vitest";
import {
  advanceTo,
  alerts,
  api,
  createMonitor,
  iso,
  M,
  pingAt,
  pingNow,
  S,
  scheduledAlarm,
  setNow,
  settle,
  status,
  T0,
  useFakeClock,
} from "../../helpers";

useFakeClock(T0);

describe("failure_threshold", () => {
  it("opens no alert for the 1st and 2nd consecutive miss, exactly one on the 3rd", async () => {
    const monitor = await createMonitor({ interval: 60, failure_threshold: 3 });
    await pingNow(monitor);

    await advanceTo(monitor.id, T0 + M);
    expect(await status(monitor.id)).toBe("down");
    expect(await alerts(monitor.id)).toHaveLength(0);
    // The monitor keeps counting: it wakes for the next expected ping.
    expect(await scheduledAlarm(monitor.id)).toBe(T0 + 2 * M);

    await advanceTo(monitor.id, T0 + 2 * M);
    expect(await status(monitor.id)).toBe("down");
    expect(await alerts(monitor.id)).toHaveLength(0);

    await advanceTo(monitor.id, T0 + 3 * M);
    const opened = await alerts(monitor.id);
    expect(opened).toHaveLength(1);
    expect(opened[0]).toMatchObject({ status: "open", reason: "missed", opened_at: iso(T0 + 3 * M) });

    // However long the silence lasts, still that one alert.
    await advanceTo(monitor.id, T0 + 10 * 60 * M);
    expect(await alerts(monitor.id)).toHaveLength(1);
  });

  it("a success between misses starts the count again", async () => {
    const monitor = await createMonitor({ interval: 60, failure_threshold: 3 });
    await pingNow(monitor);
    await advanceTo(monitor.id, T0 + M);
    await advanceTo(monitor.id, T0 + 2 * M);
    expect(await status(monitor.id)).toBe("down");

    await pingAt(T0 + 150 * S, monitor);
    expect(await status(monitor.id)).toBe("up");

    // Two more misses (T0+210s, T0+270s) would have been the 3rd and 4th without the reset.
    await advanceTo(monitor.id, T0 + 210 * S);
    await advanceTo(monitor.id, T0 + 270 * S);
    expect(await status(monitor.id)).toBe("down");
    expect(await alerts(monitor.id)).toHaveLength(0);

    await advanceTo(monitor.id, T0 + 330 * S);
    const opened = await alerts(monitor.id);
    expect(opened).toHaveLength(1);
    expect(opened[0]).toMatchObject({ reason: "missed", opened_at: iso(T0 + 330 * S) });
  });

  it("counts /fail pings and non-zero exit statuses the same way", async () => {
    const monitor = await createMonitor({ interval: "1h", failure_threshold: 3 });
    await pingAt(T0, monitor, "/fail");
    expect(await status(monitor.id)).toBe("down");
    await pingAt(T0 + 10 * S, monitor, "/2");
    expect(await status(monitor.id)).toBe("down");
    expect(await alerts(monitor.id)).toHaveLength(0);

    // A success resets the count: two more failures are not enough.
    await pingAt(T0 + 20 * S, monitor);
    expect(await status(monitor.id)).toBe("up");
    await pingAt(T0 + 30 * S, monitor, "/fail");
    await pingAt(T0 + 40 * S, monitor, "/fail");
    expect(await alerts(monitor.id)).toHaveLength(0);

    await pingAt(T0 + 50 * S, monitor, "/1");
    const opened = await alerts(monitor.id);
    expect(opened).toHaveLength(1);
    expect(opened[0]).toMatchObject({ status: "open", reason: "failed", opened_at: iso(T0 + 50 * S) });

    // More failures while it is open do not open another.
    await pingAt(T0 + 60 * S, monitor, "/fail");
    expect(await alerts(monitor.id)).toHaveLength(1);
  });

  it("with a grace, each expected ping missed past its grace counts once", async () => {
    const monitor = await createMonitor({ interval: 60, grace: 30, failure_threshold: 2 });
    await pingNow(monitor);
    await advanceTo(monitor.id, T0 + 60 * S);
    expect(await status(monitor.id)).toBe("late");
    await advanceTo(monitor.id, T0 + 90 * S);
    expect(await status(monitor.id)).toBe("down");
    expect(await alerts(monitor.id)).toHaveLength(0);
    // The next expected ping was at T0+120s; past its grace it is the 2nd miss.
    await advanceTo(monitor.id, T0 + 150 * S - 1);
    expect(await alerts(monitor.id)).toHaveLength(0);
    await advanceTo(monitor.id, T0 + 150 * S);
    expect(await alerts(monitor.id)).toMatchObject([{ status: "open", reason: "missed", opened_at: iso(T0 + 150 * S) }]);
  });

  it("on a cron schedule, each missed occurrence counts once", async () => {
    const monitor = await createMonitor({ schedule: "*/10 * * * *", failure_threshold: 2 });
    await pingNow(monitor);
    await advanceTo(monitor.id, T0 + 10 * M);
    expect(await status(monitor.id)).toBe("down");
    expect(await alerts(monitor.id)).toHaveLength(0);
    expect(await scheduledAlarm(monitor.id)).toBe(T0 + 20 * M);
    await advanceTo(monitor.id, T0 + 20 * M);
    expect(await alerts(monitor.id)).toMatchObject([{ status: "open", reason: "missed", opened_at: iso(T0 + 20 * M) }]);
  });

  it("lowering the threshold below the misses so far opens the alert at once", async () => {
    const monitor = await createMonitor({ interval: 60, failure_threshold: 3 });
    await pingNow(monitor);
    await advanceTo(monitor.id, T0 + M);
    await advanceTo(monitor.id, T0 + 2 * M);
    expect(await alerts(monitor.id)).toHaveLength(0);

    setNow(T0 + 150 * S);
    expect((await api("PATCH", `/api/v1/monitors/${monitor.id}`, { failure_threshold: 2 })).status).toBe(200);
    await settle(monitor.id);
    expect(await alerts(monitor.id)).toMatchObject([{ status: "open", reason: "missed", opened_at: iso(T0 + 150 * S) }]);
  });

  it("with the default threshold the first failure opens the alert at once", async () => {
    const monitor = await createMonitor({ interval: "1h" });
    await pingAt(T0, monitor, "/fail");
    expect(await alerts(monitor.id)).toMatchObject([{ status: "open", reason: "failed", opened_at: iso(T0) }]);
  });
});

describe("recovery_threshold", () => {
  it("one success does not close the alert, the second consecutive one does", async () => {
    const monitor = await createMonitor({ interval: "1h", recovery_threshold: 2 });
    await pingAt(T0, monitor, "/fail");
    const [alert] = await alerts(monitor.id);
    expect(alert).toMatchObject({ status: "open", reason: "failed" });

    await pingAt(T0 + M, monitor);
    expect(await alerts(monitor.id)).toMatchObject([{ id: alert?.id, status: "open" }]);

    await pingAt(T0 + 2 * M, monitor);
    expect(await alerts(monitor.id)).toMatchObject([{ id: alert?.id, status: "closed", close_reason: "ping", closed_at: iso(T0 + 2 * M) }]);
    expect(await status(monitor.id)).toBe("up");
  });

  it("a failure between successes starts the count again, without opening a second alert", async () => {
    const monitor = await createMonitor({ interval: "1h", recovery_threshold: 2 });
    await pingAt(T0, monitor, "/fail");
    await pingAt(T0 + M, monitor);
    await pingAt(T0 + 2 * M, monitor, "/fail");
    await pingAt(T0 + 3 * M, monitor);
    const stillOpen = await alerts(monitor.id);
    expect(stillOpen).toHaveLength(1);
    expect(stillOpen[0]).toMatchObject({ status: "open" });

    await pingAt(T0 + 4 * M, monitor);
    expect(await alerts(monitor.id)).toMatchObject([{ status: "closed", closed_at: iso(T0 + 4 * M) }]);
  });

  it("a miss between successes also starts the count again", async () => {
    const monitor = await createMonitor({ interval: 60, recovery_threshold: 2 });
    await pingAt(T0, monitor, "/fail");
    await pingAt(T0 + 10 * S, monitor);
    // Silent until past the deadline (T0+70s): a miss.
    await advanceTo(monitor.id, T0 + 70 * S);
    expect(await status(monitor.id)).toBe("down");
    await pingAt(T0 + 80 * S, monitor);
    expect(await alerts(monitor.id)).toMatchObject([{ status: "open" }]);
    await pingAt(T0 + 90 * S, monitor);
    expect(await alerts(monitor.id)).toMatchObject([{ status: "closed", closed_at: iso(T0 + 90 * S) }]);
  });
});

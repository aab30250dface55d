import { describe, expect, it } from "vitest";
import { advanceTo, alerts, createMonitor, iso, M, pingAt, pingNow, scheduledAlarm, status, T0, useFakeClock } from "../../helpers";

useFakeClock(T0);

describe("maintenance, one-off window", () => {
  // Interval 10 min, pinged at T0: the miss at T0+10m falls inside the window T0+5m..T0+17m.
  const windowed = () => createMonitor({ interval: "10m", maintenance: [{ starts_at: iso(T0 + 5 * M), ends_at: iso(T0 + 17 * M) }] });

  it("a miss inside the window opens no alert; still silent at its end, the alert opens then", async () => {
    const monitor = await windowed();
    await pingNow(monitor);

    await advanceTo(monitor.id, T0 + 10 * M);
    expect(await status(monitor.id)).toBe("down");
    expect(await alerts(monitor.id)).toHaveLength(0);
    // The next wake-up is the window's end, before the next expected ping (T0+20m).
    expect(await scheduledAlarm(monitor.id)).toBe(T0 + 17 * M);

    await advanceTo(monitor.id, T0 + 17 * M - 1);
    expect(await alerts(monitor.id)).toHaveLength(0);

    await advanceTo(monitor.id, T0 + 17 * M);
    const opened = await alerts(monitor.id);
    expect(opened).toHaveLength(1);
    // Opened at the window's end, not back-dated to the miss at T0+10m.
    expect(opened[0]).toMatchObject({ status: "open", reason: "missed", opened_at: iso(T0 + 17 * M) });

    await advanceTo(monitor.id, T0 + 60 * M);
    expect(await alerts(monitor.id)).toHaveLength(1);
  });

  it("a ping during the window (recovery) means nothing opens at its end", async () => {
    const monitor = await windowed();
    await pingNow(monitor);
    await advanceTo(monitor.id, T0 + 10 * M);
    expect(await status(monitor.id)).toBe("down");

    await pingAt(T0 + 12 * M, monitor);
    expect(await status(monitor.id)).toBe("up");

    await advanceTo(monitor.id, T0 + 17 * M);
    await advanceTo(monitor.id, T0 + 22 * M - 1);
    expect(await status(monitor.id)).toBe("up");
    expect(await alerts(monitor.id)).toHaveLength(0);
    expect(await scheduledAlarm(monitor.id)).toBe(T0 + 22 * M);
  });

  it("a /fail inside the window opens its alert (reason failed) at the window's end", async () => {
    const monitor = await windowed();
    // Its timer restarts (due T0+18m), after the window ends.
    await pingAt(T0 + 8 * M, monitor, "/fail");
    expect(await status(monitor.id)).toBe("down");
    expect(await alerts(monitor.id)).toHaveLength(0);
    expect(await scheduledAlarm(monitor.id)).toBe(T0 + 17 * M);

    await advanceTo(monitor.id, T0 + 17 * M);
    expect(await alerts(monitor.id)).toMatchObject([{ status: "open", reason: "failed", opened_at: iso(T0 + 17 * M) }]);
  });

  it("a run timing out inside the window opens its alert (reason timeout) at the window's end", async () => {
    const monitor = await createMonitor({
      interval: "10m",
      max_runtime: "5m",
      maintenance: [{ starts_at: iso(T0 + 5 * M), ends_at: iso(T0 + 17 * M) }],
    });
    await pingAt(T0 + 6 * M, monitor, "/start");
    expect(await status(monitor.id)).toBe("running");
    await advanceTo(monitor.id, T0 + 11 * M);
    expect(await status(monitor.id)).toBe("down");
    expect(await alerts(monitor.id)).toHaveLength(0);
    expect(await scheduledAlarm(monitor.id)).toBe(T0 + 17 * M);
    await advanceTo(monitor.id, T0 + 17 * M);
    expect(await alerts(monitor.id)).toMatchObject([{ status: "open", reason: "timeout", opened_at: iso(T0 + 17 * M) }]);
  });

  it("with failure_threshold 2, one miss in the window and one after it open the alert at the second", async () => {
    const monitor = await createMonitor({
      interval: "10m",
      failure_threshold: 2,
      maintenance: [{ starts_at: iso(T0 + 5 * M), ends_at: iso(T0 + 17 * M) }],
    });
    await pingNow(monitor);
    await advanceTo(monitor.id, T0 + 10 * M);
    await advanceTo(monitor.id, T0 + 17 * M);
    expect(await alerts(monitor.id)).toHaveLength(0);
    await advanceTo(monitor.id, T0 + 20 * M);
    expect(await alerts(monitor.id)).toMatchObject([{ status: "open", opened_at: iso(T0 + 20 * M) }]);
  });

  it("an alert open before the window closes on a ping inside it", async () => {
    const monitor = await createMonitor({
      interval: "10m",
      maintenance: [{ starts_at: iso(T0 + 15 * M), ends_at: iso(T0 + 30 * M) }],
    });
    await pingNow(monitor);
    await advanceTo(monitor.id, T0 + 10 * M);
    expect(await alerts(monitor.id)).toMatchObject([{ status: "open" }]);
    await pingAt(T0 + 20 * M, monitor);
    expect(await alerts(monitor.id)).toMatchObject([{ status: "closed", closed_at: iso(T0 + 20 * M) }]);
  });

  it("outside the window a miss opens the alert at once", async () => {
    const monitor = await createMonitor({
      interval: "10m",
      maintenance: [{ starts_at: iso(T0 + 30 * M), ends_at: iso(T0 + 40 * M) }],
    });
    await pingNow(monitor);
    await advanceTo(monitor.id, T0 + 10 * M);
    expect(await alerts(monitor.id)).toMatchObject([{ status: "open", opened_at: iso(T0 + 10 * M) }]);
  });
});

describe("maintenance, recurring window", () => {
  // 03:00-04:00 Berlin time every night; in January (CET, UTC+1) that is 02:00-03:00 UTC.
  const nightly = (interval: string) =>
    createMonitor({ interval, maintenance: [{ cron: "0 3 * * *", timezone: "Europe/Berlin", duration: "1h" }] });
  const at = (hhmm: string) => Date.parse(`2100-01-01T${hhmm}:00Z`);

  it("a miss inside tonight's window opens no alert; still silent at its end, the alert opens then", async () => {
    const monitor = await nightly("50m");
    await pingAt(at("01:30"), monitor);

    // Due 02:20 UTC = 03:20 Berlin: inside the window (in UTC it would not be, and would alert now).
    await advanceTo(monitor.id, at("02:20"));
    expect(await status(monitor.id)).toBe("down");
    expect(await alerts(monitor.id)).toHaveLength(0);
    expect(await scheduledAlarm(monitor.id)).toBe(at("03:00"));

    await advanceTo(monitor.id, at("03:00"));
    const opened = await alerts(monitor.id);
    expect(opened).toHaveLength(1);
    expect(opened[0]).toMatchObject({ status: "open", reason: "missed", opened_at: iso(at("03:00")) });
  });

  it("a ping during the window means nothing opens at its end", async () => {
    const monitor = await nightly("50m");
    await pingAt(at("01:30"), monitor);
    await advanceTo(monitor.id, at("02:20"));
    expect(await status(monitor.id)).toBe("down");

    await pingAt(at("02:40"), monitor);
    await advanceTo(monitor.id, at("03:00"));
    await advanceTo(monitor.id, at("03:30") - 1);
    expect(await status(monitor.id)).toBe("up");
    expect(await alerts(monitor.id)).toHaveLength(0);
    expect(await scheduledAlarm(monitor.id)).toBe(at("03:30"));
  });

  it("a miss before the window (02:00 Berlin) alerts at once", async () => {
    const monitor = await nightly("50m");
    await pingAt(at("00:00"), monitor);
    await advanceTo(monitor.id, at("00:50"));
    expect(await alerts(monitor.id)).toMatchObject([{ status: "open", opened_at: iso(at("00:50")) }]);
  });
});

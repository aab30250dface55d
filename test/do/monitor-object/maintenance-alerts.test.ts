import { describe, expect, it } from "vitest";
import {
  advanceTo,
  alerts,
  createMonitor,
  createWebhookChannel,
  interceptFetch,
  iso,
  M,
  pingAt,
  pingNow,
  scheduledAlarm,
  status,
  T0,
  useFakeClock,
} from "../../helpers";

useFakeClock(T0);

describe("maintenance, one-off window", () => {
  // Interval 10 min, pinged at T0: the miss at T0+10m falls inside the window T0+5m..T0+17m.
  const windowed = () => createMonitor({ interval: "10m", maintenance: [{ starts_at: iso(T0 + 5 * M), ends_at: iso(T0 + 17 * M) }] });

  it("silent only inside the window: nothing at its end; a full period plus grace later it alerts, once (Kuma 6022)", async () => {
    const monitor = await windowed();
    await pingNow(monitor);

    await advanceTo(monitor.id, T0 + 10 * M);
    expect(await status(monitor.id)).toBe("down");
    expect(await alerts(monitor.id)).toHaveLength(0);
    // The miss is excused: the next deadline is a full period (10 min) from the window's end at T0+17m.
    expect(await scheduledAlarm(monitor.id)).toBe(T0 + 27 * M);

    await advanceTo(monitor.id, T0 + 17 * M);
    await advanceTo(monitor.id, T0 + 27 * M - 1);
    expect(await alerts(monitor.id)).toHaveLength(0);

    await advanceTo(monitor.id, T0 + 27 * M);
    const opened = await alerts(monitor.id);
    expect(opened).toHaveLength(1);
    expect(opened[0]).toMatchObject({ status: "open", reason: "missed", opened_at: iso(T0 + 27 * M) });

    await advanceTo(monitor.id, T0 + 60 * M);
    expect(await alerts(monitor.id)).toHaveLength(1);
  });

  it("silent only inside the window, then pinging within a period of its end: no alert, no notification", async () => {
    const { captured } = interceptFetch();
    const channel = await createWebhookChannel();
    const monitor = await createMonitor({
      interval: "10m",
      grace: "2m",
      channels: [channel.id],
      maintenance: [{ starts_at: iso(T0 + 5 * M), ends_at: iso(T0 + 17 * M) }],
    });
    await pingNow(monitor);
    await advanceTo(monitor.id, T0 + 12 * M);
    await advanceTo(monitor.id, T0 + 17 * M);
    // The job comes back 9 minutes after the window: inside its period plus grace (T0+29m).
    await pingAt(T0 + 26 * M, monitor);
    await advanceTo(monitor.id, T0 + 30 * M);
    expect(await status(monitor.id)).toBe("up");
    expect(await alerts(monitor.id)).toHaveLength(0);
    expect(captured).toHaveLength(0);
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

  it("with failure_threshold 2, the miss in the window does not count: two misses after it open the alert", async () => {
    const monitor = await createMonitor({
      interval: "10m",
      failure_threshold: 2,
      maintenance: [{ starts_at: iso(T0 + 5 * M), ends_at: iso(T0 + 17 * M) }],
    });
    await pingNow(monitor);
    await advanceTo(monitor.id, T0 + 10 * M);
    await advanceTo(monitor.id, T0 + 17 * M);
    await advanceTo(monitor.id, T0 + 27 * M);
    expect(await alerts(monitor.id)).toHaveLength(0);
    await advanceTo(monitor.id, T0 + 37 * M);
    expect(await alerts(monitor.id)).toMatchObject([{ status: "open", opened_at: iso(T0 + 37 * M) }]);
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

  it("a miss inside tonight's window is excused; still silent a full period after its end, the alert opens then", async () => {
    const monitor = await nightly("50m");
    await pingAt(at("01:30"), monitor);

    // Due 02:20 UTC = 03:20 Berlin: inside the window (in UTC it would not be, and would alert now).
    await advanceTo(monitor.id, at("02:20"));
    expect(await status(monitor.id)).toBe("down");
    expect(await alerts(monitor.id)).toHaveLength(0);
    // The window ends at 03:00 UTC: the next ping is expected 50 minutes later.
    expect(await scheduledAlarm(monitor.id)).toBe(at("03:50"));

    await advanceTo(monitor.id, at("03:00"));
    expect(await alerts(monitor.id)).toHaveLength(0);
    await advanceTo(monitor.id, at("03:50"));
    const opened = await alerts(monitor.id);
    expect(opened).toHaveLength(1);
    expect(opened[0]).toMatchObject({ status: "open", reason: "missed", opened_at: iso(at("03:50")) });
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

describe("maintenance window ends: what the channels hear", () => {
  const window15to45 = [{ starts_at: iso(T0 + 15 * M), ends_at: iso(T0 + 45 * M) }];
  const sentTypes = (captured: { body: string }[]) => captured.map((request) => (JSON.parse(request.body) as { type: string }).type);

  async function alertedBeforeWindow(fields: Record<string, unknown>) {
    const receiver = interceptFetch();
    const channel = await createWebhookChannel();
    const monitor = await createMonitor({ interval: "10m", channels: [channel.id], maintenance: window15to45, ...fields });
    await pingNow(monitor);
    await advanceTo(monitor.id, T0 + 10 * M);
    expect(sentTypes(receiver.captured)).toEqual(["alert.opened"]);
    return { receiver, monitor };
  }

  it("an alert open and notified before the window: nothing new when it ends (Kuma 7148)", async () => {
    const { receiver, monitor } = await alertedBeforeWindow({});
    for (const minute of [20, 30, 44, 45, 46, 90]) await advanceTo(monitor.id, T0 + minute * M);
    expect(sentTypes(receiver.captured)).toEqual(["alert.opened"]);
    expect(await alerts(monitor.id)).toMatchObject([{ status: "open", opened_at: iso(T0 + 10 * M) }]);
  });

  it("reminders due inside the window are dropped, not sent at its end; the next counts from the end", async () => {
    const { receiver, monitor } = await alertedBeforeWindow({ remind_every: "10m" });
    await advanceTo(monitor.id, T0 + 20 * M);
    await advanceTo(monitor.id, T0 + 30 * M);
    expect(await scheduledAlarm(monitor.id)).toBe(T0 + 45 * M);
    await advanceTo(monitor.id, T0 + 45 * M);
    expect(sentTypes(receiver.captured)).toEqual(["alert.opened"]);
    await advanceTo(monitor.id, T0 + 55 * M);
    expect(sentTypes(receiver.captured)).toEqual(["alert.opened", "alert.reminder"]);
  });

  it("an escalation step due inside the window tells its channels when the window ends", async () => {
    const receiver = interceptFetch();
    const first = await createWebhookChannel("http://first.test/hook");
    const second = await createWebhookChannel("http://second.test/hook");
    const monitor = await createMonitor({
      interval: "10m",
      escalation: [
        { after: "0s", channels: [first.id] },
        { after: "10m", channels: [second.id] },
      ],
      maintenance: window15to45,
    });
    await pingNow(monitor);
    await advanceTo(monitor.id, T0 + 10 * M);
    await advanceTo(monitor.id, T0 + 20 * M);
    expect(receiver.captured.map((r) => new URL(r.url).host)).toEqual(["first.test"]);
    await advanceTo(monitor.id, T0 + 45 * M);
    expect(receiver.captured.map((r) => `${new URL(r.url).host} ${sentTypes([r])[0]}`)).toEqual([
      "first.test alert.opened",
      "second.test alert.opened",
    ]);
  });

  it("a failure inside the window, still failing at its end: one notification then, like a snooze ending", async () => {
    const receiver = interceptFetch();
    const channel = await createWebhookChannel();
    const monitor = await createMonitor({ interval: "1h", channels: [channel.id], maintenance: window15to45 });
    await pingNow(monitor);
    await pingAt(T0 + 20 * M, monitor, "/fail");
    await advanceTo(monitor.id, T0 + 44 * M);
    expect(receiver.captured).toHaveLength(0);
    await advanceTo(monitor.id, T0 + 45 * M);
    await advanceTo(monitor.id, T0 + 90 * M);
    expect(sentTypes(receiver.captured)).toEqual(["alert.opened"]);
    expect(await alerts(monitor.id)).toMatchObject([{ status: "open", reason: "failed", opened_at: iso(T0 + 45 * M) }]);
  });
});

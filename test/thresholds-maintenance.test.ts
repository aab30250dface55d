import { describe, expect, it } from "vitest";
import { advanceTo, api, createMonitor, ping, S, scheduledAlarm, setNow, settle, T0, useFakeClock } from "./helpers";

const M = 60 * S;
const iso = (ms: number) => new Date(ms).toISOString();

useFakeClock(T0);

interface AlertView {
  id: string;
  status: "open" | "closed";
  reason: string;
  opened_at: string;
  closed_at: string | null;
  close_reason: string | null;
}

const live = async (id: string) => (await api("GET", `/api/v1/monitors/${id}`)).body;
const status = async (id: string) => (await live(id)).status as string;
const alerts = async (id: string): Promise<AlertView[]> => (await api("GET", `/api/v1/monitors/${id}/alerts`)).body.data;
const listed = async (id: string) => {
  const page = (await api("GET", "/api/v1/monitors?limit=100")).body.data as { id: string; status: string; enabled: boolean }[];
  return page.find((m) => m.id === id);
};

/** Pings at the current fake time and runs what that made due (D1 sync). */
async function pingNow(monitor: { id: string; ping_url: string }, suffix = "", method = "GET", body?: BodyInit): Promise<Response> {
  const res = await ping(`${monitor.ping_url}${suffix}`, method, body);
  await settle(monitor.id);
  return res;
}

async function pingAt(at: number, monitor: { id: string; ping_url: string }, suffix = "", method = "GET", body?: BodyInit) {
  setNow(at);
  const res = await pingNow(monitor, suffix, method, body);
  expect(res.status).toBe(200);
  return res;
}

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

describe("pause and manual_resume", () => {
  it("by default a ping resumes a paused monitor, in the live view and in the list", async () => {
    const monitor = await createMonitor({ interval: 60 });
    await pingNow(monitor);
    const paused = await api("POST", `/api/v1/monitors/${monitor.id}/pause`);
    expect(paused.body).toMatchObject({ status: "paused", enabled: false });

    await pingAt(T0 + 10 * S, monitor);
    expect(await live(monitor.id)).toMatchObject({ status: "up", enabled: true, next_due_at: iso(T0 + 70 * S) });
    expect(await listed(monitor.id)).toMatchObject({ status: "up", enabled: true });
    expect(await scheduledAlarm(monitor.id)).toBe(T0 + 70 * S);

    // It is really monitored again: silence now alerts.
    await advanceTo(monitor.id, T0 + 70 * S);
    expect(await alerts(monitor.id)).toMatchObject([{ status: "open", reason: "missed" }]);
  });

  it("with manual_resume the monitor stays paused, and the ping is still logged, as ignored", async () => {
    const monitor = await createMonitor({ interval: 60, manual_resume: true });
    await pingNow(monitor);
    await api("POST", `/api/v1/monitors/${monitor.id}/pause`);

    const res = await pingAt(T0 + 10 * S, monitor);
    expect(await res.text()).toBe("OK");
    expect(await live(monitor.id)).toMatchObject({ status: "paused", enabled: false, manual_resume: true, last_ping_at: iso(T0) });
    expect(await listed(monitor.id)).toMatchObject({ status: "paused", enabled: false });
    const log = (await api("GET", `/api/v1/monitors/${monitor.id}/pings`)).body.data;
    expect(log).toHaveLength(2);
    expect(log[0]).toMatchObject({ kind: "ignored", at: iso(T0 + 10 * S) });

    // Nothing is watched while paused.
    await advanceTo(monitor.id, T0 + 60 * M);
    expect(await alerts(monitor.id)).toHaveLength(0);

    // Resuming by hand works.
    const resumed = await api("POST", `/api/v1/monitors/${monitor.id}/resume`);
    expect(resumed.body).toMatchObject({ enabled: true, status: "new" });
  });

  it("a /log ping never resumes a paused monitor", async () => {
    const monitor = await createMonitor({ interval: 60 });
    await pingNow(monitor);
    await api("POST", `/api/v1/monitors/${monitor.id}/pause`);

    await pingAt(T0 + 10 * S, monitor, "/log", "POST", "just saying");
    expect(await live(monitor.id)).toMatchObject({ status: "paused", enabled: false });
    expect(await listed(monitor.id)).toMatchObject({ status: "paused", enabled: false });
    const log = (await api("GET", `/api/v1/monitors/${monitor.id}/pings`)).body.data;
    expect(log[0]).toMatchObject({ kind: "log", at: iso(T0 + 10 * S) });
  });
});

describe("keyword filters", () => {
  it("failure_keywords: ERROR in a success ping's body makes it a failure", async () => {
    const monitor = await createMonitor({ interval: "1h", failure_keywords: ["ERROR"] });
    await pingAt(T0, monitor, "", "POST", "backup started\nERROR: disk full\n");
    expect(await status(monitor.id)).toBe("down");
    expect(await alerts(monitor.id)).toMatchObject([{ status: "open", reason: "failed", opened_at: iso(T0) }]);
    const [entry] = (await api("GET", `/api/v1/monitors/${monitor.id}/pings`)).body.data;
    // The log says why a success ping counts as a failure.
    expect(entry).toMatchObject({ kind: "fail", note: expect.stringContaining("ERROR") });
  });

  it("failure_keywords match case-sensitively", async () => {
    const monitor = await createMonitor({ interval: "1h", failure_keywords: ["ERROR"] });
    await pingAt(T0, monitor, "", "POST", "0 errors, Error count: 0");
    expect(await status(monitor.id)).toBe("up");
    expect(await alerts(monitor.id)).toHaveLength(0);
  });

  it("failure_keywords are found beyond the 10 KB the log keeps", async () => {
    const monitor = await createMonitor({ interval: "1h", failure_keywords: ["ERROR"] });
    await pingAt(T0, monitor, "", "POST", `${"x".repeat(50 * 1024)}\nERROR at the end of a long log\n`);
    expect(await status(monitor.id)).toBe("down");
    expect(await alerts(monitor.id)).toMatchObject([{ reason: "failed" }]);
  });

  it("success_keywords: a body without one is kept as a log entry and changes nothing", async () => {
    const monitor = await createMonitor({ interval: 60, success_keywords: ["OK"] });
    await pingAt(T0, monitor, "", "POST", "finished, maybe");
    expect(await live(monitor.id)).toMatchObject({ status: "new", last_ping_at: null, next_due_at: null });
    expect(await scheduledAlarm(monitor.id)).toBeNull();
    const [entry] = (await api("GET", `/api/v1/monitors/${monitor.id}/pings`)).body.data;
    expect(entry).toMatchObject({ kind: "log", note: expect.stringMatching(/keyword/) });
  });

  it("success_keywords: a body without one does not restart the timer; one with it does", async () => {
    const monitor = await createMonitor({ interval: 60, success_keywords: ["OK"] });
    await pingAt(T0, monitor, "", "POST", "backup OK");
    expect(await status(monitor.id)).toBe("up");
    expect(await scheduledAlarm(monitor.id)).toBe(T0 + 60 * S);

    await pingAt(T0 + 30 * S, monitor, "", "POST", "backup ok?");
    expect(await scheduledAlarm(monitor.id)).toBe(T0 + 60 * S);
    expect((await live(monitor.id)).next_due_at).toBe(iso(T0 + 60 * S));

    await pingAt(T0 + 40 * S, monitor, "", "POST", "all OK");
    expect(await scheduledAlarm(monitor.id)).toBe(T0 + 100 * S);
    await advanceTo(monitor.id, T0 + 100 * S - 1);
    expect(await status(monitor.id)).toBe("up");
  });

  it("failure keywords win over success keywords", async () => {
    const monitor = await createMonitor({ interval: "1h", success_keywords: ["OK"], failure_keywords: ["ERROR"] });
    await pingAt(T0, monitor, "", "POST", "OK so far, then ERROR");
    expect(await status(monitor.id)).toBe("down");
  });
});

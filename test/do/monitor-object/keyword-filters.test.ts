import { describe, expect, it } from "vitest";
import { advanceTo, alerts, createMonitor, iso, live, pingAt, pingLog, S, scheduledAlarm, status, T0, useFakeClock } from "../../helpers";

useFakeClock(T0);

describe("keyword filters", () => {
  it("failure_keywords: ERROR in a success ping's body makes it a failure", async () => {
    const monitor = await createMonitor({ interval: "1h", failure_keywords: ["ERROR"] });
    await pingAt(T0, monitor, "", "POST", "backup started\nERROR: disk full\n");
    expect(await status(monitor.id)).toBe("down");
    expect(await alerts(monitor.id)).toMatchObject([{ status: "open", reason: "failed", opened_at: iso(T0) }]);
    const [entry] = await pingLog(monitor.id);
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
    const [entry] = await pingLog(monitor.id);
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

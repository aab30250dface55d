import { describe, expect, it } from "vitest";
import {
  advanceTo,
  alerts,
  api,
  createMonitor,
  iso,
  listed,
  live,
  M,
  pingAt,
  pingLog,
  pingNow,
  S,
  scheduledAlarm,
  T0,
  useFakeClock,
} from "../../helpers";

useFakeClock(T0);

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
    const log = await pingLog(monitor.id);
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
    const log = await pingLog(monitor.id);
    expect(log[0]).toMatchObject({ kind: "log", at: iso(T0 + 10 * S) });
  });
});

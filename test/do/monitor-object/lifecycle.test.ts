import { describe, expect, it } from "vitest";
import {
  advanceTo,
  api,
  createMonitor,
  createWebhookChannel,
  fireAlarm,
  ping,
  S,
  scheduledAlarm,
  setNow,
  settle,
  T0,
  useFakeClock,
} from "../../helpers";

useFakeClock(T0);

const status = async (id: string) => (await api("GET", `/api/v1/monitors/${id}`)).body.status as string;
const openAlerts = async (id: string) => (await api("GET", `/api/v1/monitors/${id}/alerts?status=open`)).body.data;
const allAlerts = async (id: string) => (await api("GET", `/api/v1/monitors/${id}/alerts`)).body.data;

describe("state machine", () => {
  it("stays new until the first ping, then is up with the deadline armed", async () => {
    const monitor = await createMonitor({ interval: 60 });
    expect(monitor.status).toBe("new");
    expect(await scheduledAlarm(monitor.id)).toBeNull();
    const res = await ping(monitor.ping_url);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("OK");
    await settle(monitor.id);
    expect(await scheduledAlarm(monitor.id)).toBe(T0 + 60 * S);
    const live = (await api("GET", `/api/v1/monitors/${monitor.id}`)).body;
    expect(live).toMatchObject({
      status: "up",
      last_ping_at: new Date(T0).toISOString(),
      next_due_at: new Date(T0 + 60 * S).toISOString(),
    });
    expect(live.next_expected_at).toEqual([1, 2, 3, 4, 5].map((n) => new Date(T0 + n * 60 * S).toISOString()));
  });

  it("goes up → late → down with grace, opens one alert, and the next ping closes it", async () => {
    const monitor = await createMonitor({ interval: "1m", grace: "30s" });
    await ping(monitor.ping_url);
    await settle(monitor.id);

    await advanceTo(monitor.id, T0 + 60 * S);
    expect(await status(monitor.id)).toBe("late");
    expect(await openAlerts(monitor.id)).toHaveLength(0);
    expect(await scheduledAlarm(monitor.id)).toBe(T0 + 90 * S);

    await advanceTo(monitor.id, T0 + 90 * S);
    expect(await status(monitor.id)).toBe("down");
    const [alert] = await openAlerts(monitor.id);
    expect(alert).toMatchObject({ reason: "missed", status: "open", opened_at: new Date(T0 + 90 * S).toISOString() });

    // However long the silence lasts, still one alert and no alarm left to fire.
    await advanceTo(monitor.id, T0 + 10 * 3600 * S);
    expect(await fireAlarm(monitor.id)).toBe(false);
    expect(await allAlerts(monitor.id)).toHaveLength(1);

    setNow(T0 + 10 * 3600 * S + 5 * S);
    await ping(monitor.ping_url);
    await settle(monitor.id);
    expect(await status(monitor.id)).toBe("up");
    const [closed] = await allAlerts(monitor.id);
    expect(closed).toMatchObject({ id: alert.id, status: "closed", close_reason: "ping", closed_at: new Date(Date.now()).toISOString() });
    expect(await scheduledAlarm(monitor.id)).toBe(Date.now() + 60 * S);
  });

  it("without grace goes straight from up to down at the deadline", async () => {
    const monitor = await createMonitor({ interval: 10 });
    await ping(monitor.ping_url);
    await advanceTo(monitor.id, T0 + 10 * S - 1);
    expect(await status(monitor.id)).toBe("up");
    await advanceTo(monitor.id, T0 + 10 * S);
    expect(await status(monitor.id)).toBe("down");
  });

  it("opens a new alert for each outage", async () => {
    const monitor = await createMonitor({ interval: 10 });
    for (let outage = 0; outage < 3; outage++) {
      const start = T0 + outage * 100 * S;
      setNow(start);
      await ping(monitor.ping_url);
      await advanceTo(monitor.id, start + 50 * S);
    }
    const alerts = await allAlerts(monitor.id);
    expect(alerts).toHaveLength(3);
    expect(alerts.filter((a: { status: string }) => a.status === "open")).toHaveLength(1);
  });

  it("every ping pushes the deadline back", async () => {
    const monitor = await createMonitor({ interval: 60 });
    for (let i = 0; i < 5; i++) {
      setNow(T0 + i * 50 * S);
      await ping(monitor.ping_url);
    }
    await advanceTo(monitor.id, T0 + 4 * 50 * S + 59 * S);
    expect(await status(monitor.id)).toBe("up");
    expect(await scheduledAlarm(monitor.id)).toBe(T0 + 4 * 50 * S + 60 * S);
  });
});

describe("alarm idempotency", () => {
  it("running the alarm twice, or late, leaves one alert", async () => {
    const monitor = await createMonitor({ interval: 10 });
    await ping(monitor.ping_url);
    setNow(T0 + 20 * S);
    expect(await fireAlarm(monitor.id)).toBe(true);
    await monitorStubAlarmAgain(monitor.id);
    await settle(monitor.id);
    expect(await allAlerts(monitor.id)).toHaveLength(1);
  });
});

/** Calls the alarm handler directly, as a retried alarm would, even though none is scheduled. */
async function monitorStubAlarmAgain(id: string) {
  const { runInDurableObject } = await import("cloudflare:test");
  const { stub } = await import("../../helpers");
  await runInDurableObject(stub(id), (instance) => instance.alarm());
}

describe("alarm rescheduling", () => {
  it("after a transition, the follow-up alarm is set after the running alarm's own time, never at it", async () => {
    // workerd drops an alarm re-set to the very time of the alarm that is running: the follow-up
    // (sending the alert) would be stranded. See BENCHMARKS.md.
    const channel = await createWebhookChannel();
    const monitor = await createMonitor({ interval: 10, channels: [channel.id] });
    await ping(monitor.ping_url);
    await settle(monitor.id);
    setNow(T0 + 10 * S); // exactly the deadline: the alarm fires on time
    expect(await fireAlarm(monitor.id)).toBe(true);
    expect(await scheduledAlarm(monitor.id)).toBe(T0 + 10 * S + 1);
  });
});

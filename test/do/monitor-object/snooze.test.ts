/** A monitor's snooze: monitoring goes on, notifications are recorded as suppressed, an alert still open at the end is sent once. */
import { describe, expect, it } from "vitest";
import {
  advanceTo,
  alerts,
  api,
  createMonitor,
  createWebhookChannel,
  interceptFetch,
  iso,
  M,
  ping,
  S,
  setNow,
  settle,
  status,
  T0,
  useFakeClock,
} from "../../helpers";

useFakeClock(T0);

interface Delivery {
  event_type: string;
  status: string;
  attempts: number;
  last_error: string | null;
}

/** A monitor sending to one webhook, pinged once at T0 (down at T0 + 1m), snoozed until `until` when given. */
async function snoozable(monitorFields: Record<string, unknown> = {}) {
  const channel = await createWebhookChannel("http://chat.test/hook");
  const monitor = await createMonitor({ interval: 60, channels: [channel.id], ...monitorFields });
  await ping(monitor.ping_url);
  await settle(monitor.id);
  const receiver = interceptFetch();
  const sent = () => receiver.captured.map((r) => JSON.parse(r.body).type as string);
  const log = async () => ((await api("GET", `/api/v1/channels/${channel.id}/deliveries`)).body as { data: Delivery[] }).data.reverse();
  const snooze = (until: string | null) => api("PATCH", `/api/v1/monitors/${monitor.id}`, { snoozed_until: until });
  return { monitor, sent, log, snooze };
}

describe("snoozed_until", () => {
  it("is shown while it lasts and null once past; a time past, too far ahead, or not a time is refused with 400", async () => {
    const { monitor, snooze } = await snoozable();
    for (const bad of [iso(T0 - S), iso(T0 + 31 * 24 * 60 * M), "tomorrow", "2100-01-01T01:00:00"]) {
      const res = await snooze(bad);
      expect(res.status, String(bad)).toBe(400);
      expect(JSON.stringify(res.body)).toContain("snoozed_until");
    }
    expect((await api("GET", `/api/v1/monitors/${monitor.id}`)).body).toMatchObject({ snoozed_until: null });
    const res = await snooze(iso(T0 + 30 * M));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ snoozed_until: iso(T0 + 30 * M) });
    setNow(T0 + 30 * M);
    expect((await api("GET", `/api/v1/monitors/${monitor.id}`)).body).toMatchObject({ snoozed_until: null });
  });

  it("records the opening as suppressed, sends it once when the snooze ends, then the closing as usual", async () => {
    const { monitor, sent, log, snooze } = await snoozable();
    expect((await snooze(iso(T0 + 30 * M))).status).toBe(200);

    await advanceTo(monitor.id, T0 + M);
    expect(await status(monitor.id)).toBe("down");
    expect(await alerts(monitor.id)).toHaveLength(1);
    expect(sent()).toEqual([]);
    expect(await log()).toMatchObject([{ event_type: "alert.opened", status: "suppressed", attempts: 0 }]);
    expect((await log())[0]?.last_error).toContain(iso(T0 + 30 * M));

    await advanceTo(monitor.id, T0 + 30 * M - 1);
    expect(sent()).toEqual([]);
    await advanceTo(monitor.id, T0 + 30 * M);
    expect(sent()).toEqual(["alert.opened"]);
    await advanceTo(monitor.id, T0 + 40 * M);
    expect(sent()).toEqual(["alert.opened"]);

    await ping(monitor.ping_url);
    await settle(monitor.id);
    expect(sent()).toEqual(["alert.opened", "alert.closed"]);
    expect((await log()).map((d) => `${d.event_type} ${d.status}`)).toEqual([
      "alert.opened suppressed",
      "alert.opened delivered",
      "alert.closed delivered",
    ]);
  });

  it("cleared early by PATCH null: the open alert is notified then", async () => {
    const { monitor, sent, snooze } = await snoozable();
    await snooze(iso(T0 + 60 * M));
    await advanceTo(monitor.id, T0 + M);
    expect(sent()).toEqual([]);
    setNow(T0 + 10 * M);
    const res = await snooze(null);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ snoozed_until: null });
    await settle(monitor.id);
    expect(sent()).toEqual(["alert.opened"]);
    await advanceTo(monitor.id, T0 + 60 * M);
    expect(sent()).toEqual(["alert.opened"]);
  });

  it("an alert that opens and closes wholly inside the snooze sends nothing, before or after its end", async () => {
    // Every 10 minutes: down at T0 + 10m, back at 15m, next due at 25m, after the snooze.
    const { monitor, sent, log, snooze } = await snoozable({ interval: 600 });
    await snooze(iso(T0 + 20 * M));
    await advanceTo(monitor.id, T0 + 10 * M);
    expect(await status(monitor.id)).toBe("down");
    setNow(T0 + 15 * M);
    await ping(monitor.ping_url);
    await settle(monitor.id);
    expect(await alerts(monitor.id)).toMatchObject([{ closed_at: iso(T0 + 15 * M) }]);
    await advanceTo(monitor.id, T0 + 21 * M);
    expect(sent()).toEqual([]);
    expect((await log()).map((d) => `${d.event_type} ${d.status}`)).toEqual(["alert.opened suppressed", "alert.closed suppressed"]);
  });

  it("reminders inside the snooze are suppressed; an alert told before the snooze still gets its closing", async () => {
    const { monitor, sent, log, snooze } = await snoozable({ remind_every: "10m" });
    await advanceTo(monitor.id, T0 + M);
    expect(sent()).toEqual(["alert.opened"]);
    await snooze(iso(T0 + 60 * M));
    await advanceTo(monitor.id, T0 + 11 * M);
    expect(sent()).toEqual(["alert.opened"]);
    expect((await log()).at(-1)).toMatchObject({ event_type: "alert.reminder", status: "suppressed" });
    setNow(T0 + 15 * M);
    await ping(monitor.ping_url);
    await settle(monitor.id);
    // A receiver told of the opening (a paging platform's incident) is not left with it open.
    expect(sent()).toEqual(["alert.opened", "alert.closed"]);
  });
});

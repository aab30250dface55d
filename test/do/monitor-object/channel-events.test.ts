/** Per-channel `events`: which of an alert's notifications each channel takes. */
import { describe, expect, it } from "vitest";
import { advanceTo, api, createMonitor, createWebhookChannel, interceptFetch, M, ping, settle, T0, useFakeClock } from "../../helpers";

useFakeClock(T0);

/** A monitor naming `channels` (or escalation steps), pinged once: it goes down at T0 + 1m. */
async function watched(alerting: Record<string, unknown>) {
  const monitor = await createMonitor({ interval: 60, remind_every: "10m", ...alerting });
  await ping(monitor.ping_url);
  await settle(monitor.id);
  const receiver = interceptFetch();
  const sent = () => receiver.captured.map((r) => `${new URL(r.url).host} ${JSON.parse(r.body).type}`);
  return { monitor, sent };
}

describe("a channel's events", () => {
  it("defaults to every event, and is shown, set on create and changed by PATCH", async () => {
    const all = await createWebhookChannel("http://all.test/hook");
    expect(all).toMatchObject({ events: ["opened", "closed", "reminder", "escalation"] });
    const paging = await createWebhookChannel("http://paging.test/hook", { events: ["opened", "escalation"] });
    expect(paging).toMatchObject({ events: ["opened", "escalation"] });
    const patched = await api("PATCH", `/api/v1/channels/${paging.id}`, { events: ["closed"] });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ events: ["closed"] });
    expect((await api("GET", `/api/v1/channels/${paging.id}`)).body).toMatchObject({ events: ["closed"] });
  });

  it("refuses an unknown event, an empty list and a repeated event with 400, changing nothing", async () => {
    const channel = await createWebhookChannel("http://refused.test/hook", { events: ["opened"] });
    for (const events of [["down"], [], ["opened", "opened"], "opened"]) {
      const res = await api("PATCH", `/api/v1/channels/${channel.id}`, { events });
      expect(res.status, JSON.stringify(events)).toBe(400);
      expect(JSON.stringify(res.body)).toContain("events");
    }
    expect((await api("POST", "/api/v1/channels", { type: "webhook", name: "x", url: "http://x.test/", events: ["up"] })).status).toBe(400);
    expect((await api("GET", `/api/v1/channels/${channel.id}`)).body).toMatchObject({ events: ["opened"] });
  });

  it("a channel taking only opened gets the opening and nothing else; one taking only closed gets the recovery alone", async () => {
    const paging = await createWebhookChannel("http://paging.test/hook", { events: ["opened"] });
    const recoveries = await createWebhookChannel("http://up.test/hook", { events: ["closed"] });
    const chat = await createWebhookChannel("http://chat.test/hook");
    const { monitor, sent } = await watched({ channels: [paging.id, recoveries.id, chat.id] });

    await advanceTo(monitor.id, T0 + M);
    expect(sent().sort()).toEqual(["chat.test alert.opened", "paging.test alert.opened"]);
    await advanceTo(monitor.id, T0 + 11 * M);
    expect(sent().slice(2)).toEqual(["chat.test alert.reminder"]);

    await advanceTo(monitor.id, T0 + 12 * M);
    await ping(monitor.ping_url);
    await settle(monitor.id);
    expect(sent().slice(3).sort()).toEqual(["chat.test alert.closed", "up.test alert.closed"]);

    // Nothing not taken is recorded either: the paging channel's log has its one opening.
    const log = await api("GET", `/api/v1/channels/${paging.id}/deliveries`);
    expect((log.body as { data: { event_type: string }[] }).data.map((d) => d.event_type)).toEqual(["alert.opened"]);
  });

  it("escalation is a later step's opening: a channel without it is not paged when the alert escalates to it", async () => {
    const first = await createWebhookChannel("http://first.test/hook", { events: ["escalation", "closed"] });
    const later = await createWebhookChannel("http://later.test/hook", { events: ["opened", "closed"] });
    const pager = await createWebhookChannel("http://pager.test/hook", { events: ["escalation"] });
    const { monitor, sent } = await watched({
      remind_every: null,
      escalation: [
        { after: "0s", channels: [first.id] },
        { after: "15m", channels: [later.id, pager.id] },
      ],
    });
    await advanceTo(monitor.id, T0 + M);
    expect(sent()).toEqual([]);
    await advanceTo(monitor.id, T0 + 16 * M);
    expect(sent()).toEqual(["pager.test alert.opened"]);
    await advanceTo(monitor.id, T0 + 17 * M);
    await ping(monitor.ping_url);
    await settle(monitor.id);
    // Every channel the alert reached hears of the closing if it takes it, opening or not.
    expect(sent().slice(1).sort()).toEqual(["first.test alert.closed", "later.test alert.closed"]);
  });

  it("a channel taking only closed hears nothing of an alert that closed before reaching it", async () => {
    const chat = await createWebhookChannel("http://chat.test/hook", { events: ["opened"] });
    const late = await createWebhookChannel("http://late.test/hook", { events: ["closed"] });
    const { monitor, sent } = await watched({
      remind_every: null,
      escalation: [
        { after: "0s", channels: [chat.id] },
        { after: "15m", channels: [late.id] },
      ],
    });
    await advanceTo(monitor.id, T0 + M);
    await advanceTo(monitor.id, T0 + 5 * M);
    await ping(monitor.ping_url);
    await settle(monitor.id);
    expect(sent()).toEqual(["chat.test alert.opened"]);
  });
});

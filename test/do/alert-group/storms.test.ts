import { env, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AlertGroupObject, alertGroupStub } from "../../../src/do/alert-group-object";
import { advanceTo, api, createMonitor, deliveriesOf, interceptFetch, pingAt, pingNow, S, T0, useFakeClock } from "../../helpers";

/**
 * Alert storms end to end: monitors' outboxes hand deliveries to the channel's grouping point, which sends
 * the first few at once and the rest as one grouped message at the window's end (domain/alert-group.ts).
 */
useFakeClock(T0);

const SLACK = "https://hooks.slack.com/services/T000/B000/XXXXXXXX";

async function slackChannel(name: string) {
  const res = await api("POST", "/api/v1/channels", { type: "slack", name, url: SLACK });
  expect(res.status).toBe(201);
  return res.body as { id: string };
}

/** `count` monitors on one Slack channel, pinged at T0 (due a minute later, no grace). */
async function fleet(count: number, channelId: string, prefix: string) {
  const monitors = [];
  for (let i = 0; i < count; i++) monitors.push(await createMonitor({ name: `${prefix}-${i}`, interval: 60, channels: [channelId] }));
  for (const monitor of monitors) await pingNow(monitor);
  return monitors;
}

/** What Slack received, as the top-level text of each message. */
const texts = (captured: { url: string; body: string }[]) =>
  captured.filter((r) => r.url === SLACK).map((r) => (JSON.parse(r.body) as { text: string }).text);

const groupAlarm = async (channelId: string) => runInDurableObject(alertGroupStub(env, channelId), (_, state) => state.storage.getAlarm());

async function fireGroup(channelId: string, at: number) {
  vi.setSystemTime(at);
  await runDurableObjectAlarm(alertGroupStub(env, channelId));
}

afterEach(async () => {
  await api("PATCH", "/api/v1/team", { alert_grouping: { enabled: false, threshold: 5, window: 60 } });
});

describe("alert storms", () => {
  it("10 monitors down in the same minute: 5 messages at once, then one listing the other 5; recoveries likewise", async () => {
    await api("PATCH", "/api/v1/team", { alert_grouping: { enabled: true } });
    const receiver = interceptFetch();
    const channel = await slackChannel("storm");
    const monitors = await fleet(10, channel.id, "storm");

    for (const monitor of monitors) await advanceTo(monitor.id, T0 + 60 * S);
    const opened = texts(receiver.captured);
    expect(opened).toHaveLength(5);
    expect(opened.every((text) => text.startsWith("storm-") && text.includes("is DOWN"))).toBe(true);
    // The 6th opened at T0+60s: the group goes out a window (60 s) later.
    expect(await groupAlarm(channel.id)).toBe(T0 + 120 * S);
    await fireGroup(channel.id, T0 + 120 * S);
    const grouped = texts(receiver.captured).slice(5);
    expect(grouped).toHaveLength(1);
    expect(grouped[0]).toContain("5 monitors are DOWN");
    for (const i of [5, 6, 7, 8, 9]) expect(grouped[0]).toContain(`storm-${i} (missed)`);

    // Every alert's delivery is visible; the grouped ones name their message.
    const deliveries = await deliveriesOf(channel.id);
    const openings = deliveries.filter((d: { event_type: string }) => d.event_type === "alert.opened");
    expect(openings).toHaveLength(10);
    expect(openings.every((d: { status: string }) => d.status === "delivered")).toBe(true);
    const groupIds = new Set(openings.map((d: { group_id: string | null }) => d.group_id));
    expect(groupIds.size).toBe(2); // null for the five sent alone, and the one group
    expect(openings.filter((d: { group_id: string | null }) => d.group_id !== null)).toHaveLength(5);

    for (const monitor of monitors) await pingAt(T0 + 150 * S, monitor);
    const closed = texts(receiver.captured).slice(6);
    expect(closed).toHaveLength(5);
    await fireGroup(channel.id, T0 + 210 * S);
    const recovery = texts(receiver.captured).slice(11);
    expect(recovery).toHaveLength(1);
    expect(recovery[0]).toContain("5 monitors are UP again");
  });

  it("at the threshold nothing changes: 5 monitors down, 5 messages at once, nothing held", async () => {
    await api("PATCH", "/api/v1/team", { alert_grouping: { enabled: true } });
    const receiver = interceptFetch();
    const channel = await slackChannel("calm");
    const monitors = await fleet(5, channel.id, "calm");
    for (const monitor of monitors) await advanceTo(monitor.id, T0 + 60 * S);
    expect(texts(receiver.captured)).toHaveLength(5);
    expect(await groupAlarm(channel.id)).toBeNull();
  });

  it("off (the default): 10 monitors down, 10 messages at once", async () => {
    const receiver = interceptFetch();
    const channel = await slackChannel("off");
    const monitors = await fleet(10, channel.id, "off");
    for (const monitor of monitors) await advanceTo(monitor.id, T0 + 60 * S);
    expect(texts(receiver.captured)).toHaveLength(10);
  });

  it("a channel deleted during the window gets no grouped message", async () => {
    await api("PATCH", "/api/v1/team", { alert_grouping: { enabled: true, threshold: 2 } });
    const receiver = interceptFetch();
    const channel = await slackChannel("deleted");
    const monitors = await fleet(4, channel.id, "deleted");
    for (const monitor of monitors) await advanceTo(monitor.id, T0 + 60 * S);
    expect(texts(receiver.captured)).toHaveLength(2);
    expect((await api("DELETE", `/api/v1/channels/${channel.id}`)).status).toBe(204);
    await fireGroup(channel.id, T0 + 120 * S);
    expect(texts(receiver.captured)).toHaveLength(2);
    expect(await groupAlarm(channel.id)).not.toBe(T0 + 120 * S);
  });

  it("a grouping point that throws loses nothing: every alert is sent on its own at once", async () => {
    await api("PATCH", "/api/v1/team", { alert_grouping: { enabled: true, threshold: 1 } });
    const receiver = interceptFetch();
    const broken = vi.spyOn(AlertGroupObject.prototype, "admit").mockRejectedValue(new Error("grouping point is down"));
    const channel = await slackChannel("broken");
    const monitors = await fleet(4, channel.id, "broken");
    for (const monitor of monitors) await advanceTo(monitor.id, T0 + 60 * S);
    expect(broken).toHaveBeenCalled();
    expect(texts(receiver.captured)).toHaveLength(4);
    const deliveries = await deliveriesOf(channel.id);
    expect(deliveries.map((d: { status: string; group_id: string | null }) => [d.status, d.group_id])).toEqual(
      Array(4).fill(["delivered", null]),
    );
  });

  it("a grouped message refused for good marks the channel failing, and the monitors' next events skip it", async () => {
    await api("PATCH", "/api/v1/team", { alert_grouping: { enabled: true, threshold: 2 } });
    // Slack answers the grouped message (its 3rd) with 404 "no_service": the webhook was removed.
    const receiver = interceptFetch((_, n) => (n >= 3 ? new Response("no_service", { status: 404 }) : new Response("ok")));
    const channel = await slackChannel("removed");
    const monitors = await fleet(4, channel.id, "removed");
    for (const monitor of monitors) await advanceTo(monitor.id, T0 + 60 * S);
    await fireGroup(channel.id, T0 + 120 * S);
    expect(texts(receiver.captured)).toHaveLength(3);
    const shown = (await api("GET", `/api/v1/channels/${channel.id}`)).body;
    expect(shown).toMatchObject({ status: "failing", failing_reason: expect.stringContaining("404") });

    // A recovery of a monitor told of its alert alone is skipped now, not sent to the removed webhook.
    const [first] = monitors;
    if (!first) throw new Error("no monitor");
    await pingAt(T0 + 150 * S, first);
    expect(texts(receiver.captured)).toHaveLength(3);
    const closings = (await deliveriesOf(channel.id)).filter((d: { event_type: string }) => d.event_type === "alert.closed");
    expect(closings.map((d: { status: string }) => d.status)).toEqual(["skipped"]);
  });
});

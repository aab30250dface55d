import { describe, expect, it } from "vitest";
import {
  advanceTo,
  api,
  createMonitor,
  createWebhookChannel,
  interceptFetch,
  M,
  ping,
  S,
  scheduledAlarm,
  setNow,
  settle,
  T0,
  useFakeClock,
} from "../../helpers";

useFakeClock(T0);

/** Two receivers, "chat" notified at once and "pager" 15 minutes later; the monitor goes down at T0 + 1m. */
async function escalatingMonitor(extra: Record<string, unknown> = {}) {
  const chat = await createWebhookChannel("http://chat.test/hook");
  const pager = await createWebhookChannel("http://pager.test/hook");
  const monitor = await createMonitor({
    interval: 60,
    escalation: [
      { after: "0s", channels: [chat.id] },
      { after: "15m", channels: [pager.id] },
    ],
    ...extra,
  });
  await ping(monitor.ping_url);
  await settle(monitor.id);
  const receiver = interceptFetch();
  const sent = () => receiver.captured.map((r) => `${new URL(r.url).host} ${JSON.parse(r.body).type}`);
  return { monitor, sent };
}

describe("escalation steps", () => {
  it("notifies step 1 at once, step 2 only if still open after 15 minutes, and closes to both", async () => {
    const { monitor, sent } = await escalatingMonitor();
    await advanceTo(monitor.id, T0 + M);
    expect(sent()).toEqual(["chat.test alert.opened"]);
    expect(await scheduledAlarm(monitor.id)).toBe(T0 + 16 * M);

    await advanceTo(monitor.id, T0 + 16 * M - 1);
    expect(sent()).toHaveLength(1);
    await advanceTo(monitor.id, T0 + 16 * M);
    expect(sent()).toEqual(["chat.test alert.opened", "pager.test alert.opened"]);

    setNow(T0 + 20 * M);
    await ping(monitor.ping_url);
    await settle(monitor.id);
    expect(sent().slice(2).sort()).toEqual(["chat.test alert.closed", "pager.test alert.closed"]);
  });

  it("an alert closed before step 2 never reaches step 2's channels, not even to close", async () => {
    const { monitor, sent } = await escalatingMonitor();
    await advanceTo(monitor.id, T0 + M);
    setNow(T0 + 5 * M);
    await ping(monitor.ping_url);
    await advanceTo(monitor.id, T0 + 5 * M + 30 * S);
    expect(sent()).toEqual(["chat.test alert.opened", "chat.test alert.closed"]);
    expect(await scheduledAlarm(monitor.id)).toBe(T0 + 6 * M);
  });
});

describe("reminders", () => {
  it("re-notifies every channel reached so far while the alert stays open, and stops when it closes", async () => {
    const { monitor, sent } = await escalatingMonitor({ remind_every: "1h" });
    await advanceTo(monitor.id, T0 + M);
    await advanceTo(monitor.id, T0 + 16 * M);
    await advanceTo(monitor.id, T0 + 61 * M);
    expect(sent().slice(2).sort()).toEqual(["chat.test alert.reminder", "pager.test alert.reminder"]);
    await advanceTo(monitor.id, T0 + 121 * M);
    expect(sent()).toHaveLength(6);

    setNow(T0 + 150 * M);
    await ping(monitor.ping_url);
    await advanceTo(monitor.id, T0 + 150 * M + 59 * S);
    expect(sent().slice(6).sort()).toEqual(["chat.test alert.closed", "pager.test alert.closed"]);
    expect(sent().filter((s) => s.endsWith("alert.reminder"))).toHaveLength(4);
    // The only timer left is the next deadline: no reminder is pending for the closed alert.
    expect(await scheduledAlarm(monitor.id)).toBe(T0 + 151 * M);
  });

  it("is off by default: one opened, nothing more however long the silence", async () => {
    const chat = await createWebhookChannel("http://chat.test/hook");
    const monitor = await createMonitor({ interval: 60, channels: [chat.id] });
    await ping(monitor.ping_url);
    const receiver = interceptFetch();
    await advanceTo(monitor.id, T0 + M);
    await advanceTo(monitor.id, T0 + 48 * 60 * M);
    expect(receiver.captured).toHaveLength(1);
    expect(await scheduledAlarm(monitor.id)).toBeNull();
  });
});

describe("escalation input", () => {
  it.each([
    ["both forms", (a: string) => ({ channels: [a], escalation: [{ after: 0, channels: [a] }] }), "escalation"],
    [
      "steps out of order",
      (a: string) => ({
        escalation: [
          { after: "1h", channels: [a] },
          { after: "5m", channels: [a] },
        ],
      }),
      "escalation",
    ],
    ["a step without channels", () => ({ escalation: [{ after: 0, channels: [] }] }), "escalation[0].channels"],
    [
      "an unknown channel in step 2",
      (a: string) => ({
        escalation: [
          { after: 0, channels: [a] },
          { after: 60, channels: [`chn_${"q".repeat(26)}`] },
        ],
      }),
      "escalation[1].channels[0]",
    ],
    ["reminders too often", () => ({ remind_every: "10s" }), "remind_every"],
  ])("rejects %s", async (_, body, path) => {
    const channel = await createWebhookChannel();
    const res = await api("POST", "/api/v1/monitors", { name: "x", interval: 60, ...body(channel.id) });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
  });

  it("switching a monitor from a channel list to steps replaces the list", async () => {
    const a = await createWebhookChannel();
    const b = await createWebhookChannel();
    const monitor = await createMonitor({ channels: [a.id] });
    const patched = await api("PATCH", `/api/v1/monitors/${monitor.id}`, { escalation: [{ after: "5m", channels: [b.id] }] });
    expect(patched.body).toMatchObject({ channels: [], escalation: [{ after: 300, channels: [b.id] }] });
  });
});

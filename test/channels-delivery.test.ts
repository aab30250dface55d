import { describe, expect, it } from "vitest";
import { advanceTo, api, createMonitor, interceptFetch, ping, S, setNow, settle, T0, useFakeClock } from "./helpers";

// The new channel types through the real pipeline: monitor object, outbox, delivery, channel status.

useFakeClock(T0);

async function watched(channelBody: Record<string, unknown>) {
  const channel = (await api("POST", "/api/v1/channels", { name: "ops", ...channelBody })).body;
  const monitor = await createMonitor({ name: "db backup", interval: 60, channels: [channel.id] });
  await ping(monitor.ping_url);
  await settle(monitor.id);
  return { channel, monitor };
}

describe("chat and paging channels on a monitor", () => {
  it("Slack gets the DOWN message when the monitor goes down and the UP message on the next ping", async () => {
    const { monitor } = await watched({ type: "slack", url: "https://hooks.slack.com/services/T/B/X" });
    const receiver = interceptFetch();
    await advanceTo(monitor.id, T0 + 60 * S);
    setNow(T0 + 200 * S);
    await ping(monitor.ping_url);
    await settle(monitor.id);
    expect(receiver.captured.map((r) => [r.url, JSON.parse(r.body).text])).toEqual([
      ["https://hooks.slack.com/services/T/B/X", "db backup is DOWN: no ping since 2100-01-01 00:00:00 UTC, expected every 1m"],
      ["https://hooks.slack.com/services/T/B/X", "db backup is UP again after 2m 20s"],
    ]);
  });

  it("PagerDuty triggers and resolves the same incident", async () => {
    const { monitor } = await watched({ type: "pagerduty", routing_key: "R0123456789abcdef0123456789abcde" });
    const receiver = interceptFetch(() => Response.json({ status: "success" }, { status: 202 }));
    await advanceTo(monitor.id, T0 + 60 * S);
    setNow(T0 + 100 * S);
    await ping(monitor.ping_url);
    await settle(monitor.id);
    const [trigger, resolve] = receiver.captured.map((r) => JSON.parse(r.body));
    const [alert] = (await api("GET", `/api/v1/monitors/${monitor.id}/alerts`)).body.data;
    expect(trigger).toMatchObject({ event_action: "trigger", dedup_key: alert.id });
    expect(resolve).toEqual({ routing_key: "R0123456789abcdef0123456789abcde", event_action: "resolve", dedup_key: alert.id });
  });

  it("a PagerDuty 400 (invalid routing key) is not retried and marks the channel failing", async () => {
    const { channel, monitor } = await watched({ type: "pagerduty", routing_key: "R0123456789abcdef0123456789abcde" });
    const receiver = interceptFetch(() => Response.json({ status: "invalid event", errors: ["Invalid routing key"] }, { status: 400 }));
    await advanceTo(monitor.id, T0 + 60 * S);
    await advanceTo(monitor.id, T0 + 24 * 3600 * S);
    expect(receiver.captured).toHaveLength(1);
    expect((await api("GET", `/api/v1/channels/${channel.id}`)).body).toMatchObject({
      status: "failing",
      failing_reason: expect.stringMatching(/^HTTP 400: .*Invalid routing key/),
    });
  });
});

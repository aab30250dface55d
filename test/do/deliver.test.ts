import { abortAllDurableObjects } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { advanceTo, api, interceptFetch, ping, S, scheduledAlarm, setNow, settle, T0, useFakeClock, watchedWebhook } from "../helpers";

// Deliveries through a monitor's outbox (src/do/deliver.ts), to a generic webhook: retries, order, gone
// receivers, restarts and re-sends by hand.

useFakeClock(T0);

/** The watched monitor of these tests: its summary and tags travel in every payload. */
const watchedMonitor = (url?: string) => watchedWebhook(url, { summary: "Backups stopped", tags: ["backup", "db"] });

const deliveriesOf = async (channelId: string) => (await api("GET", `/api/v1/channels/${channelId}/deliveries`)).body.data;

describe("delivery retries", () => {
  it("retries a failing receiver with backoff and the same webhook-id until it succeeds", async () => {
    const { channel, monitor } = await watchedMonitor();
    const receiver = interceptFetch((_, n) => new Response("nope", { status: n <= 3 ? 503 : 200 }));
    await advanceTo(monitor.id, T0 + 60 * S);
    let previousAlarm = Date.now();
    for (let attempt = 2; attempt <= 4; attempt++) {
      const at = (await scheduledAlarm(monitor.id)) ?? 0;
      expect(at - previousAlarm).toBeGreaterThanOrEqual(0.8 * 10 * S * 2 ** (attempt - 2));
      await advanceTo(monitor.id, at);
      previousAlarm = at;
    }
    expect(receiver.captured).toHaveLength(4);
    expect(new Set(receiver.captured.map((r) => r.headers["webhook-id"])).size).toBe(1);
    const [delivery] = await deliveriesOf(channel.id);
    expect(delivery).toMatchObject({ status: "delivered", attempts: 4, last_status_code: 200, event_type: "alert.opened" });
  });

  it("a receiver that was down gets opened then closed, in order, each once", async () => {
    const { monitor } = await watchedMonitor();
    let up = false;
    const receiver = interceptFetch(() => new Response(null, { status: up ? 204 : 502 }));
    await advanceTo(monitor.id, T0 + 60 * S);
    setNow(T0 + 61 * S);
    await ping(monitor.ping_url); // closes while the opened event is still undelivered
    await settle(monitor.id);
    expect((await api("GET", `/api/v1/monitors/${monitor.id}`)).body.status).toBe("up");
    up = true;
    await advanceTo(monitor.id, (await scheduledAlarm(monitor.id)) ?? 0);
    await settle(monitor.id);
    const delivered = receiver.captured.filter((_, i) => i > 0).map((r) => JSON.parse(r.body).type);
    expect(delivered).toEqual(["alert.opened", "alert.closed"]);
  });

  it("honours Retry-After on 429", async () => {
    const { monitor } = await watchedMonitor();
    interceptFetch((_, n) => new Response("slow down", { status: n === 1 ? 429 : 200, headers: { "retry-after": "600" } }));
    await advanceTo(monitor.id, T0 + 60 * S);
    expect(await scheduledAlarm(monitor.id)).toBeGreaterThanOrEqual(T0 + 660 * S);
  });

  it("410 Gone is not retried and marks the channel failing with the reason", async () => {
    const { channel, monitor } = await watchedMonitor();
    const receiver = interceptFetch(() => new Response("gone", { status: 410 }));
    await advanceTo(monitor.id, T0 + 60 * S);
    await advanceTo(monitor.id, T0 + 48 * 3600 * S);
    expect(receiver.captured).toHaveLength(1);
    expect((await deliveriesOf(channel.id))[0]).toMatchObject({ status: "failed", attempts: 1, last_status_code: 410 });
    expect((await api("GET", `/api/v1/channels/${channel.id}`)).body).toMatchObject({
      status: "failing",
      failing_reason: "HTTP 410: gone",
    });
  });

  it("retries for at least 24 hours, then gives up and records the delivery as failed", async () => {
    const { channel, monitor } = await watchedMonitor();
    const receiver = interceptFetch(() => new Response("down", { status: 500 }));
    await advanceTo(monitor.id, T0 + 60 * S);
    for (let i = 0; i < 60; i++) {
      const at = await scheduledAlarm(monitor.id);
      if (at === null) break;
      await advanceTo(monitor.id, at);
    }
    const attempts = receiver.captured.length;
    expect(attempts).toBeGreaterThan(20);
    expect((await deliveriesOf(channel.id))[0]).toMatchObject({ status: "failed", attempts, last_error: "HTTP 500: down" });
    // Retried for at least a day, and given up within the hour after it.
    expect(Date.now() - (T0 + 60 * S)).toBeGreaterThanOrEqual(24 * 3600 * S);
    expect(Date.now() - (T0 + 60 * S)).toBeLessThan(25.2 * 3600 * S);
  });

  it("survives a restart: the event is stored before it is attempted", async () => {
    const { monitor } = await watchedMonitor();
    const receiver = interceptFetch(() => new Response("down", { status: 500 }));
    await advanceTo(monitor.id, T0 + 60 * S);
    await abortAllDurableObjects();
    receiver.restore();
    const after = interceptFetch();
    await advanceTo(monitor.id, (await scheduledAlarm(monitor.id)) ?? 0);
    expect(after.captured.map((r) => JSON.parse(r.body).type)).toEqual(["alert.opened"]);
  });

  it("re-sends a failed delivery by hand, with the same webhook-id", async () => {
    const { channel, monitor } = await watchedMonitor();
    let gone = true;
    const receiver = interceptFetch(() => new Response(null, { status: gone ? 410 : 200 }));
    await advanceTo(monitor.id, T0 + 60 * S);
    const [failed] = await deliveriesOf(channel.id);
    expect(failed.status).toBe("failed");

    gone = false;
    setNow(T0 + 3600 * S);
    const retried = await api("POST", `/api/v1/deliveries/${failed.id}/retry`);
    expect(retried.status).toBe(202);
    expect(retried.body).toMatchObject({ id: failed.id, status: "pending" });
    await settle(monitor.id);
    expect(receiver.captured.map((r) => r.headers["webhook-id"])).toEqual([failed.id, failed.id]);
    expect((await api("GET", `/api/v1/deliveries/${failed.id}`)).body).toMatchObject({
      status: "delivered",
      attempts: 2,
      last_status_code: 200,
    });
    expect((await api("POST", `/api/v1/deliveries/dlv_${"a".repeat(26)}/retry`)).status).toBe(404);
  });

  it("lists an alert's deliveries", async () => {
    const { channel, monitor } = await watchedMonitor();
    interceptFetch();
    await advanceTo(monitor.id, T0 + 60 * S);
    const [alert] = (await api("GET", `/api/v1/monitors/${monitor.id}/alerts`)).body.data;
    const deliveries = (await api("GET", `/api/v1/alerts/${alert.id}/deliveries`)).body.data;
    expect(deliveries).toEqual([
      expect.objectContaining({ alert_id: alert.id, channel_id: channel.id, event_type: "alert.opened", status: "delivered", attempts: 1 }),
    ]);
  });
});

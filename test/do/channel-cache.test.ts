import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { testAlertEvent } from "../../src/channels/test-event";
import { ChannelCache } from "../../src/do/channel-cache";
import { attemptDelivery } from "../../src/do/deliver";
import { pendingDelivery } from "../../src/do/jobs";
import { ObjectStore } from "../../src/do/storage/object-store";
import { ALL_CHANNEL_EVENTS } from "../../src/domain/channel-events";
import { advanceTo, api, deliveriesOf, interceptFetch, ping, S, settle, stub, T0, useFakeClock, watchedWebhook } from "../helpers";

// A monitor's object keeps the configurations of its channels, so a D1 outage delays neither the
// alert nor its notifications (README, Architecture). Edits reach pending retries; deletions end them.

useFakeClock(T0);

/** D1 refuses every statement until the returned function is called. Counts the refusals. */
function takeD1Down() {
  const refused = { count: 0 };
  const down = () => {
    refused.count++;
    throw new Error("D1_ERROR: Network connection lost.");
  };
  const spies = [vi.spyOn(env.DB, "prepare").mockImplementation(down), vi.spyOn(env.DB, "batch").mockImplementation(down)];
  return {
    refused,
    restore: () => {
      for (const spy of spies) spy.mockRestore();
    },
  };
}

const bodies = (receiver: ReturnType<typeof interceptFetch>) =>
  receiver.captured.map((r) => `${new URL(r.url).host} ${JSON.parse(r.body).type}`);

/** A monitor sending to one webhook, pinged once (healthy), due at T0 + 60 s. */
const watchedMonitor = (url?: string) => watchedWebhook(url, { name: "no d1" });

describe("D1 down when the monitor falls due", () => {
  it("the monitor goes down and the webhook is delivered, while D1 refuses everything", async () => {
    const { channel, monitor } = await watchedMonitor();
    const receiver = interceptFetch();
    const d1 = takeD1Down();
    try {
      await advanceTo(monitor.id, T0 + 61 * S);
      expect((await stub(monitor.id).snapshot())?.state.status).toBe("down");
      expect(bodies(receiver)).toEqual(["receiver.test alert.opened"]);
      expect(d1.refused.count).toBeGreaterThan(0); // the D1 lane tried, and waits
    } finally {
      d1.restore();
    }
    await advanceTo(monitor.id, T0 + 70 * S);
    expect((await deliveriesOf(channel.id)).map((d) => d.status)).toEqual(["delivered"]);
  });
});

describe("a channel edited while a delivery to it waits for its retry", () => {
  it("the retry goes out with the new configuration, even with D1 down", async () => {
    const { channel, monitor } = await watchedMonitor("http://old.test/hook");
    const receiver = interceptFetch((req) => new Response("busy", { status: new URL(req.url).host === "old.test" ? 503 : 200 }));
    await advanceTo(monitor.id, T0 + 61 * S);
    const [pending] = await deliveriesOf(channel.id);
    expect(pending).toMatchObject({ status: "pending", attempts: 1 });

    expect((await api("PATCH", `/api/v1/channels/${channel.id}`, { url: "http://new.test/hook" })).status).toBe(200);
    const d1 = takeD1Down();
    try {
      await advanceTo(monitor.id, Date.parse(String(pending?.next_attempt_at)));
    } finally {
      d1.restore();
    }
    expect(bodies(receiver)).toEqual(["old.test alert.opened", "new.test alert.opened"]);
  });
});

describe("a channel deleted while a delivery to it waits for its retry", () => {
  it("the delivery ends as failed, 'channel was deleted', and nothing is sent", async () => {
    const { channel, monitor } = await watchedMonitor();
    const receiver = interceptFetch(() => new Response("busy", { status: 503 }));
    await advanceTo(monitor.id, T0 + 61 * S);
    const alertId = (await api("GET", `/api/v1/alerts?monitor_id=${monitor.id}`)).body.data[0].id;
    const [pending] = (await api("GET", `/api/v1/alerts/${alertId}/deliveries`)).body.data;
    expect(pending).toMatchObject({ status: "pending" });

    expect((await api("DELETE", `/api/v1/channels/${channel.id}`)).status).toBe(204);
    await advanceTo(monitor.id, Date.parse(pending.next_attempt_at));
    const [ended] = (await api("GET", `/api/v1/alerts/${alertId}/deliveries`)).body.data;
    expect(ended).toMatchObject({ status: "failed", last_error: "channel was deleted", next_attempt_at: null });
    expect(receiver.captured).toHaveLength(1);
  });

  it("is not the channel's failure: nothing marks it failing", async () => {
    const { monitor } = await watchedMonitor();
    const event = testAlertEvent(T0);
    const record = pendingDelivery("dlv_deleteddeleteddeleteddel", "chn_deleteddeleteddeleteddel", event, T0);
    const job = {
      seq: 1,
      id: record.id,
      lane: record.channelId,
      payload: JSON.stringify({ record, event }),
      attempts: 0,
      nextAttemptAt: T0,
      createdAt: T0,
    };
    const result = await runInDurableObject(stub(monitor.id), (_, state) =>
      attemptDelivery(env, new ObjectStore(state.storage), job, T0, () => Promise.reject(new Error("nothing may be sent"))),
    );
    expect(result).toMatchObject({ retryAt: null, channelFailing: null, record: { status: "failed", lastError: "channel was deleted" } });
  });
});

describe("an object configured before it kept its channels (an older release)", () => {
  it("reads the channel from D1 once, keeps it, and then delivers with D1 down", async () => {
    const { channel, monitor } = await watchedMonitor();
    const cached = (state: DurableObjectState) => new ChannelCache(new ObjectStore(state.storage)).get(channel.id);
    await runInDurableObject(stub(monitor.id), (_, state) => new ObjectStore(state.storage).remove("channels"));
    expect(await runInDurableObject(stub(monitor.id), (_, state) => cached(state))).toBeNull();

    const receiver = interceptFetch();
    await advanceTo(monitor.id, T0 + 61 * S); // D1 up: the opening is sent with the channel read from D1
    expect(await runInDurableObject(stub(monitor.id), (_, state) => cached(state))).toMatchObject({
      type: "webhook",
      url: "http://receiver.test/hook",
    });

    const d1 = takeD1Down();
    try {
      await ping(monitor.ping_url);
      await settle(monitor.id);
    } finally {
      d1.restore();
    }
    expect(bodies(receiver)).toEqual(["receiver.test alert.opened", "receiver.test alert.closed"]);
  });
});

/** A channel taking every event, not failing. */
const ALL = { events: [...ALL_CHANNEL_EVENTS], failing: null };

describe("pushes that cross", () => {
  it("the newer configuration of a channel wins, whichever push arrives last", async () => {
    const { channel, monitor } = await watchedMonitor("http://first.test/hook");
    const config = (url: string) => ({ type: "webhook", url, secret: channel.config.secret, headers: {} });
    const held = await runInDurableObject(stub(monitor.id), (_, state) => {
      const cache = new ChannelCache(new ObjectStore(state.storage));
      cache.apply({
        kind: "edited",
        channel: { id: channel.id, type: "webhook", config: config("http://edited.test/hook"), ...ALL, updatedAt: T0 + 20 * S },
      });
      // A monitor update that read the channel from D1 before that edit, arriving after it:
      cache.apply({
        kind: "named",
        channels: [{ id: channel.id, type: "webhook", config: config("http://stale.test/hook"), ...ALL, updatedAt: T0 + 10 * S }],
      });
      return cache.get(channel.id);
    });
    expect(held).toMatchObject({ url: "http://edited.test/hook" });
  });
});

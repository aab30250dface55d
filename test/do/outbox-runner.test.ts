import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { syncStatements } from "../../src/do/sync";
import type { Alert } from "../../src/domain/monitor";
import {
  advanceTo,
  api,
  createMonitor,
  createWebhookChannel,
  deliveriesOf,
  interceptFetch,
  ping,
  S,
  scheduledAlarm,
  setNow,
  settle,
  T0,
  useFakeClock,
} from "../helpers";

// How a monitor's outbox behaves when things go wrong half-way: a D1 batch replayed after a crash, D1 down, a
// delivery attempt that throws. The symptom to rule out (issue 7, defect 13): an alert still `open`
// in GET /alerts long after its monitor was pinged and paused, though its opening was delivered.
useFakeClock(T0);

const openAlerts = async (monitorId: string) =>
  (await api("GET", `/api/v1/alerts?status=open&monitor_id=${monitorId}`)).body.data as { id: string }[];

describe("D1 sync replayed after a crash", () => {
  it("a batch applied again after its close never reopens the alert", async () => {
    const monitor = await createMonitor({ name: "replayed", interval: 60 });
    const opened: Alert = {
      id: "alt_replayedreplayedreplayedre",
      monitorId: monitor.id,
      reason: "missed",
      openedAt: T0,
      closedAt: null,
      closeReason: null,
    };
    const closed: Alert = { ...opened, closedAt: T0 + 90 * S, closeReason: "ping" };
    // The object died after D1 applied [opened] but before it marked the job done: the job runs again,
    // after (or in the same batch as) the close.
    await env.DB.batch([opened, closed, opened].flatMap((alert) => syncStatements(env.DB, { kind: "alert", alert })));
    const res = await api("GET", `/api/v1/alerts/${opened.id}`);
    expect(res.body).toMatchObject({ status: "closed", close_reason: "ping" });
  });
});

describe("D1 failing for a moment", () => {
  it("a later change (a ping's close, a pause) reaches D1 as soon as D1 works again, not after the backoff", async () => {
    const monitor = await createMonitor({ name: "d1 blip", interval: 60 });
    await ping(monitor.ping_url);
    await advanceTo(monitor.id, T0 + 61 * S);
    expect(await openAlerts(monitor.id)).toHaveLength(1);

    // D1 refuses the ping's sync (its alert close): the D1 lane backs off 10 s, then 20 s, 40 s...
    await env.DB.exec("ALTER TABLE alerts RENAME TO alerts_offline");
    try {
      setNow(T0 + 70 * S);
      await ping(monitor.ping_url);
      await settle(monitor.id);
    } finally {
      await env.DB.exec("ALTER TABLE alerts_offline RENAME TO alerts");
    }
    // D1 is back. The pause is new D1 work: it must not wait behind the backoff the ping's sync earned.
    expect((await api("POST", `/api/v1/monitors/${monitor.id}/pause`)).status).toBe(200);
    await settle(monitor.id);
    expect(await openAlerts(monitor.id)).toEqual([]);
    const monitorInList = (await api("GET", "/api/v1/monitors?limit=100")).body.data.find((m: { id: string }) => m.id === monitor.id);
    expect(monitorInList.status).toBe("paused");
  });
});

describe("D1 down for a few seconds", () => {
  it("the D1 lane retries within seconds of D1's return, not after a backoff of minutes", async () => {
    const monitor = await createMonitor({ name: "d1 outage", interval: 60 });
    await ping(monitor.ping_url);
    await advanceTo(monitor.id, T0 + 61 * S);
    await env.DB.exec("ALTER TABLE alerts RENAME TO alerts_offline");
    try {
      setNow(T0 + 70 * S);
      await ping(monitor.ping_url);
      await settle(monitor.id);
      await advanceTo(monitor.id, (await scheduledAlarm(monitor.id)) ?? 0); // D1 still down: a second failure
      expect((await scheduledAlarm(monitor.id)) ?? 0).toBeLessThanOrEqual(T0 + 75 * S);
    } finally {
      await env.DB.exec("ALTER TABLE alerts_offline RENAME TO alerts");
    }
    await advanceTo(monitor.id, T0 + 75 * S);
    expect(await openAlerts(monitor.id)).toEqual([]);
  });
});

describe("a delivery attempt that throws", () => {
  it("is recorded and retried; the alarm survives, and D1 still learns of the close", async () => {
    const good = await createWebhookChannel("http://good.test/hook");
    const broken = await createWebhookChannel("http://broken.test/hook");
    // A stored secret that no longer decodes (as from an older or hand-edited row): signing throws.
    await env.DB.prepare("UPDATE channels SET config = json_set(config, '$.secret', 'whsec_not base64!') WHERE id = ?")
      .bind(broken.id)
      .run();
    const monitor = await createMonitor({ name: "two channels", interval: 60, channels: [good.id, broken.id] });
    const receiver = interceptFetch();
    await ping(monitor.ping_url);
    await settle(monitor.id);

    await advanceTo(monitor.id, T0 + 61 * S);
    expect(receiver.captured.map((r) => `${new URL(r.url).host} ${JSON.parse(r.body).type}`)).toEqual(["good.test alert.opened"]);
    expect(await openAlerts(monitor.id)).toHaveLength(1);

    setNow(T0 + 70 * S);
    await ping(monitor.ping_url);
    expect((await api("POST", `/api/v1/monitors/${monitor.id}/pause`)).status).toBe(200);
    await settle(monitor.id);
    expect(await openAlerts(monitor.id)).toEqual([]);
    expect(receiver.captured.map((r) => JSON.parse(r.body).type)).toEqual(["alert.opened", "alert.closed"]);

    // The broken channel keeps both events, in order: the opening waits for its retry with the error
    // recorded, the closing behind it.
    const log = (await api("GET", `/api/v1/channels/${broken.id}/deliveries`)).body.data as Record<string, unknown>[];
    expect(log.map((d) => [d.event_type, d.status])).toEqual([
      ["alert.closed", "pending"],
      ["alert.opened", "pending"],
    ]);
    expect(log[1]?.last_error).toMatch(/^could not be sent: InvalidCharacterError/);
    expect(log[1]?.attempts).toBeGreaterThanOrEqual(1);
    expect(await scheduledAlarm(monitor.id)).toBeGreaterThan(Date.now());
  });
});

// OutboxRunner.requeueDelivery, through POST /api/v1/deliveries/:id/retry: a delivery sent again by hand
// goes out at once with its webhook-id, whether its job still waits in the outbox or has left it.

/** A monitor sending to one webhook, pinged once, down at T0 + 61 s. */
async function downMonitor() {
  const channel = await createWebhookChannel("http://receiver.test/retry");
  const monitor = await createMonitor({ name: "retried", interval: 60, channels: [channel.id] });
  await ping(monitor.ping_url);
  await settle(monitor.id);
  return { channel, monitor };
}

describe("retrying a delivery by hand", () => {
  it("one still waiting for its backoff is sent now, once, not again at its old retry time", async () => {
    const { channel, monitor } = await downMonitor();
    let busy = true;
    const receiver = interceptFetch(() => new Response(null, { status: busy ? 503 : 200 }));
    await advanceTo(monitor.id, T0 + 61 * S);
    const [waiting] = await deliveriesOf(channel.id);
    if (!waiting?.next_attempt_at) throw new Error("no delivery waiting for a retry");
    expect(waiting).toMatchObject({ status: "pending", attempts: 1 });
    expect(Date.parse(waiting.next_attempt_at)).toBeGreaterThan(T0 + 61 * S);

    busy = false;
    const retried = await api("POST", `/api/v1/deliveries/${waiting.id}/retry`);
    expect(retried).toMatchObject({
      status: 202,
      body: { id: waiting.id, status: "pending", next_attempt_at: new Date(T0 + 61 * S).toISOString() },
    });
    await settle(monitor.id);
    expect((await deliveriesOf(channel.id))[0]).toMatchObject({ id: waiting.id, status: "delivered", attempts: 2 });

    await advanceTo(monitor.id, Date.parse(waiting.next_attempt_at) + S);
    expect(receiver.captured.map((r) => r.headers["webhook-id"])).toEqual([waiting.id, waiting.id]);
  });

  it("one delivered already is queued again from its record and delivered a second time", async () => {
    const { channel, monitor } = await downMonitor();
    const receiver = interceptFetch();
    await advanceTo(monitor.id, T0 + 61 * S);
    const [delivered] = await deliveriesOf(channel.id);
    if (!delivered) throw new Error("no delivery");
    expect(delivered).toMatchObject({ status: "delivered", attempts: 1 });

    expect((await api("POST", `/api/v1/deliveries/${delivered.id}/retry`)).status).toBe(202);
    await settle(monitor.id);
    expect(receiver.captured.map((r) => [r.headers["webhook-id"], JSON.parse(r.body).type])).toEqual([
      [delivered.id, "alert.opened"],
      [delivered.id, "alert.opened"],
    ]);
    expect((await deliveriesOf(channel.id))[0]).toMatchObject({ status: "delivered", attempts: 2 });
  });
});

/**
 * OutboxRunner.requeueDelivery, through POST /api/v1/deliveries/:id/retry: a delivery sent again by hand
 * goes out at once with its webhook-id, whether its job still waits in the outbox or has left it.
 */
import { describe, expect, it } from "vitest";
import { advanceTo, api, createMonitor, createWebhookChannel, interceptFetch, ping, S, settle, T0, useFakeClock } from "../helpers";

useFakeClock(T0);

/** A monitor sending to one webhook, pinged once, down at T0 + 61 s. */
async function downMonitor() {
  const channel = await createWebhookChannel("http://receiver.test/retry");
  const monitor = await createMonitor({ name: "retried", interval: 60, channels: [channel.id] });
  await ping(monitor.ping_url);
  await settle(monitor.id);
  return { channel, monitor };
}

const deliveriesOf = async (channelId: string) => (await api("GET", `/api/v1/channels/${channelId}/deliveries`)).body.data;

describe("retrying a delivery by hand", () => {
  it("one still waiting for its backoff is sent now, once, not again at its old retry time", async () => {
    const { channel, monitor } = await downMonitor();
    let busy = true;
    const receiver = interceptFetch(() => new Response(null, { status: busy ? 503 : 200 }));
    await advanceTo(monitor.id, T0 + 61 * S);
    const [waiting] = await deliveriesOf(channel.id);
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

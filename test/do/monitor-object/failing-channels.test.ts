/**
 * A channel its receiver refused for good (a permanent status, such as 410) is marked failing; its
 * monitors' later events are recorded as `skipped`, not sent, until a test message succeeds or an edit.
 */
import { describe, expect, it } from "vitest";
import {
  advanceTo,
  api,
  createMonitor,
  createWebhookChannel,
  interceptFetch,
  M,
  ping,
  setNow,
  settle,
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

/** Two monitors naming one webhook, pinged at T0 (down at T0 + 1m); the receiver answers 410 while `gone`. */
async function twoMonitorsOneChannel() {
  const channel = await createWebhookChannel("http://gone.test/hook");
  const first = await createMonitor({ name: "first", interval: 60, channels: [channel.id] });
  const second = await createMonitor({ name: "second", interval: 600, channels: [channel.id] });
  for (const monitor of [first, second]) {
    await ping(monitor.ping_url);
    await settle(monitor.id);
  }
  const receiver = { gone: true };
  const fetched = interceptFetch(() => (receiver.gone ? new Response("no such hook", { status: 410 }) : new Response("ok")));
  const sent = () => fetched.captured.map((r) => `${JSON.parse(r.body).monitor?.name ?? "test"} ${JSON.parse(r.body).type}`);
  const log = async () =>
    ((await api("GET", `/api/v1/channels/${channel.id}/deliveries`)).body as { data: Delivery[] }).data
      .reverse()
      .map((d) => `${d.event_type} ${d.status}`);
  const shown = async () => (await api("GET", `/api/v1/channels/${channel.id}`)).body as { status: string; failing_reason: string | null };
  return { channel, first, second, receiver, sent, log, shown };
}

/** The first monitor goes down at T0 + 1m; its opening meets the 410 and marks the channel failing. */
async function failedOnce() {
  const setup = await twoMonitorsOneChannel();
  await advanceTo(setup.first.id, T0 + M);
  expect(setup.sent()).toEqual(["first alert.opened"]);
  expect(await setup.shown()).toMatchObject({ status: "failing", failing_reason: expect.stringContaining("410") });
  return setup;
}

describe("a failing channel", () => {
  it("is not sent later events, by any of its monitors: each is recorded as skipped, with the reason", async () => {
    const { first, second, sent, log } = await failedOnce();
    setNow(T0 + 2 * M);
    await ping(first.ping_url);
    await settle(first.id);
    await advanceTo(second.id, T0 + 10 * M);
    expect(sent()).toEqual(["first alert.opened"]);
    expect(await log()).toEqual(["alert.opened failed", "alert.closed skipped", "alert.opened skipped"]);
    const skipped = ((await api("GET", `/api/v1/monitors/${second.id}/alerts`)).body as { data: { id: string }[] }).data;
    expect(skipped).toHaveLength(1);
  });

  it("records why it skipped, naming the channel's failing reason", async () => {
    const { channel, first } = await failedOnce();
    setNow(T0 + 2 * M);
    await ping(first.ping_url);
    await settle(first.id);
    const { data } = (await api("GET", `/api/v1/channels/${channel.id}/deliveries`)).body as { data: Delivery[] };
    expect(data[0]).toMatchObject({ event_type: "alert.closed", status: "skipped", attempts: 0 });
    expect(data[0]?.last_error).toContain("channel is failing");
    expect(data[0]?.last_error).toContain("410");
  });

  it("receives again after a test message succeeds (a test the receiver still refuses changes nothing)", async () => {
    const { channel, first, second, receiver, sent, shown } = await failedOnce();
    expect((await api("POST", `/api/v1/channels/${channel.id}/test`)).body).toMatchObject({ ok: false });
    expect(await shown()).toMatchObject({ status: "failing" });

    receiver.gone = false;
    setNow(T0 + 2 * M);
    expect((await api("POST", `/api/v1/channels/${channel.id}/test`)).body).toMatchObject({ ok: true });
    expect(await shown()).toMatchObject({ status: "ok", failing_reason: null });
    await ping(first.ping_url);
    await settle(first.id);
    await advanceTo(second.id, T0 + 10 * M);
    expect(sent().filter((s) => !s.includes("test"))).toEqual(["first alert.opened", "first alert.closed", "second alert.opened"]);
  });

  it("receives again after an edit", async () => {
    const { channel, first, receiver, sent, shown } = await failedOnce();
    receiver.gone = false;
    setNow(T0 + 2 * M);
    expect((await api("PATCH", `/api/v1/channels/${channel.id}`, { name: "fixed hook" })).status).toBe(200);
    expect(await shown()).toMatchObject({ status: "ok" });
    await ping(first.ping_url);
    await settle(first.id);
    expect(sent()).toEqual(["first alert.opened", "first alert.closed"]);
  });

  it("a delivery queued before the channel was found failing keeps its retries; only later events skip it", async () => {
    const { first, second, receiver, log } = await twoMonitorsOneChannel();
    let firstAttempts = 0;
    receiver.gone = false;
    interceptFetch((req) => {
      const name = JSON.parse(req.body).monitor?.name;
      if (name === "second") return new Response("no such hook", { status: 410 });
      firstAttempts++;
      return firstAttempts === 1 ? new Response("busy", { status: 500 }) : new Response("ok");
    });
    await advanceTo(first.id, T0 + M);
    await advanceTo(second.id, T0 + 10 * M);
    await settle(first.id);
    expect(firstAttempts).toBe(2);
    setNow(T0 + 11 * M);
    await ping(first.ping_url);
    await settle(first.id);
    expect(firstAttempts).toBe(2);
    expect(await log()).toEqual(["alert.opened delivered", "alert.opened failed", "alert.closed skipped"]);
  });
});

import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { admin, type DevServer, newStateFolder, startDevServer, startReceiver, waitFor } from "./dev-server";

// A receiver that is down when the alert opens, and a lubdub process that is killed and restarted
// while the notification is still pending: the receiver still gets opened, then closed, each once.
const persist = newStateFolder();
let server: DevServer | undefined;
let receiver: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
  receiver = await startReceiver();
  receiver.state.accepting = false;
});

afterAll(async () => {
  await server?.stop();
  await receiver?.close();
  rmSync(persist, { recursive: true, force: true });
});

describe("delivery across a receiver outage and a restart", () => {
  it("delivers opened then closed, in order, once per webhook-id", async () => {
    const first = await startDevServer({ persist });
    server = first;
    const channel = await admin(first, "POST", "/api/v1/channels", { type: "webhook", name: "flaky", url: receiver.url });
    const monitor = await admin(first, "POST", "/api/v1/monitors", {
      name: "restart",
      interval: "1s",
      grace: 0,
      channels: [channel.body.id],
    });
    await fetch(monitor.body.ping_url);
    await waitFor(() => receiver.state.refused >= 1, 15_000, "the first, refused attempt");

    await first.stop();
    server = undefined;
    receiver.state.accepting = true;
    const second = await startDevServer({ persist });
    server = second;
    const pingUrl = monitor.body.ping_url.replace(first.url, second.url);

    // The stored alarm fires after the restart with no request needed; the retry comes within ~12 s.
    await waitFor(() => receiver.events.length >= 1, 30_000, "alert.opened after the restart");
    expect((await fetch(pingUrl)).status).toBe(200);
    await waitFor(() => receiver.events.length >= 2, 30_000, "alert.closed");
    expect((await admin(second, "POST", `/api/v1/monitors/${monitor.body.id}/pause`)).status).toBe(200);

    expect(receiver.events.map((e) => e.body.type)).toEqual(["alert.opened", "alert.closed"]);
    const ids = receiver.events.map((e) => e.headers["webhook-id"]);
    expect(new Set(ids).size).toBe(2);
    const deliveries = await admin(second, "GET", `/api/v1/channels/${channel.body.id}/deliveries`);
    expect(deliveries.body.data.map((d: { status: string }) => d.status)).toEqual(["delivered", "delivered"]);
  });
});

import { describe, expect, it } from "vitest";
import { admin, useDevServerAndReceiver, waitFor } from "./dev-server";

// The one place that drives the real `npm run dev` server with real time, a real HTTP client and
// a real receiver: a 1-second monitor goes silent, alerts, and recovers.

const running = useDevServerAndReceiver();

describe("end to end against wrangler dev", () => {
  it("opens one alert when pings stop and closes it when they resume", async () => {
    const [server, receiver] = [running.server(), running.receiver()];
    const channel = await admin(server, "POST", "/api/v1/channels", { type: "webhook", name: "local", url: receiver.url });
    expect(channel.status).toBe(201);
    const monitor = await admin(server, "POST", "/api/v1/monitors", { name: "e2e", interval: "1s", grace: 0, channels: [channel.body.id] });
    expect(monitor.status).toBe(201);
    expect(monitor.body.ping_url).toBe(`${server.url}/ping/${monitor.body.ping_url.split("/").pop()}`);

    const first = await fetch(monitor.body.ping_url, { method: "POST", body: "{}", headers: { "content-type": "application/json" } });
    expect(await first.text()).toBe("OK");

    await waitFor(() => receiver.events.length >= 1, 15_000, "alert.opened");
    expect(receiver.events[0]?.body.type).toBe("alert.opened");
    const alertId = receiver.events[0]?.body.alert.id;

    expect((await fetch(monitor.body.ping_url)).status).toBe(200);
    await waitFor(() => receiver.events.length >= 2, 15_000, "alert.closed");
    expect(receiver.events[1]?.body).toMatchObject({ type: "alert.closed", alert: { id: alertId } });

    const alerts = await admin(server, "GET", `/api/v1/monitors/${monitor.body.id}/alerts`);
    expect(alerts.body.data).toHaveLength(1);
    expect(alerts.body.data[0]).toMatchObject({ id: alertId, status: "closed", close_reason: "ping" });
    // Stop the monitor so it does not alert again while the server shuts down.
    expect((await admin(server, "POST", `/api/v1/monitors/${monitor.body.id}/pause`)).status).toBe(200);
  });
});

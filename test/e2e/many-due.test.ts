import { describe, expect, it } from "vitest";
import { admin, useDevServerAndReceiver, waitFor } from "./dev-server";

// Many monitors falling due in the same moment, on the real dev server: every one alerts, once.
// (A follow-up alarm set to the running alarm's own time used to be dropped with it, stranding a
// few alerts in their outbox: seen as 5 of 200 alerts missing.)
const MONITORS = 200;
const running = useDevServerAndReceiver();

describe("many monitors due at once", () => {
  it(`${MONITORS} silent monitors each open exactly one alert`, async () => {
    const [server, receiver] = [running.server(), running.receiver()];
    const channel = await admin(server, "POST", "/api/v1/channels", { type: "webhook", name: "all", url: receiver.url });
    const monitors: { id: string; ping_url: string }[] = [];
    for (let i = 0; i < MONITORS; i++) {
      monitors.push(
        (await admin(server, "POST", "/api/v1/monitors", { name: `m${i}`, interval: "3s", grace: 0, channels: [channel.body.id] })).body,
      );
    }
    await Promise.all(monitors.map((m) => fetch(m.ping_url).then((r) => r.text())));
    const opened = () => receiver.events.filter((e) => e.body.type === "alert.opened");
    await waitFor(() => opened().length >= MONITORS, 45_000, `${MONITORS} alert.opened`).catch(() => undefined);
    // One at a time: wrangler dev's proxy answers some of 200 simultaneous POSTs with 503 ("worker
    // restarted mid-request") while their 200 closing notifications are in flight.
    for (const m of monitors) await admin(server, "POST", `/api/v1/monitors/${m.id}/pause`);
    const alertIds = opened().map((e) => e.body.alert.id);
    expect(alertIds).toHaveLength(MONITORS);
    expect(new Set(alertIds).size).toBe(MONITORS);
  }, 90_000);
});

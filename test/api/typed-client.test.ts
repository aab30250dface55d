import { describe, expect, it } from "vitest";
import { advanceTo, client, S, T0, useFakeClock } from "../helpers";

// A client generated from the document (openapi-typescript types, committed as src/api/generated/openapi.d.ts and
// kept current by `npm run typecheck`; openapi-fetch, built in test/helpers.ts) drives the app: what a user of
// another language's generated client would do.

useFakeClock(T0);

describe("a client generated from the OpenAPI document", () => {
  it("creates a monitor, pings it, and lists the alert its missed ping opened", async () => {
    const created = await client.POST("/api/v1/monitors", { body: { name: "nightly", interval: "1m", grace: 0 } });
    expect(created.response.status).toBe(201);
    const monitor = created.data;
    if (!monitor) throw new Error(`create failed: ${JSON.stringify(created.error)}`);
    expect(monitor.interval).toBe(60);

    // null only for a read key; the admin token sees it.
    if (monitor.ping_url === null) throw new Error("no ping_url for the admin token");
    const token = new URL(monitor.ping_url).pathname.split("/").pop() ?? "";
    const pinged = await client.GET("/ping/{token}", { params: { path: { token } }, parseAs: "text" });
    expect(pinged.response.status).toBe(200);
    expect(pinged.data).toBe("OK");

    // No ping in the next minute: the alarm finds the monitor down and opens an alert.
    await advanceTo(monitor.id, T0 + 61 * S);
    const live = await client.GET("/api/v1/monitors/{id}", { params: { path: { id: monitor.id } } });
    expect(live.data?.status).toBe("down");

    const alerts = await client.GET("/api/v1/alerts", { params: { query: { monitor_id: monitor.id, status: "open" } } });
    expect(alerts.data?.data).toHaveLength(1);
    expect(alerts.data?.data[0]).toMatchObject({ monitor_id: monitor.id, status: "open", reason: "missed", closed_at: null });
  });

  it("reads errors as the documented envelope", async () => {
    const missing = await client.GET("/api/v1/monitors/{id}", { params: { path: { id: "mon_aaaaaaaaaaaaaaaaaaaaaaaaaa" } } });
    expect(missing.response.status).toBe(404);
    expect(missing.error?.error).toEqual({ code: "not_found", message: "monitor not found", details: [], request_id: expect.any(String) });
  });
});

import { describe, expect, it } from "vitest";
import { admin, useDevServerAndReceiver } from "./dev-server";

// Regression: the ping route once cancelled a body over 100 KB mid-stream, and under `wrangler dev` the
// next request to the server was answered "503 Your worker restarted mid-request". Bodies are now read
// to the end (bounded), keeping their head and tail.

const running = useDevServerAndReceiver();

describe("a long job output sent with a ping", () => {
  it("is answered, logged head and tail, and the requests after it are served", async () => {
    const server = running.server();
    const monitor = await admin(server, "POST", "/api/v1/monitors", { name: "long output", interval: "1h" });
    expect(monitor.status).toBe(201);
    const output = `${"x".repeat(200 * 1024)}\nERROR: the last line\n`;
    for (const suffix of ["/log", "", "/ffffffff"]) {
      const res = await fetch(`${monitor.body.ping_url}${suffix}`, { method: "POST", body: output });
      await res.text();
      expect(res.status, suffix).toBe(suffix === "/ffffffff" ? 400 : 200);
      // Any request right after it, on a new connection: an admin POST, as in the report.
      const next = await admin(server, "POST", "/api/v1/monitors", { name: `after ${suffix}`, interval: "1h" });
      expect(next.status, `admin POST after ${suffix}: ${JSON.stringify(next.body)}`).toBe(201);
    }
    const pings = await admin(server, "GET", `/api/v1/monitors/${monitor.body.id}/pings`);
    expect(pings.body.data.map((p: { truncated: boolean; body_size: number }) => [p.truncated, p.body_size])).toEqual([
      [true, output.length],
      [true, output.length],
    ]);
    const body = await fetch(pings.body.data[0].body_url, { headers: { authorization: `Bearer ${server.token}` } });
    expect(await body.text()).toMatch(/x\n\[\.\.\. lubdub cut \d+ bytes here \.\.\.\]\nx+\nERROR: the last line\n$/);
  });

  // The same class of failure on the admin side: a body over 64 KiB sent chunked (no Content-Length)
  // was abandoned half read, and the 413 or the next request got the dev proxy's 503.
  it("an admin body over 64 KiB sent chunked gets 413, and the next request is served", async () => {
    const server = running.server();
    for (let round = 0; round < 3; round++) {
      const chunks = new ReadableStream<Uint8Array>({
        start(controller) {
          for (let i = 0; i < 25; i++) controller.enqueue(new TextEncoder().encode("x".repeat(8 * 1024)));
          controller.close();
        },
      });
      const res = await fetch(`${server.url}/api/v1/monitors`, {
        method: "POST",
        headers: { authorization: `Bearer ${server.token}`, "content-type": "application/json" },
        body: chunks,
        duplex: "half",
      } as RequestInit);
      expect(res.status).toBe(413);
      await res.text();
      const next = await admin(server, "POST", "/api/v1/monitors", { name: `after chunked ${round}`, interval: "1h" });
      expect(next.status).toBe(201);
    }
  });
});

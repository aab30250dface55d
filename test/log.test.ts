import { env } from "cloudflare:workers";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createApp } from "../src/app";
import { advanceTo, api, createMonitor, interceptFetch, M, pingAt, S, T0, useFakeClock } from "./helpers";

/**
 * The server's log as an operator reads it (src/log.ts): one JSON object per line, ids at the top level,
 * one line per status change, alert and delivery attempt, and never a secret, a token or a ping body.
 */
useFakeClock(T0);

type Line = Record<string, unknown>;
let lines: Line[] = [];
beforeEach(() => {
  lines = [];
  for (const level of ["log", "warn", "error"] as const) {
    vi.spyOn(console, level).mockImplementation((line: unknown) => void lines.push(line as Line));
  }
});
afterEach(() => vi.restoreAllMocks());

const of = (event: string) => lines.filter((line) => line.event === event);

const SECRET = `whsec_${btoa("a channel secret of 24 bytes+")}`;
const URL_TOKEN = "urltoken0123456789";
const BODY = "pg_dump: password=hunter2-in-a-ping-body";

describe("the server's log", () => {
  it("says a monitor went down in one line with its ids, then the alert and each delivery attempt, and nothing secret", async () => {
    const receiver = interceptFetch((_, n) => new Response(n === 1 ? "busy" : "ok", { status: n === 1 ? 503 : 200 }));
    const url = `http://receiver.test/hook/${URL_TOKEN}?token=${URL_TOKEN}`;
    const channel = (await api("POST", "/api/v1/channels", { type: "webhook", name: "hook", url, secret: SECRET })).body as { id: string };
    const monitor = await createMonitor({ name: "db backup", interval: 60, grace: 0, channels: [channel.id] });
    const token = monitor.ping_url.split("/").pop() ?? "";
    await pingAt(T0, monitor, "", "POST", BODY);
    expect(of("monitor.status")).toEqual([expect.objectContaining({ level: "info", monitor_id: monitor.id, from: "new", to: "up" })]);

    await advanceTo(monitor.id, T0 + M + S);
    await advanceTo(monitor.id, T0 + 10 * M); // the failed first attempt's retry
    const down = of("monitor.status").filter((line) => line.to === "down");
    expect(down).toEqual([expect.objectContaining({ monitor_id: monitor.id, from: "up" })]);
    const [opened] = of("alert.opened");
    expect(opened).toMatchObject({ level: "warn", monitor_id: monitor.id, reason: "missed", alert_id: expect.stringMatching(/^alt_/) });
    const attempts = of("delivery.attempt");
    expect(attempts.map((line) => [line.outcome, line.status_code, line.attempts])).toEqual([
      ["failed", 503, 1],
      ["ok", 200, 2],
    ]);
    for (const attempt of attempts) {
      expect(attempt).toMatchObject({
        monitor_id: monitor.id,
        alert_id: opened?.alert_id,
        channel_id: channel.id,
        delivery_id: expect.stringMatching(/^dlv_/),
      });
    }
    expect(receiver.captured).toHaveLength(2);

    const text = JSON.stringify(lines);
    for (const secret of [token, SECRET, URL_TOKEN, "hunter2", receiver.captured[0]?.headers["webhook-signature"] ?? "?"]) {
      expect(text).not.toContain(secret);
    }
  });

  it("names the request of an error, and a ping's failure is logged without its token", async () => {
    const monitor = await createMonitor({ interval: 60 });
    const token = monitor.ping_url.split("/").pop() ?? "";
    const ray = "8f1e2d3c4b5a6978-FRA";
    const unreachable = () => {
      throw new Error("object unreachable");
    };
    const broken = {
      ...env,
      MONITOR: { idFromName: env.MONITOR.idFromName.bind(env.MONITOR), get: unreachable } as unknown as Env["MONITOR"],
    };
    const response = await createApp().request(
      `${monitor.ping_url}/fail`,
      { method: "POST", body: BODY, headers: { "cf-ray": ray } },
      broken,
    );
    expect(response.status).toBe(500);
    expect(response.headers.get("x-request-id")).toBe(ray);
    expect(of("request.failed")).toEqual([
      expect.objectContaining({
        level: "error",
        request_id: ray,
        method: "POST",
        path: "/ping/[redacted]",
        error: expect.objectContaining({ message: expect.any(String) }),
      }),
    ]);
    expect(JSON.stringify(lines)).not.toContain(token);
    expect(JSON.stringify(lines)).not.toContain("hunter2");
  });
});

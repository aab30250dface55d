import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { createApp } from "../../src/app";
import { ORIGIN } from "../helpers";

const app = createApp();
const healthz = (bindings: Env = env) => app.request(`${ORIGIN}/healthz`, {}, bindings);

const failingDb = {
  prepare: () => ({ first: () => Promise.reject(new Error("D1_ERROR: database unavailable")) }),
} as unknown as D1Database;
const failingObjects = {
  idFromName: (name: string) => env.MONITOR.idFromName(name),
  get: () => ({ probe: () => Promise.reject(new Error("Durable Object reset")) }),
} as unknown as Env["MONITOR"];

describe("GET /healthz", () => {
  it("answers 200 ok with no token when D1 and a probe object answer", async () => {
    const res = await healthz();
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("leaves the probe object empty: it creates no monitor and stores nothing", async () => {
    await healthz();
    const probe = env.MONITOR.get(env.MONITOR.idFromName("lubdub:healthz-probe"));
    const tables = await runInDurableObject(probe, (_, state) =>
      state.storage.sql.exec("SELECT name FROM sqlite_master WHERE name NOT LIKE '_cf_%' AND name NOT LIKE 'sqlite_%'").toArray(),
    );
    expect(tables).toEqual([]);
    expect(await runInDurableObject(probe, (_, state) => state.storage.getAlarm())).toBeNull();
  });

  it("answers 503 naming only the part that fails, never its error", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const d1Down = await healthz({ ...env, DB: failingDb });
    expect(d1Down.status).toBe(503);
    expect(await d1Down.text()).toBe('{"status":"unavailable","failing":["d1"]}');

    const objectsDown = await healthz({ ...env, MONITOR: failingObjects });
    expect(objectsDown.status).toBe(503);
    expect(await objectsDown.json()).toEqual({ status: "unavailable", failing: ["objects"] });

    const bothDown = await healthz({ ...env, DB: failingDb, MONITOR: failingObjects });
    expect(await bothDown.json()).toEqual({ status: "unavailable", failing: ["d1", "objects"] });
    vi.restoreAllMocks();
  });
});

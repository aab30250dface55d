import { createExecutionContext, runInDurableObject, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { createApp } from "../../src/app";
import { sweepOverdueMonitors } from "../../src/cron/jobs";
import { parseJurisdiction } from "../../src/do/stub";
import worker from "../../src/index";
import { ADMIN_TOKEN, M, ORIGIN, S, setNow, stub, T0, useFakeClock } from "../helpers";

// The deployment's jurisdiction (wrangler.toml JURISDICTION, src/do/stub.ts). workerd implements none (its
// `jurisdiction()` throws "Jurisdiction restrictions are not implemented in workerd"), so a stand-in binding
// hands out the real namespace as the "eu" subnamespace and throws on any use of the binding itself: every
// request below fails if one path reaches an object without going through the jurisdiction.

useFakeClock(T0);
const app = createApp();

interface Recorded {
  jurisdictions: string[];
  gets: number;
  hints: (string | undefined)[];
}

function jurisdictionBinding(recorded: Recorded): Env["MONITOR"] {
  const outside = () => {
    throw new Error("an object was reached outside the deployment's jurisdiction");
  };
  const subnamespace = {
    idFromName: (name: string) => env.MONITOR.idFromName(name),
    get: (id: DurableObjectId, options?: DurableObjectNamespaceGetDurableObjectOptions) => {
      recorded.gets++;
      recorded.hints.push(options?.locationHint);
      return env.MONITOR.get(id, options);
    },
  };
  const binding = {
    jurisdiction: (jurisdiction: string) => {
      recorded.jurisdictions.push(jurisdiction);
      return subnamespace;
    },
    idFromName: outside,
    idFromString: outside,
    newUniqueId: outside,
    get: outside,
    getByName: outside,
  };
  return binding as unknown as Env["MONITOR"];
}

function inJurisdiction() {
  const recorded: Recorded = { jurisdictions: [], gets: 0, hints: [] };
  const bindings: Env = { ...env, JURISDICTION: "eu", MONITOR: jurisdictionBinding(recorded) };
  const call = async (method: string, path: string, body?: unknown) => {
    const init: RequestInit = { method, headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" } };
    if (body !== undefined) init.body = JSON.stringify(body);
    const res = await app.request(`${ORIGIN}${path}`, init, bindings);
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
  /** Through the Worker's own fetch handler, as Cloudflare calls it: the token fast path comes first. */
  const ping = async (url: string) => {
    const ctx = createExecutionContext();
    const res = await worker.fetch(new Request(url), bindings, ctx);
    await waitOnExecutionContext(ctx);
    return res;
  };
  /** How many objects the step reached, all through the jurisdiction (or it would have thrown). */
  const reached = async (step: () => Promise<unknown>) => {
    const before = recorded.gets;
    await step();
    return recorded.gets - before;
  };
  return { recorded, bindings, call, ping, reached };
}

describe("JURISDICTION: every object is reached through the jurisdiction's subnamespace", () => {
  it("the API, token and slug pings, alarms' callers, channel pushes, the cron sweep, /healthz and deletion", async () => {
    const { recorded, bindings, call, ping, reached } = inJurisdiction();
    const channel = await call("POST", "/api/v1/channels", { type: "webhook", name: "hook", url: "http://receiver.test/eu" });
    expect(channel.status).toBe(201);
    let monitor = { id: "", ping_url: "" };
    expect(
      await reached(async () => {
        const created = await call("POST", "/api/v1/monitors", {
          name: "eu job",
          slug: "eu-job",
          interval: 60,
          grace: 0,
          channels: [channel.body.id],
        });
        expect(created.status).toBe(201);
        monitor = created.body;
      }),
    ).toBeGreaterThan(0);
    expect(await reached(async () => expect((await ping(monitor.ping_url)).status).toBe(200))).toBe(1);
    const team = await call("GET", "/api/v1/team");
    expect(await reached(async () => expect((await ping(`${ORIGIN}/ping/${team.body.ping_key}/eu-job`)).status).toBe(200))).toBe(1);
    expect(await reached(async () => expect((await call("GET", `/api/v1/monitors/${monitor.id}`)).body.status).toBe("up"))).toBe(1);
    expect(await reached(async () => expect((await call("GET", `/api/v1/monitors/${monitor.id}/pings`)).body.data).toHaveLength(2))).toBe(
      1,
    );
    expect(await reached(async () => expect((await call("PATCH", `/api/v1/monitors/${monitor.id}`, { grace: 5 })).status).toBe(200))).toBe(
      2,
    );
    // An edited channel's configuration is pushed to the objects of the monitors that name it.
    expect(
      await reached(async () => expect((await call("PATCH", `/api/v1/channels/${channel.body.id}`, { name: "hook 2" })).status).toBe(200)),
    ).toBe(1);

    // The cron sweep wakes an overdue monitor whose alarm was dropped.
    await runInDurableObject(stub(monitor.id), (_, state) => state.storage.deleteAlarm());
    setNow(T0 + 10 * M + S);
    expect(await reached(async () => expect(await sweepOverdueMonitors(bindings, Date.now())).toMatchObject({ due: 1 }))).toBe(1);

    const healthz = await reached(async () => expect((await app.request(`${ORIGIN}/healthz`, {}, bindings)).status).toBe(200));
    expect(healthz).toBe(1);
    expect(await reached(async () => expect((await call("DELETE", `/api/v1/monitors/${monitor.id}`)).status).toBe(204))).toBe(1);
    // Resolved once per isolate and setting, then cached like the ids.
    expect(recorded.jurisdictions).toEqual(["eu"]);
  });

  it("an invalid value fails loudly: each request that needs an object answers 500 and the log names the setting", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const bindings: Env = { ...env, JURISDICTION: "EU" };
    const res = await app.request(
      `${ORIGIN}/api/v1/monitors`,
      { method: "POST", headers: { authorization: `Bearer ${ADMIN_TOKEN}` }, body: JSON.stringify({ name: "x", interval: 60 }) },
      bindings,
    );
    expect(res.status).toBe(500);
    const ctx = createExecutionContext();
    const ping = await worker.fetch(new Request(`${ORIGIN}/ping/${"a".repeat(52)}`), bindings, ctx);
    expect(ping.status).toBe(500);
    // Each log line is an object (src/log.ts): its error's message names the setting.
    const lines = logged.mock.calls.map((args) => (args[0] as { error: { message: string } }).error.message);
    expect(lines).toEqual(
      Array(2).fill(
        'lubdub is misconfigured: JURISDICTION is "EU", but it must be "eu" or "fedramp", or empty for none (wrangler.toml [vars])',
      ),
    );
    expect((await app.request(`${ORIGIN}/healthz`, {}, bindings)).status).toBe(503);
  });

  it("parses the setting: eu, fedramp, or empty/absent for none; anything else throws", () => {
    expect(parseJurisdiction("eu")).toBe("eu");
    expect(parseJurisdiction("fedramp")).toBe("fedramp");
    expect(parseJurisdiction("")).toBeNull();
    expect(parseJurisdiction(undefined)).toBeNull();
    for (const bad of ["EU", "us", "fedramp-high", " eu", "none"]) expect(() => parseJurisdiction(bad)).toThrow(/JURISDICTION/);
  });
});

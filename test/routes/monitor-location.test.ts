import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { ADMIN_TOKEN, api, listed, ORIGIN, T0, useFakeClock } from "../helpers";

// A monitor's `location`: the Durable Objects location hint its object is created with, fixed from then on.

useFakeClock(T0);
const app = createApp();

/** The real binding, recording the options of every `get` (the hint counts only at an object's first one). */
function recordingBinding(hints: (string | undefined)[]): Env["MONITOR"] {
  const binding = {
    idFromName: (name: string) => env.MONITOR.idFromName(name),
    get: (id: DurableObjectId, options?: DurableObjectNamespaceGetDurableObjectOptions) => {
      hints.push(options?.locationHint);
      return env.MONITOR.get(id, options);
    },
  };
  return binding as unknown as Env["MONITOR"];
}

async function callWith(bindings: Env, method: string, path: string, body?: unknown) {
  const init: RequestInit = { method, headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" } };
  if (body !== undefined) init.body = JSON.stringify(body);
  const res = await app.request(`${ORIGIN}${path}`, init, bindings);
  return { status: res.status, body: await res.json<Record<string, unknown>>() };
}

describe("a monitor's location hint", () => {
  it("is passed when the object is first reached (the create), and never after", async () => {
    const hints: (string | undefined)[] = [];
    const bindings = { ...env, MONITOR: recordingBinding(hints) };
    const created = await callWith(bindings, "POST", "/api/v1/monitors", { name: "near Frankfurt", interval: 60, location: "weur" });
    expect(created.status).toBe(201);
    expect(created.body.location).toBe("weur");
    expect(hints).toEqual(["weur"]);
    expect((await callWith(bindings, "GET", `/api/v1/monitors/${created.body.id}`)).body.location).toBe("weur");
    expect(hints).toEqual(["weur", undefined]);
    expect((await listed(String(created.body.id)))?.location).toBe("weur");

    const plain = await callWith(bindings, "POST", "/api/v1/monitors", { name: "anywhere", interval: 60 });
    expect(plain.body.location).toBeNull();
    expect(hints.at(-1)).toBeUndefined();
  });

  it("cannot change once created: another value is refused (400, nothing changes), the same one passes", async () => {
    const created = await api("POST", "/api/v1/monitors", { name: "tokyo job", interval: 60, location: "apac" });
    const path = `/api/v1/monitors/${created.body.id}`;
    const moved = await api("PATCH", path, { location: "weur", name: "renamed" });
    expect(moved.status).toBe(400);
    expect(moved.body.error.details).toEqual([
      { path: "location", message: "the location is fixed when a monitor is created (it is apac); to move it, create a new monitor there" },
    ]);
    expect((await api("GET", path)).body).toMatchObject({ name: "tokyo job", location: "apac", updated_at: created.body.updated_at });
    expect((await api("PATCH", path, { location: null })).status).toBe(400);

    const same = await api("PATCH", path, { location: "apac", name: "renamed" });
    expect(same.status).toBe(200);
    expect(same.body).toMatchObject({ name: "renamed", location: "apac" });
  });

  it("accepts only Cloudflare's location hints", async () => {
    for (const location of ["wnam", "enam", "sam", "weur", "eeur", "apac", "oc", "afr", "me", null]) {
      expect((await api("POST", "/api/v1/monitors", { name: `at ${location}`, interval: 60, location })).status).toBe(201);
    }
    const bad = await api("POST", "/api/v1/monitors", { name: "x", interval: 60, location: "eu-west" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path)).toEqual(["location"]);
  });
});

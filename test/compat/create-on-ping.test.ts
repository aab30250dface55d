/**
 * Create on ping (`/ping/<ping_key>/<slug>?create=1`), from healthchecks.io's Pinging API docs
 * ("auto-provisioning") and hc/api/tests/test_ping_by_slug.py (test_it_auto_provisions_missing_check:
 * 201 "Created", name and slug from the URL, every channel of the project assigned).
 */
import { afterEach, describe, expect, it } from "vitest";
import { api, createWebhookChannel, interceptFetch, S, setNow, settle, T0, useFakeClock } from "../helpers";
import { alertsOf, monitorView, pingLog, send, slugUrl, teamPingKey } from "./compat-helpers";

useFakeClock(T0);
afterEach(async () => {
  // The team is shared by every test of this file: back to lubdub's defaults.
  expect((await api("PATCH", "/api/v1/team", { create_on_ping: false, default_channels: null })).status).toBe(200);
});

const allowCreateOnPing = async () => expect((await api("PATCH", "/api/v1/team", { create_on_ping: true })).status).toBe(200);
const monitorsWithSlug = async (slug: string): Promise<{ id: string; name: string; interval: number; grace: number }[]> =>
  (await api("GET", "/api/v1/monitors?limit=100")).body.data.filter((m: { slug: string | null }) => m.slug === slug);
const allChannelIds = async (): Promise<string[]> =>
  (await api("GET", "/api/v1/channels?limit=100")).body.data.map((c: { id: string }) => c.id);

describe("when the team allows it", () => {
  // Runs first: the team has never set default_channels, so a created monitor gets every channel of the team.
  it("the first ping answers 201 Created, the monitor (daily, 1 h grace) gets every channel, and later pings answer 200 OK", async () => {
    const first = await createWebhookChannel("http://receiver.test/first");
    const second = await createWebhookChannel("http://receiver.test/second");
    await allowCreateOnPing();
    const key = await teamPingKey();
    const createdRes = await send(slugUrl(key, "made-by-ping", "?create=1"));
    expect(createdRes).toMatchObject({ status: 201, text: "Created" });
    expect(createdRes.headers.get("cache-control")).toContain("no-cache");
    const [created, ...more] = await monitorsWithSlug("made-by-ping");
    expect(more).toEqual([]);
    expect(created).toMatchObject({ name: "made-by-ping", interval: 86400, grace: 3600 });
    const id = created?.id ?? "";
    expect(await monitorView(id)).toMatchObject({ status: "up", last_ping_at: new Date(T0).toISOString() });
    expect(new Set((await monitorView(id)).channels)).toEqual(new Set(await allChannelIds()));
    expect((await monitorView(id)).channels).toEqual(expect.arrayContaining([first.id, second.id]));

    setNow(T0 + S);
    expect(await send(slugUrl(key, "made-by-ping", "?create=1"))).toMatchObject({ status: 200, text: "OK" });
    expect(await send(slugUrl(key, "made-by-ping"))).toMatchObject({ status: 200, text: "OK" });
    expect(await monitorsWithSlug("made-by-ping")).toHaveLength(1);
    expect(await pingLog(id)).toHaveLength(3);
  });

  it("a failure that creates its monitor alerts the team's default channels", async () => {
    const chosen = await createWebhookChannel("http://receiver.test/on-call");
    await createWebhookChannel("http://receiver.test/not-chosen");
    expect((await api("PATCH", "/api/v1/team", { create_on_ping: true, default_channels: [chosen.id] })).status).toBe(200);
    const { captured } = interceptFetch();
    expect(await send(slugUrl(await teamPingKey(), "created-failing", "/fail?create=1"))).toMatchObject({ status: 201, text: "Created" });
    const [created] = await monitorsWithSlug("created-failing");
    const id = created?.id ?? "";
    expect(await monitorView(id)).toMatchObject({ status: "down", channels: [chosen.id] });
    await settle(id);
    expect(captured.map((c) => [c.url, JSON.parse(c.body).type])).toEqual([["http://receiver.test/on-call", "alert.opened"]]);
    expect(await alertsOf(id)).toEqual([expect.objectContaining({ reason: "failed", status: "open" })]);
  });

  // A channel deleted after it was chosen must not block the team's settings nor linger in them.
  it("deleting a default channel leaves the team editable and no longer lists it", async () => {
    const doomed = await createWebhookChannel("http://receiver.test/doomed");
    expect((await api("PATCH", "/api/v1/team", { default_channels: [doomed.id] })).status).toBe(200);
    expect((await api("DELETE", `/api/v1/channels/${doomed.id}`)).status).toBe(204);
    const res = await api("PATCH", "/api/v1/team", { create_on_ping: true });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect((await api("GET", "/api/v1/team")).body.default_channels ?? []).not.toContain(doomed.id);
  });

  it("a /start that creates its monitor leaves it running", async () => {
    await allowCreateOnPing();
    expect(await send(slugUrl(await teamPingKey(), "created-running", "/start?create=1"))).toMatchObject({ status: 201, text: "Created" });
    const [created] = await monitorsWithSlug("created-running");
    expect((await monitorView(created?.id ?? "")).status).toBe("running");
  });

  // A rejected ping creates nothing: the request is checked before anything is created.
  it.each([
    ["an upper-case slug", "Upper-Case", "?create=1", 400],
    ["an invalid rid", "bad-rid", "?create=1&rid=12345", 400],
    ["an exit status over 255", "bad-exit", "/256?create=1", 400],
    ["create=true (only create=1 asks)", "not-asked", "?create=true", 404],
  ])("%s creates nothing (%s)", async (_label, slug, rest, status) => {
    await allowCreateOnPing();
    expect((await send(slugUrl(await teamPingKey(), slug, rest))).status).toBe(status);
    expect(await monitorsWithSlug(slug)).toEqual([]);
    expect(await monitorsWithSlug(slug.toLowerCase())).toEqual([]);
  });
});

describe("when the team does not allow it", () => {
  // healthchecks creates on ?create=1 alone; lubdub also needs the team's create_on_ping (a deliberate
  // difference: a leaked ping key must not let anyone fill the account with monitors).
  it("?create=1 is 404, creates nothing, and says how to turn creating on ping on", async () => {
    const key = await teamPingKey();
    // The ping key was right: the answer says what is off and how to turn it on, as plain text as every ping answer.
    expect(await send(slugUrl(key, "never-created", "?create=1"))).toMatchObject({
      status: 404,
      text: 'not found: no monitor has this slug, and creating one on ping (?create=1) is off for this team; turn it on with PATCH /api/v1/team {"create_on_ping": true}',
    });
    expect(await monitorsWithSlug("never-created")).toEqual([]);
  });

  it("without ?create=1 an unknown slug is the plain 404 it always was", async () => {
    const key = await teamPingKey();
    expect(await send(slugUrl(key, "never-created"))).toMatchObject({ status: 404, text: "not found" });
  });

  it("a wrong ping key is 404 and creates nothing, even when the team allows it", async () => {
    await allowCreateOnPing();
    const key = await teamPingKey();
    const otherKey = `${key.startsWith("f") ? "e" : "f"}${key.slice(1)}`;
    expect(await send(slugUrl(otherKey, "wrong-key", "?create=1"))).toMatchObject({ status: 404, text: "not found" });
    expect(await monitorsWithSlug("wrong-key")).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { api, createWebhookChannel, ping, T0, useFakeClock } from "../../helpers";

/** Monitors a ping creates (?create=1) get the team's default channels, so they alert somebody. */
useFakeClock(T0);

const team = async () => (await api("GET", "/api/v1/team")).body;
const createByPing = async (slug: string) => ping(`http://lubdub.test/ping/${(await team()).ping_key}/${slug}?create=1`);
const monitorBySlug = async (slug: string) =>
  (await api("GET", "/api/v1/monitors?limit=100")).body.data.find((m: { slug: string }) => m.slug === slug);

describe("the team's default channels", () => {
  it("by default (null) a monitor created by a ping gets every channel of the team", async () => {
    const [a, b] = [await createWebhookChannel(), await createWebhookChannel()];
    await api("PATCH", "/api/v1/team", { create_on_ping: true });
    expect((await team()).default_channels).toBeNull();
    const res = await createByPing("gets-all");
    expect(res.status).toBe(201);
    expect((await monitorBySlug("gets-all")).channels).toEqual(expect.arrayContaining([a.id, b.id]));
  });

  it("once set, a monitor created by a ping gets exactly those", async () => {
    const [chosen] = [await createWebhookChannel(), await createWebhookChannel()];
    const patched = await api("PATCH", "/api/v1/team", { create_on_ping: true, default_channels: [chosen.id] });
    expect(patched.body.default_channels).toEqual([chosen.id]);
    await createByPing("gets-chosen");
    expect((await monitorBySlug("gets-chosen")).channels).toEqual([chosen.id]);
    expect((await api("PATCH", "/api/v1/team", { default_channels: null })).body.default_channels).toBeNull();
  });

  it("an unknown channel is a 400 naming the field, and changes nothing", async () => {
    const before = await team();
    const unknown = `chn_${"a".repeat(26)}`;
    const res = await api("PATCH", "/api/v1/team", { create_on_ping: !before.create_on_ping, default_channels: [unknown] });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([{ path: "default_channels[0]", message: `no channel ${unknown}` }]);
    expect(await team()).toEqual(before);
  });

  it("a deleted channel leaves the list; a list left empty goes back to every channel", async () => {
    const [kept, dropped] = [await createWebhookChannel(), await createWebhookChannel()];
    await api("PATCH", "/api/v1/team", { default_channels: [kept.id, dropped.id] });
    await api("DELETE", `/api/v1/channels/${dropped.id}`);
    expect((await team()).default_channels).toEqual([kept.id]);
    await api("DELETE", `/api/v1/channels/${kept.id}`);
    expect((await team()).default_channels).toBeNull();
  });
});

describe("a monitor created through the API without channels gets the team's default channels", () => {
  /** A team of its own (the super-admin's header), so the other tests' channels are not its channels. */
  async function freshTeam(name: string) {
    const id: string = (await api("POST", "/api/v1/teams", { name })).body.id;
    const as = { "X-Lubdub-Team": id };
    const channel = async () =>
      (await api("POST", "/api/v1/channels", { type: "webhook", name: "hook", url: "http://receiver.test/hook" }, as)).body.id as string;
    const create = async (fields: Record<string, unknown>) => {
      const res = await api("POST", "/api/v1/monitors", { name: "job", interval: "1d", ...fields }, as);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body as { channels: string[]; escalation: { after: number; channels: string[] }[] };
    };
    const setDefaults = async (ids: string[] | null) =>
      expect((await api("PATCH", "/api/v1/team", { default_channels: ids }, as)).status).toBe(200);
    return { channel, create, setDefaults };
  }

  it("the team's default_channels when it names some; an explicit [] stays empty", async () => {
    const team = await freshTeam("named defaults");
    const [chosen] = [await team.channel(), await team.channel()];
    await team.setDefaults([chosen]);
    expect((await team.create({})).channels).toEqual([chosen]);
    expect((await team.create({ channels: [] })).channels).toEqual([]);
  });

  it("every channel of the team while default_channels is null, as for a monitor a ping creates", async () => {
    const team = await freshTeam("every channel");
    const [a, b] = [await team.channel(), await team.channel()];
    expect((await team.create({})).channels.sort()).toEqual([a, b].sort());
  });

  it("escalation steps given: no default channels are added", async () => {
    const team = await freshTeam("escalation");
    const [first, later] = [await team.channel(), await team.channel()];
    await team.setDefaults([first]);
    const escalation = [
      { after: 0, channels: [first] },
      { after: 600, channels: [later] },
    ];
    expect(await team.create({ escalation })).toMatchObject({ channels: [], escalation });
  });

  it("a team without channels: none, and the monitor is still created", async () => {
    const team = await freshTeam("no channels");
    expect((await team.create({})).channels).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { channelTypes } from "../../src/channels/registry";
import { channelFields } from "../../src/pages/channels/channel-fields";
import { advanceTo, api, interceptFetch, M, ping, settle, T0, useFakeClock } from "../helpers";
import { bearer, pageHtml, postPage, type TeamFixture, teamWriter } from "../teams-helpers";

// /app/channels: the list with states and last results, forms generated from the registry, edit, test, delete, retry.

useFakeClock(T0);

const html = pageHtml;
const post = postPage;
const writer = teamWriter;
const channelsOf = async (team: TeamFixture) => (await api("GET", "/api/v1/channels", undefined, bearer(team.write))).body.data;
async function webhook(team: TeamFixture, name = "ops hook") {
  const res = await api("POST", "/api/v1/channels", { type: "webhook", name, url: "http://receiver.test/hook" }, bearer(team.write));
  return res.body as { id: string; config: { secret: string } };
}

describe("the channels list", () => {
  it("shows each channel's state in words and its last delivery's result", async () => {
    const { team, session } = await writer("channels-list");
    interceptFetch(() => new Response("gone", { status: 410 }));
    const broken = await webhook(team, "old hook");
    await webhook(team, "quiet hook");
    const monitor = await api(
      "POST",
      "/api/v1/monitors",
      { name: "job", interval: 60, grace: 0, channels: [broken.id] },
      bearer(team.write),
    );
    await ping(monitor.body.ping_url);
    await settle(monitor.body.id);
    await advanceTo(monitor.body.id, T0 + 2 * M);

    const { status, text } = await html("/app/channels", session);
    expect(status).toBe(200);
    const row = (name: string) => text.slice(text.indexOf(`>${name}</a>`), text.indexOf("</tr>", text.indexOf(`>${name}</a>`)));
    expect(row("old hook")).toMatch(/class="channel-failing">failing: [^<]+</);
    expect(row("old hook")).toContain("failed (HTTP 410: gone), 1 attempt");
    expect(row("quiet hook")).toContain('class="channel-ok">ok<');
    expect(row("quiet hook")).toContain("none yet");
    expect(row("quiet hook")).toContain('action="/app/channels/');
  });
});

describe("the channel forms", () => {
  it("are generated from the registry: every field of every kind, named as the API's", async () => {
    const { session } = await writer("channels-forms");
    for (const type of channelTypes()) {
      const { status, text } = await html(`/app/channels/new?type=${type}`, session);
      expect(status, type).toBe(200);
      expect(text).toContain(`<input type="hidden" name="type" value="${type}"/>`);
      expect(text).toContain('name="name"');
      expect(channelFields(type).length, type).toBeGreaterThan(0);
      for (const field of channelFields(type))
        expect(text, `${type}.${field.name}`).toMatch(new RegExp(`<(input|select|textarea)[^>]* name="${field.name}"`));
    }
    const pagerduty = await html("/app/channels/new?type=pagerduty", session);
    expect(pagerduty.text).toMatch(
      /<select id="ch-severity" name="severity"[^>]*><option value="">\(default\)<\/option><option value="critical">/,
    );
    expect(pagerduty.text).toMatch(/<input type="password" id="ch-routing_key" name="routing_key"/);
  });

  it("create a webhook, showing its secret this once; the API's errors appear beside their fields and create nothing", async () => {
    const { team, session } = await writer("channels-create");
    const bad = await post("/app/channels", session, { type: "webhook", name: "hook", url: "receiver.test/hook", headers: "Host: evil" });
    expect(bad.status).toBe(400);
    expect(bad.text).toMatch(
      /<span class="field-error" id="ch-url-error">[^<]*must start with https:\/\/|<span class="field-error" id="ch-url-error">[^<]+</,
    );
    expect(bad.text).toMatch(/<span class="field-error" id="ch-headers-error">Host: [^<]+<\/span>/);
    expect(bad.text).toContain('value="receiver.test/hook"');
    expect(await channelsOf(team)).toEqual([]);

    const created = await post("/app/channels", session, {
      type: "webhook",
      name: "deploy hook",
      url: "http://receiver.test/deploy",
      headers: "X-Api-Key: abc123\nX-Team: ops",
    });
    expect(created.status).toBe(200);
    const [stored] = await channelsOf(team);
    expect(stored).toMatchObject({ type: "webhook", name: "deploy hook", config: { url: "http://receiver.test/deploy" } });
    expect(Object.keys(stored.config.headers)).toEqual(["X-Api-Key", "X-Team"]);
    expect(created.text).toMatch(/id="revealed-config">[^<]*whsec_[A-Za-z0-9+/=]+/);
    expect(created.text).toContain("abc123");
    expect((await html(`/app/channels/${stored.id}`, session)).text).not.toContain("abc123");
  });

  it("edit a channel, keeping a secret left empty; another team's channel is not found", async () => {
    const { team, session } = await writer("channels-edit");
    const channel = await webhook(team);
    const form = await html(`/app/channels/${channel.id}`, session);
    expect(form.text).toContain('value="http://receiver.test/hook"');
    expect(form.text).not.toContain(channel.config.secret);
    const saved = await post(`/app/channels/${channel.id}`, session, { name: "renamed", url: "http://receiver.test/new", secret: "" });
    expect(saved).toMatchObject({ status: 303, location: `/app/channels/${channel.id}?done=saved` });
    const [after] = await channelsOf(team);
    expect(after).toMatchObject({ name: "renamed", config: { url: "http://receiver.test/new" } });
    const reveal = await api("GET", `/api/v1/channels/${channel.id}`, undefined, bearer(team.write));
    expect(reveal.body.config.secret).toBe(after.config.secret);

    const refused = await post(`/app/channels/${channel.id}`, session, { name: "x", secret: "not-a-secret" });
    expect(refused.status).toBe(400);
    expect(refused.text).toMatch(/id="ch-secret-error">[^<]+</);

    const other = await writer("channels-edit-other");
    expect((await html(`/app/channels/${channel.id}`, other.session)).status).toBe(404);
    expect((await post(`/app/channels/${channel.id}`, other.session, { name: "mine now" })).status).toBe(404);
  });
});

describe("a channel's events on its form", () => {
  it("are checkboxes, all ticked for a new channel; the ticked ones are saved, shown on edit, and none ticked is refused", async () => {
    const { team, session } = await writer("channels-events");
    const blank = await html("/app/channels/new?type=slack", session);
    for (const event of ["opened", "closed", "reminder", "escalation"]) {
      expect(blank.text).toMatch(new RegExp(`<input type="checkbox" name="events:${event}" checked=""`));
    }
    const created = await post("/app/channels", session, {
      type: "webhook",
      name: "pager",
      url: "http://receiver.test/pager",
      events: "shown",
      "events:opened": "on",
      "events:escalation": "on",
    });
    expect(created.status).toBe(200);
    const [stored] = await channelsOf(team);
    expect(stored.events).toEqual(["opened", "escalation"]);
    const form = await html(`/app/channels/${stored.id}`, session);
    expect(form.text).toMatch(/<input type="checkbox" name="events:opened" checked=""/);
    expect(form.text).toMatch(/<input type="checkbox" name="events:closed"\/>/);

    const refused = await post(`/app/channels/${stored.id}`, session, { name: "pager", events: "shown" });
    expect(refused.status).toBe(400);
    expect(refused.text).toMatch(/id="ch-events-error">[^<]+</);
    expect((await channelsOf(team))[0].events).toEqual(["opened", "escalation"]);
  });
});

describe("a channel's actions", () => {
  it("send a test message and show the receiver's answer", async () => {
    const { team, session } = await writer("channels-test");
    const channel = await webhook(team);
    const receiver = interceptFetch((_, n) => (n === 1 ? new Response("pong from receiver") : new Response("nope", { status: 500 })));
    const ok = await post(`/app/channels/${channel.id}/test`, session);
    expect(ok.status).toBe(200);
    expect(ok.text).toContain("Test message delivered</strong>: the receiver answered HTTP 200");
    expect(ok.text).toContain("pong from receiver");
    expect(JSON.parse(receiver.captured[0]?.body ?? "{}").test).toBe(true);
    const failed = await post(`/app/channels/${channel.id}/test`, session);
    expect(failed.text).toContain("Test message not delivered</strong>: the receiver answered HTTP 500");
  });

  it("delete only when confirmed", async () => {
    const { team, session } = await writer("channels-delete");
    const channel = await webhook(team);
    expect((await post(`/app/channels/${channel.id}/delete`, session)).status).toBe(400);
    expect(await channelsOf(team)).toHaveLength(1);
    const deleted = await post(`/app/channels/${channel.id}/delete`, session, { confirm: "yes" });
    expect(deleted).toMatchObject({ status: 303, location: "/app/channels?done=deleted" });
    expect(await channelsOf(team)).toEqual([]);
    expect((await html("/app/channels?done=deleted", session)).text).toContain("Channel deleted.");
  });

  it("retry a failed delivery from the channel's log", async () => {
    const { team, session } = await writer("channels-retry");
    const receiver = interceptFetch(() => new Response("gone", { status: 410 }));
    const channel = await webhook(team);
    const monitor = await api(
      "POST",
      "/api/v1/monitors",
      { name: "job", interval: 60, grace: 0, channels: [channel.id] },
      bearer(team.write),
    );
    await ping(monitor.body.ping_url);
    await settle(monitor.body.id);
    await advanceTo(monitor.body.id, T0 + 2 * M);
    const log = await html(`/app/channels/${channel.id}`, session);
    const action = /action="(\/app\/channels\/[^"]+\/retry)"/.exec(log.text)?.[1] ?? "";
    expect(log.text).toContain("failed (HTTP 410: gone), 1 attempt");
    expect(receiver.captured).toHaveLength(1);
    const retried = await post(action, session);
    expect(retried).toMatchObject({ status: 303, location: `/app/channels/${channel.id}?done=retried#channel-deliveries` });
    await settle(monitor.body.id);
    expect(receiver.captured).toHaveLength(2);
  });
});

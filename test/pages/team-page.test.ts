import { describe, expect, it } from "vitest";
import { api, signIn, T0, useFakeClock } from "../helpers";
import { bearer, createTeamWithKeys, pageHtml, postPage, type TeamFixture, teamWriter } from "../teams-helpers";

// /app/team: keys (created and shown once, revoked), default channels, maintenance windows, badges, status page.

useFakeClock(T0);

const html = pageHtml;
const post = postPage;
const teamView = async (team: TeamFixture) => (await api("GET", "/api/v1/team", undefined, bearer(team.write))).body;
const writer = teamWriter;

describe("the team page: API keys", () => {
  it("creates a key shown this once, which then works; revoking it refuses its next request", async () => {
    const { team, session } = await writer("team-keys");
    const before = await html("/app/team", session);
    expect(before.status).toBe(200);
    expect(before.text).toContain("<h1>Team team-keys</h1>");
    expect(before.text).toContain('action="/app/team/keys"');

    const created = await post("/app/team/keys", session, { name: "ci deploys", scope: "read" });
    expect(created.status).toBe(200);
    const key = /<code class="secret-once" id="new-key">(lbd_[^<]+)<\/code>/.exec(created.text)?.[1] ?? "";
    expect(key).toMatch(/^lbd_/);
    expect(created.text).toContain("New read key “ci deploys”");
    expect((await api("GET", "/api/v1/monitors", undefined, bearer(key))).status).toBe(200);
    expect((await html("/app/team", session)).text).not.toContain(key);

    const keys = (await api("GET", `/api/v1/teams/${team.id}/keys`, undefined, bearer(team.write))).body.data;
    const id = keys.find((k: { name: string }) => k.name === "ci deploys").id;
    const revoked = await post(`/app/team/keys/${id}/revoke`, session);
    expect(revoked.status).toBe(303);
    expect(revoked.location).toBe("/app/team?done=key-revoked#api-keys");
    expect((await api("GET", "/api/v1/monitors", undefined, bearer(key))).status).toBe(401);
    const after = await html(revoked.location ?? "", session);
    expect(after.text).toContain("The key is revoked");
    expect(after.text).toMatch(/ci deploys<\/td>(.(?!<\/tr>))*revoked/s);
  });

  it("shows the API's error beside the name and creates nothing; another team's key is not found", async () => {
    const { team, session } = await writer("team-key-errors");
    const refused = await post("/app/team/keys", session, { name: "  ", scope: "write" });
    expect(refused.status).toBe(400);
    expect(refused.text).toMatch(/<span class="field-error" id="key-name-error">[^<]+<\/span>/);
    const keys = (await api("GET", `/api/v1/teams/${team.id}/keys`, undefined, bearer(team.write))).body.data;
    expect(keys).toHaveLength(2);

    const other = await createTeamWithKeys("team-key-other");
    const res = await post(`/app/team/keys/${other.readKeyId}/revoke`, session);
    expect(res.status).toBe(404);
    expect((await api("GET", "/api/v1/monitors", undefined, bearer(other.read))).status).toBe(200);
  });
});

describe("the team page: settings", () => {
  it("sets the default channels to chosen ones or every channel, refusing an unknown one", async () => {
    const { team, session } = await writer("team-channels");
    const mk = async (name: string) =>
      (await api("POST", "/api/v1/channels", { type: "webhook", name, url: "http://receiver.test/x" }, bearer(team.write))).body
        .id as string;
    const [a] = [await mk("pager"), await mk("chat")];
    const saved = await post("/app/team/default-channels", session, { default_channels_mode: "chosen", default_channels: a ?? "" });
    expect(saved.status).toBe(303);
    expect((await teamView(team)).default_channels).toEqual([a]);
    expect((await html("/app/team", session)).text).toMatch(new RegExp(`value="${a}" checked`));

    const bad = await post("/app/team/default-channels", session, {
      default_channels_mode: "chosen",
      default_channels: "chn_aaaaaaaaaaaaaaaaaaaaaaaaaa",
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('id="default-channels-error"');
    expect((await teamView(team)).default_channels).toEqual([a]);

    await post("/app/team/default-channels", session, { default_channels_mode: "all" });
    expect((await teamView(team)).default_channels).toBeNull();
  });

  it("adds and removes maintenance windows, with a bad cron shown beside its field", async () => {
    const { team, session } = await writer("team-windows");
    const added = await post("/app/team/maintenance", session, {
      kind: "recurring",
      cron: "0 3 * * 0",
      timezone: "Europe/Berlin",
      duration: "1h",
    });
    expect(added.status).toBe(303);
    await post("/app/team/maintenance", session, { kind: "once", starts_at: "2100-02-01T22:00:00Z", ends_at: "2100-02-02T02:00:00Z" });
    expect((await teamView(team)).maintenance).toEqual([
      { cron: "0 3 * * 0", timezone: "Europe/Berlin", duration: 3600 },
      { starts_at: "2100-02-01T22:00:00.000Z", ends_at: "2100-02-02T02:00:00.000Z" },
    ]);
    const shown = await html("/app/team", session);
    expect(shown.text).toContain("From each &quot;0 3 * * 0&quot; (Europe/Berlin), for 1h");

    const bad = await post("/app/team/maintenance", session, { kind: "recurring", cron: "61 * * * *", duration: "1h" });
    expect(bad.status).toBe(400);
    expect(bad.text).toMatch(/<span class="field-error" id="mw-cron-error">[^<]+<\/span>/);
    expect(bad.text).toContain('value="61 * * * *"');
    expect((await teamView(team)).maintenance).toHaveLength(2);

    expect((await post("/app/team/maintenance/0/delete", session)).status).toBe(303);
    expect((await teamView(team)).maintenance).toEqual([{ starts_at: "2100-02-01T22:00:00.000Z", ends_at: "2100-02-02T02:00:00.000Z" }]);
    expect((await post("/app/team/maintenance/5/delete", session)).status).toBe(404);
  });

  it("shows badge snippets from the badge key, and rotates it", async () => {
    const { team, session } = await writer("team-badges");
    const key = (await teamView(team)).badge_key;
    const shown = await html("/app/team", session);
    expect(shown.text).toContain(`![status](http://lubdub.test/badge/${key}/&lt;slug or id&gt;.svg)`);
    expect(shown.text).toContain(`&lt;img src=&quot;http://lubdub.test/badge/${key}/tag/&lt;tag&gt;.svg&quot; alt=&quot;status&quot;&gt;`);
    expect((await post("/app/team/badge-key/rotate", session)).status).toBe(303);
    expect((await teamView(team)).badge_key).not.toBe(key);
  });

  it("turns the status page on with a tag, refuses a bad tag, rotates its URL and turns it off", async () => {
    const { team, session } = await writer("team-status");
    expect((await html("/app/team", session)).text).toContain("Turn on status page");
    const bad = await post("/app/team/status-page", session, { tag: "Not a tag" });
    expect(bad.status).toBe(400);
    expect(bad.text).toMatch(/<span class="field-error" id="sp-tag-error">tag: [^<]+<\/span>/);
    expect((await teamView(team)).status_page).toBeNull();

    expect((await post("/app/team/status-page", session, { tag: "prod" })).location).toBe("/app/team?done=status-on#status-page");
    const on = (await teamView(team)).status_page;
    expect(on.tag).toBe("prod");
    expect((await html("/app/team", session)).text).toContain(`<a href="${on.url}">${on.url}</a>`);
    await post("/app/team/status-page/rotate", session);
    expect((await teamView(team)).status_page.url).not.toBe(on.url);
    await post("/app/team/status-page/disable", session);
    expect((await teamView(team)).status_page).toBeNull();
  });
});

describe("the team page for other sessions", () => {
  it("a read key's session sees the settings without forms", async () => {
    const team = await createTeamWithKeys("team-read");
    const { text } = await html("/app/team", await signIn(team.read));
    expect(text).toContain("read-only: sign in with a write key");
    expect(text).toContain("Badge key:");
    for (const action of ["/app/team/keys", "/app/team/maintenance", "/app/team/status-page", "/app/team/badge-key/rotate", "/revoke"]) {
      expect(text).not.toContain(`action="${action}`);
    }
  });

  it("the admin token's session sees the team it acts on, and the team switcher", async () => {
    const { text } = await html("/app/team", await signIn());
    expect(text).toContain("<code>team_default</code>");
    expect(text).toContain('<a href="/app/switch-team">Switch team</a>');
  });
});

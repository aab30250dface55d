import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { readStoredChannelConfig } from "../../src/channels/stored";
import { ObjectStore } from "../../src/do/storage/object-store";
import { advanceTo, api, createMonitor, createWebhookChannel, interceptFetch, ping, S, settle, stub, T0, useFakeClock } from "../helpers";

// Channel configurations in D1 are read through their kind's schema, never cast: rows written by the
// release before versions (no envelope) or with the channel configurations' own envelope `v` read as
// before, and a field added later gets its default. Rows are written with `version`, as every stored format.

useFakeClock(T0);

const SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2La/Sw+";

/** Inserts a channel row exactly as the release before this one wrote it. */
async function insertRow(id: string, type: string, config: string): Promise<void> {
  await env.DB.prepare(
    "INSERT INTO channels (id, type, name, config, status, failing_reason, created_at, updated_at) VALUES (?, ?, ?, ?, 'ok', NULL, 1, 1)",
  )
    .bind(id, type, `old ${type}`, config)
    .run();
}

describe("channel rows written by the previous release", () => {
  it("read back through the API exactly as they were written", async () => {
    await insertRow(
      "chn_oldwebhookoldwebhookoldweb",
      "webhook",
      `{"type":"webhook","url":"https://receiver.example/hook","secret":"${SECRET}","headers":{"X-Api-Key":"k-123"}}`,
    );
    await insertRow("chn_oldntfyoldntfyoldntfyoldnt", "ntfy", '{"type":"ntfy","server":"https://ntfy.sh","topic":"backups","token":null}');
    await insertRow(
      "chn_oldtelegramoldtelegramoldt",
      "telegram",
      '{"type":"telegram","bot_token":"123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw","chat_id":"-100"}',
    );

    expect((await api("GET", "/api/v1/channels/chn_oldwebhookoldwebhookoldweb")).body).toMatchObject({
      type: "webhook",
      name: "old webhook",
      config: { url: "https://receiver.example/hook", secret: "whsec_MfKQ…/Sw+", headers: { "X-Api-Key": "••••" } },
    });
    expect((await api("GET", "/api/v1/channels/chn_oldntfyoldntfyoldntfyoldnt")).body.config).toEqual({
      server: "https://ntfy.sh",
      topic: "backups",
      token: null,
    });
    expect((await api("GET", "/api/v1/channels/chn_oldtelegramoldtelegramoldt")).body.config).toEqual({
      bot_token: "••••Dsaw",
      chat_id: "-100",
    });
  });

  it("a field the row predates gets its kind's default (a webhook stored without custom headers)", async () => {
    await insertRow(
      "chn_noheadersnoheadersnoheader",
      "webhook",
      `{"type":"webhook","url":"https://receiver.example/hook","secret":"${SECRET}"}`,
    );
    expect((await api("GET", "/api/v1/channels/chn_noheadersnoheadersnoheader")).body.config.headers).toEqual({});
  });
});

const configOf = async (id: string) =>
  JSON.parse((await env.DB.prepare("SELECT config FROM channels WHERE id = ?").bind(id).first<{ config: string }>())?.config ?? "");

describe("channel rows written with their own envelope `v` (the release before the common `version`)", () => {
  it("read back through the API, and an edit writes them with `version` and without `v`", async () => {
    await insertRow(
      "chn_oldvenvelopeoldvenvelopeol",
      "ntfy",
      '{"v":1,"type":"ntfy","server":"https://ntfy.sh","topic":"backups","token":"tk_secret"}',
    );
    expect((await api("GET", "/api/v1/channels/chn_oldvenvelopeoldvenvelopeol")).body.config).toEqual({
      server: "https://ntfy.sh",
      topic: "backups",
      token: "••••",
    });
    expect((await api("PATCH", "/api/v1/channels/chn_oldvenvelopeoldvenvelopeol", { topic: "nightly" })).status).toBe(200);
    expect(await configOf("chn_oldvenvelopeoldvenvelopeol")).toEqual({
      version: 1,
      type: "ntfy",
      server: "https://ntfy.sh",
      topic: "nightly",
      token: "tk_secret",
    });
  });

  it("kept in a monitor's object (its channel cache) still deliver there", async () => {
    const channel = await createWebhookChannel("http://in-d1.test/hook");
    const monitor = await createMonitor({ name: "cached", interval: 60, channels: [channel.id] });
    await ping(monitor.ping_url);
    await settle(monitor.id);
    // The cache as the release before wrote it, with a URL D1 does not have: a delivery that reads it goes there.
    const entry = {
      type: "webhook",
      updatedAt: T0,
      config: { v: 1, type: "webhook", url: "http://cached.test/hook", secret: channel.config.secret },
    };
    const cache = JSON.stringify({ version: 1, complete: true, channels: { [channel.id]: entry } });
    await runInDurableObject(stub(monitor.id), (_, state) => new ObjectStore(state.storage).write("channels", cache));

    const receiver = interceptFetch();
    await advanceTo(monitor.id, T0 + 61 * S);
    expect(receiver.captured.map((r) => new URL(r.url).host)).toEqual(["cached.test"]);
  });
});

describe("channel rows this release writes", () => {
  it("carry the version of their format, as every stored format does", async () => {
    const { id } = (await api("POST", "/api/v1/channels", { type: "ntfy", name: "n", topic: "t" })).body;
    expect(await configOf(id)).toEqual({ version: 1, type: "ntfy", server: "https://ntfy.sh", topic: "t", token: null });
  });

  it("a configuration from a newer release, or one that does not fit its kind, is refused rather than guessed at", () => {
    const ntfy = { type: "ntfy", server: "https://ntfy.sh", topic: "t", token: null };
    expect(() => readStoredChannelConfig("ntfy", { version: 2, ...ntfy })).toThrow(/has version 2; this release reads up to 1/);
    expect(() => readStoredChannelConfig("ntfy", { v: 2, ...ntfy })).toThrow(/written by a newer release/);
    expect(() => readStoredChannelConfig("pagerduty", { type: "pagerduty", routing_key: "k", severity: "apocalyptic" })).toThrow(
      /pagerduty channel configuration \(version 0\) does not parse/,
    );
  });
});

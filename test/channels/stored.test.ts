import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { readStoredChannelConfig } from "../../src/channels/stored";
import { api } from "../helpers";

// Channel configurations in D1 are read through their kind's schema, never cast: rows written by the
// release before versions (no `v`) read as before, and a field added later gets its default.

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

describe("channel rows this release writes", () => {
  it("carry the version of their format", async () => {
    const { id } = (await api("POST", "/api/v1/channels", { type: "ntfy", name: "n", topic: "t" })).body;
    const row = await env.DB.prepare("SELECT config FROM channels WHERE id = ?").bind(id).first<{ config: string }>();
    expect(JSON.parse(row?.config ?? "")).toEqual({ v: 1, type: "ntfy", server: "https://ntfy.sh", topic: "t", token: null });
  });

  it("a configuration from a newer release, or one that does not fit its kind, is refused rather than guessed at", () => {
    expect(() => readStoredChannelConfig("ntfy", { v: 2, type: "ntfy", server: "https://ntfy.sh", topic: "t", token: null })).toThrow(
      /written by a newer release/,
    );
    expect(() => readStoredChannelConfig("pagerduty", { type: "pagerduty", routing_key: "k", severity: "apocalyptic" })).toThrow();
  });
});

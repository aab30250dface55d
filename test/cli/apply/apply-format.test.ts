import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { lubdubJsonSchema, readLubdubFile } from "../../../cli/apply/format";
import { CHANNEL_SECRETS } from "../../../cli/apply/secrets";
import { channelKind, channelTypes } from "../../../src/channels/registry";

/** The monitors-as-code file format (cli/apply/format.ts) and its committed JSON Schema. */

const issuesOf = (raw: unknown): string[] => {
  const read = readLubdubFile(raw);
  return read.ok ? [] : read.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
};

describe("the file format", () => {
  it("accepts a monitor by slug with an interval or a schedule, channels by name, secrets from the environment", () => {
    expect(
      issuesOf({
        channels: { ops: { type: "ntfy", topic: "ops", token: { env: "NTFY_TOKEN" } } },
        monitors: {
          backup: { schedule: "@daily", timezone: "Europe/Berlin", grace: "30m", channels: ["ops"], tags: ["prod"] },
          queue: { interval: 300, maintenance: [{ cron: "0 3 * * 0", duration: "1h" }] },
        },
      }),
    ).toEqual([]);
  });

  it("refuses a secret written into the file, and names the field", () => {
    expect(issuesOf({ channels: { ops: { type: "ntfy", topic: "ops", token: "tk_literal" } } })).toEqual([
      "channels.ops.token: Invalid input: expected object, received string",
    ]);
    expect(issuesOf({ channels: { hook: { type: "webhook", url: "https://x.example", headers: { "X-Key": "literal" } } } })).toHaveLength(
      1,
    );
  });

  it("refuses what the API would refuse, with the API's messages", () => {
    const issues = issuesOf({
      monitors: {
        Bad_Slug: { interval: 60 },
        both: { interval: 60, schedule: "@daily" },
        neither: { grace: 60 },
        cron: { schedule: "61 * * * *" },
        short: { interval: "5 minutes" },
        zone: { interval: 60, timezone: "Europe/Berlin" },
      },
    });
    expect(issues.join("\n")).toMatch(/monitors\.Bad_Slug: Invalid key/);
    expect(issues).toContain("monitors.both.schedule: use either interval or schedule, not both");
    expect(issues).toContain("monitors.neither.interval: required: an interval or a schedule");
    expect(issues).toContain("monitors.zone.timezone: a timezone needs a cron schedule");
    expect(issues.some((issue) => issue.startsWith("monitors.cron.schedule:"))).toBe(true);
    expect(issues.some((issue) => issue.startsWith("monitors.short.interval:"))).toBe(true);
    expect(issuesOf({ monitors: { x: { interval: 60, colour: "red" } } })).toEqual([expect.stringMatching(/colour/)]);
  });
});

describe("channel secrets table", () => {
  it("covers every channel kind, and masks exactly the fields the API masks", () => {
    expect(Object.keys(CHANNEL_SECRETS).sort()).toEqual(channelTypes().sort());
    const long = "abcdefghijklmnopqrstuvwxyz012345";
    const samples: Record<string, Record<string, unknown>> = {
      webhook: { url: "https://hooks.example/x", secret: `whsec_${"A".repeat(40)}`, headers: { "X-Key": long } },
      slack: { url: `https://hooks.slack.com/services/${long}` },
      discord: { url: `https://discord.com/api/webhooks/${long}` },
      teams: { url: `https://example.webhook.office.com/${long}` },
      pagerduty: { routing_key: long },
      opsgenie: { api_key: long },
      ntfy: { topic: "ops", token: `tk_${long}` },
      telegram: { bot_token: `123:${long}`, chat_id: "42" },
    };
    for (const type of channelTypes()) {
      const kind = channelKind(type);
      const config = kind.configFromInput({ type, name: "n", ...samples[type] });
      const shown = kind.publicConfig(config, false);
      const stored = kind.publicConfig(config, true);
      const maskedByApi = Object.keys(shown).filter((field) => JSON.stringify(shown[field]) !== JSON.stringify(stored[field]));
      const table = CHANNEL_SECRETS[type] ?? [];
      expect(maskedByApi.sort(), type).toEqual(table.map((secret) => secret.field).sort());
      for (const secret of table.filter((s) => !s.map)) {
        expect(secret.mask(String(stored[secret.field])), `${type}.${secret.field}`).toBe(shown[secret.field]);
      }
    }
  });
});

describe("lubdub.schema.json", () => {
  it("is the JSON Schema generated from the zod format (compared as JSON, so Biome may format the file)", () => {
    const committed: unknown = JSON.parse(readFileSync(new URL("../../../lubdub.schema.json", import.meta.url), "utf8"));
    const regenerate = "stale: run `node bin/lubdub.mjs schema > lubdub.schema.json && npx biome format --write lubdub.schema.json`";
    expect(committed, regenerate).toEqual(lubdubJsonSchema());
  });
});

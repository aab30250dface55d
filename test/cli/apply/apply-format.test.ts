import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { lubdubJsonSchema, readLubdubFile } from "../../../cli/apply/format";

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
    // The message says how a secret is written, not only which type zod expected.
    expect(issuesOf({ channels: { ops: { type: "ntfy", topic: "ops", token: "tk_literal" } } })).toEqual([
      "channels.ops.token: a secret is not written in the file: name the environment variable that holds it, {env: NAME}",
    ]);
    expect(issuesOf({ channels: { hook: { type: "webhook", url: "https://x.example", headers: { "X-Key": "literal" } } } })).toEqual([
      "channels.hook.headers.X-Key: a secret is not written in the file: name the environment variable that holds it, {env: NAME}",
    ]);
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
    expect(issues).toContain(
      "monitors.Bad_Slug: not a slug: a slug is 1 to 100 lower-case letters, digits, '-' and '_' (such as nightly-backup)",
    );
    expect(issues).toContain("monitors.both.schedule: use either interval or schedule, not both");
    expect(issues).toContain("monitors.neither.interval: required: an interval or a schedule");
    expect(issues).toContain("monitors.zone.timezone: a timezone needs a cron schedule");
    expect(issues.some((issue) => issue.startsWith("monitors.cron.schedule:"))).toBe(true);
    expect(issues.some((issue) => issue.startsWith("monitors.short.interval:"))).toBe(true);
    expect(issuesOf({ monitors: { x: { interval: 60, colour: "red" } } })).toEqual([expect.stringMatching(/colour/)]);
  });
});

describe("lubdub.schema.json", () => {
  it("is the JSON Schema generated from the zod format (compared as JSON, so Biome may format the file)", () => {
    const committed: unknown = JSON.parse(readFileSync(new URL("../../../lubdub.schema.json", import.meta.url), "utf8"));
    const regenerate = "stale: run `node bin/lubdub.mjs schema > lubdub.schema.json && npx biome format --write lubdub.schema.json`";
    expect(committed, regenerate).toEqual(lubdubJsonSchema());
  });
});

import { describe, expect, it } from "vitest";
import { api } from "./helpers";

// A refused input says what to do, not only what is wrong: the messages a newcomer meets first (issue 17).
const detailsOf = async (path: string, body: unknown) => {
  const res = await api("POST", path, body);
  expect(res.status, JSON.stringify(res.body)).toBe(400);
  return res.body.error.details as { path: string; message: string }[];
};

describe("monitor input", () => {
  it("an empty body says `name: required`", async () => {
    // The schedule rule (interval or schedule) is a check across fields: zod runs it once the fields parse.
    expect(await detailsOf("/api/v1/monitors", {})).toEqual([{ path: "name", message: "required" }]);
  });

  it("a channel name where an id belongs: use the id (chn_…), or a client that looks names up", async () => {
    const [detail] = await detailsOf("/api/v1/monitors", { name: "job", interval: "1d", channels: ["ops"] });
    expect(detail).toEqual({
      path: "channels[0]",
      message:
        "not a channel id: use the channel's id (chn_…, as GET /api/v1/channels lists it); the CLI's --channel and a monitors-as-code file take channel names",
    });
  });

  it("a bad slug: the message states the slug rule", async () => {
    expect(await detailsOf("/api/v1/monitors", { name: "job", interval: "1d", slug: "Nightly Backup" })).toEqual([
      { path: "slug", message: "a slug is 1 to 100 lower-case letters, digits, '-' and '_' (such as nightly-backup)" },
    ]);
  });

  it("durations: 1h30m is accepted wherever a duration is", async () => {
    const body = { name: "job", interval: "1h30m", grace: "1h30m", maintenance: [{ cron: "0 3 * * 0", duration: "1h30m" }] };
    const res = await api("POST", "/api/v1/monitors", body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ interval: 5400, grace: 5400, maintenance: [{ duration: 5400 }] });
  });

  it("a time-zone abbreviation is refused with the IANA name to use, in schedules and maintenance windows", async () => {
    const hint = expect.stringContaining("use a name such as America/Los_Angeles");
    expect(await detailsOf("/api/v1/monitors", { name: "job", schedule: "0 2 * * *", timezone: "PST" })).toEqual([
      { path: "timezone", message: hint },
    ]);
    const window = { cron: "0 3 * * 0", timezone: "PST", duration: "1h" };
    expect(await detailsOf("/api/v1/monitors", { name: "job", interval: "1d", maintenance: [window] })).toEqual([
      { path: "maintenance[0].timezone", message: hint },
    ]);
    for (const timezone of ["UTC", "Etc/GMT+8", "America/Los_Angeles"]) {
      expect((await api("POST", "/api/v1/monitors", { name: "job", schedule: "0 2 * * *", timezone })).status).toBe(201);
    }
  });
});

describe("channel input", () => {
  it("a URL without its scheme: it must start with https://", async () => {
    const url = "hooks.slack.com/services/T0/B0/x";
    const [detail] = await detailsOf("/api/v1/channels", { type: "slack", name: "ops", url });
    expect(detail?.path).toBe("url");
    expect(detail?.message).toMatch(/^must start with https:\/\/ \(https:\/\/hooks\.slack\.com\/services\/T0\/B0\/x\)/);
  });
});

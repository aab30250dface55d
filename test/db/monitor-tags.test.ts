import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { advanceTo, api, createMonitor, createWebhookChannel, interceptFetch, ping, S, settle, T0, useFakeClock } from "../helpers";
import { bearer, createTeamWithKeys } from "../teams-helpers";

// Tags on monitors: validated, shown, stored in D1 (monitor_tags) with the config, and used by the list filters.

useFakeClock(T0);

const namesOf = async (query: string, headers: Record<string, string> = {}) => {
  const res = await api("GET", `/api/v1/monitors${query}`, undefined, headers);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return (res.body.data as { name: string }[]).map((m) => m.name).sort();
};

const tagRowsOf = async (monitorId: string) =>
  (
    await env.DB.prepare("SELECT tag FROM monitor_tags WHERE monitor_id = ? ORDER BY tag").bind(monitorId).all<{ tag: string }>()
  ).results.map((row) => row.tag);

describe("tags on a monitor", () => {
  it("are shown as given, default to none, and change with a patch (D1's index follows)", async () => {
    const plain = await createMonitor({ name: "plain" });
    expect(plain.tags).toEqual([]);
    const tagged = await createMonitor({ name: "tagged", tags: ["backup", "prod"] });
    expect(tagged.tags).toEqual(["backup", "prod"]);
    expect(await tagRowsOf(tagged.id)).toEqual(["backup", "prod"]);

    const patched = await api("PATCH", `/api/v1/monitors/${tagged.id}`, { tags: ["db"] });
    expect(patched.status).toBe(200);
    expect(patched.body.tags).toEqual(["db"]);
    expect((await api("GET", `/api/v1/monitors/${tagged.id}`)).body.tags).toEqual(["db"]);
    expect(await tagRowsOf(tagged.id)).toEqual(["db"]);

    // A patch without tags keeps them.
    await api("PATCH", `/api/v1/monitors/${tagged.id}`, { name: "renamed" });
    expect(await tagRowsOf(tagged.id)).toEqual(["db"]);

    await api("DELETE", `/api/v1/monitors/${tagged.id}`);
    expect(await tagRowsOf(tagged.id)).toEqual([]);
  });

  it.each([
    ["upper case", ["Backup"], "tags[0]"],
    ["a space", ["nightly backup"], "tags[0]"],
    ["33 characters", ["x".repeat(33)], "tags[0]"],
    ["an empty tag", [""], "tags[0]"],
    ["a leading dash", ["-x"], "tags[0]"],
    ["a duplicate", ["a", "a"], "tags"],
    ["eleven tags", Array.from({ length: 11 }, (_, i) => `t${i}`), "tags"],
    ["not a list", "backup", "tags"],
  ])("refuses %s with a 400 naming the field", async (_, tags, path) => {
    const res = await api("POST", "/api/v1/monitors", { name: "m", interval: 60, tags });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid_request");
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
  });

  it("accepts ten tags of 32 characters with digits, '-' and '_'", async () => {
    const tags = Array.from({ length: 10 }, (_, i) => `${i}-tag_${"x".repeat(26)}`);
    expect((await createMonitor({ name: "many", tags })).tags).toEqual(tags);
  });
});

describe("filtering the monitor list", () => {
  it("by tag (every tag given), status and name or slug substring, combined and paged", async () => {
    await createMonitor({ name: "Nightly Backup", slug: "db-dump", tags: ["backup", "prod"] });
    await createMonitor({ name: "staging backup", tags: ["backup", "staging"] });
    const web = await createMonitor({ name: "web check", tags: ["prod"] });
    await ping(web.ping_url);
    await settle(web.id); // D1 learns the new status through the object's outbox

    expect(await namesOf("?tag=backup")).toEqual(["Nightly Backup", "staging backup"]);
    expect(await namesOf("?tag=prod")).toEqual(["Nightly Backup", "web check"]);
    expect(await namesOf("?tag=backup&tag=prod")).toEqual(["Nightly Backup"]);
    expect(await namesOf("?tag=nothing")).toEqual([]);
    expect(await namesOf("?status=up")).toEqual(["web check"]);
    expect(await namesOf("?status=new&tag=prod")).toEqual(["Nightly Backup"]);
    expect(await namesOf("?q=BACKUP")).toEqual(["Nightly Backup", "staging backup"]);
    expect(await namesOf("?q=dump")).toEqual(["Nightly Backup"]);
    expect(await namesOf("?q=zzz")).toEqual([]);

    const first = await api("GET", "/api/v1/monitors?tag=backup&limit=1");
    expect(first.body.data).toHaveLength(1);
    const second = await api("GET", `/api/v1/monitors?tag=backup&limit=1&cursor=${first.body.next_cursor}`);
    expect([...first.body.data, ...second.body.data].map((m: { name: string }) => m.name).sort()).toEqual([
      "Nightly Backup",
      "staging backup",
    ]);
    expect(second.body.next_cursor).toBeNull();
  });

  it("refuses a malformed filter with a 400", async () => {
    for (const query of ["?tag=Bad Tag", "?status=sleeping", "?q="]) {
      const res = await api("GET", `/api/v1/monitors${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error.code).toBe("invalid_request");
    }
  });

  it("sees only the team's own monitors, whatever the tag", async () => {
    const a = await createTeamWithKeys("tags a");
    const b = await createTeamWithKeys("tags b");
    await api("POST", "/api/v1/monitors", { name: "a's", interval: 60, tags: ["shared"] }, bearer(a.write));
    await api("POST", "/api/v1/monitors", { name: "b's", interval: 60, tags: ["shared"] }, bearer(b.write));
    expect(await namesOf("?tag=shared", bearer(a.read))).toEqual(["a's"]);
    expect(await namesOf("?tag=shared", bearer(b.read))).toEqual(["b's"]);
  });
});

describe("tags in alerts", () => {
  it("travel in the webhook payload as they were when the alert opened", async () => {
    const channel = await createWebhookChannel();
    const monitor = await createMonitor({ name: "job", interval: 10, tags: ["backup"], channels: [channel.id] });
    await ping(monitor.ping_url);
    const receiver = interceptFetch();
    await advanceTo(monitor.id, T0 + 30 * S);
    expect(receiver.captured).toHaveLength(1);
    expect(JSON.parse(receiver.captured[0]?.body ?? "").monitor.tags).toEqual(["backup"]);
  });
});

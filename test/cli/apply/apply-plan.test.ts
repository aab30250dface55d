import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { ApiChannel } from "../../../cli/apply/channel-plan";
import { exportState, renderExport } from "../../../cli/apply/export";
import { type LubdubFile, readLubdubFile } from "../../../cli/apply/format";
import type { ApiMonitor } from "../../../cli/apply/monitor-settings";
import { type CurrentState, planChanges } from "../../../cli/apply/plan";
import { DEFAULT_GRACE } from "../../../src/schemas/monitor";

/** Unit tests of the pure plan: the server's state is written by hand, as the API shows it. */

function monitor(fields: Partial<ApiMonitor> & { id: string; slug: string | null }): ApiMonitor {
  return {
    name: fields.slug ?? "unnamed",
    interval: 300,
    schedule: null,
    timezone: null,
    grace: 0,
    early_tolerance: 0,
    max_runtime: null,
    failure_threshold: 1,
    recovery_threshold: 1,
    summary: null,
    enabled: true,
    manual_resume: false,
    success_keywords: [],
    failure_keywords: [],
    maintenance: [],
    team_maintenance: [],
    ping_log_size: 100,
    channels: [],
    escalation: [],
    remind_every: null,
    ...fields,
  };
}

const ntfy: ApiChannel = {
  id: "chn_ntfy",
  type: "ntfy",
  name: "ops",
  config: { server: "https://ntfy.sh", topic: "ops-alerts", token: "••••wxyz" },
};

function file(raw: unknown): LubdubFile {
  const read = readLubdubFile(raw);
  if (!read.ok) throw new Error(JSON.stringify(read.error.issues));
  return read.file;
}

const state = (monitors: ApiMonitor[], channels: ApiChannel[] = [ntfy]): CurrentState => ({ monitors, channels });
const env = { NTFY_TOKEN: "tk_abcdefghijklmnopqrstuvwxyz" };

describe("planChanges", () => {
  it("compares normalised values: '5m' is 300, channel names are ids, the defaults are the API's", () => {
    const desired = file({
      channels: { ops: { type: "ntfy", topic: "ops-alerts", token: { env: "NTFY_TOKEN" } } },
      monitors: { backup: { interval: "5m", channels: ["ops"], grace: "0s" } },
    });
    const current = state([monitor({ id: "mon_1", slug: "backup", channels: ["chn_ntfy"] })]);
    expect(planChanges(desired, current, { env }).steps).toEqual([]);
  });

  it("updates only the fields that differ, and sends a schedule whole", () => {
    const desired = file({ monitors: { backup: { schedule: "0 2 * * *", timezone: "Europe/Berlin", grace: "30m" } } });
    const plan = planChanges(desired, state([monitor({ id: "mon_1", slug: "backup" })]), { env });
    expect(plan.steps).toHaveLength(1);
    const [step] = plan.steps;
    expect(step?.op).toBe("update");
    if (step?.op !== "update") return;
    expect(step.changes.map((c) => c.field).sort()).toEqual(["grace", "interval", "schedule", "timezone"]);
    expect(step.body).toEqual({ grace: 1800, schedule: "0 2 * * *", timezone: "Europe/Berlin" });
  });

  it("resets a field the file no longer gives to the API's default, but leaves `enabled` alone", () => {
    const desired = file({ monitors: { backup: { interval: 300 } } });
    const current = state([monitor({ id: "mon_1", slug: "backup", grace: 600, enabled: false })]);
    const [step] = planChanges(desired, current, { env }).steps;
    expect(step?.op === "update" && step.body).toEqual({ grace: DEFAULT_GRACE.seconds });
  });

  it("creates what is missing, channels before the monitors that name them", () => {
    const desired = file({
      channels: { pager: { type: "pagerduty", routing_key: { env: "PD_KEY" } } },
      monitors: { backup: { interval: "1h", escalation: [{ after: "10m", channels: ["pager"] }] } },
    });
    const plan = planChanges(desired, state([], []), { env: { PD_KEY: "R0123456789abcdef0123456789abcdef" } });
    expect(plan.problems).toEqual([]);
    expect(plan.steps.map((s) => `${s.op} ${s.kind} ${s.key}`)).toEqual(["create channel pager", "create monitor backup"]);
    expect(plan.steps[0]?.op === "create" && plan.steps[0].body).toMatchObject({
      type: "pagerduty",
      name: "pager",
      routing_key: "R0123456789abcdef0123456789abcdef",
    });
    expect(plan.steps[1]?.op === "create" && plan.steps[1].body).toMatchObject({
      slug: "backup",
      interval: 3600,
      escalation: [{ after: 600, channels: ["pager"] }],
    });
  });

  it("refuses unknown channel names and unset variables for a new channel", () => {
    const desired = file({
      channels: { pager: { type: "pagerduty", routing_key: { env: "PD_KEY" } } },
      monitors: { backup: { interval: 60, channels: ["nope"] } },
    });
    const plan = planChanges(desired, state([], []), { env: {} });
    expect(plan.problems.join("\n")).toMatch(/PD_KEY/);
    expect(plan.problems).toContain('monitor backup: no channel named "nope": declare it under channels:, or use one of pager');
  });

  it("compares a secret by its mask; --update-secrets sends it anyway", () => {
    const desired = file({ channels: { ops: { type: "ntfy", topic: "ops-alerts", token: { env: "NTFY_TOKEN" } } } });
    const changed = planChanges(desired, state([]), { env: { NTFY_TOKEN: "tk_abcdefghijklmnopqrstuvwxyzABCD" } });
    expect(changed.steps[0]?.op === "update" && changed.steps[0].body).toEqual({ token: "tk_abcdefghijklmnopqrstuvwxyzABCD" });
    expect(planChanges(desired, state([]), { env }).steps).toEqual([]);
    const forced = planChanges(desired, state([]), { env, updateSecrets: true });
    expect(forced.steps[0]?.op === "update" && forced.steps[0].body).toEqual({ token: env.NTFY_TOKEN });
    const unset = planChanges(desired, state([]), { env: {} });
    expect(unset.steps).toEqual([]);
    expect(unset.notices.join()).toMatch(/NTFY_TOKEN/);
  });

  it("compares a channel's fields as the API stores them (a numeric Telegram chat_id is stored as text)", () => {
    const telegram: ApiChannel = { id: "chn_tg", type: "telegram", name: "tg", config: { bot_token: "••••wxyz", chat_id: "-10042" } };
    const desired = file({ channels: { tg: { type: "telegram", chat_id: -100_42, bot_token: { env: "TG" } } } });
    expect(planChanges(desired, state([], [telegram]), { env: {} }).steps).toEqual([]);
  });

  it("deletes only with prune: undeclared slugged monitors, then unused undeclared channels", () => {
    const desired = file({ monitors: {} });
    const current = state([monitor({ id: "mon_1", slug: "old" }), monitor({ id: "mon_2", slug: null })]);
    expect(planChanges(desired, current, { env }).steps).toEqual([]);
    const pruned = planChanges(desired, current, { env, prune: true });
    expect(pruned.steps.map((s) => `${s.op} ${s.kind} ${s.key}`)).toEqual(["delete monitor old", "delete channel ops"]);
    expect(pruned.notices.join()).toMatch(/without a slug/);
  });
});

describe("planChanges with prune: never leaves a monitor alerting nobody", () => {
  const hook: ApiChannel = { id: "chn_hook", type: "webhook", name: "hook", config: { url: "https://hooks.example" } };
  const pager: ApiChannel = { id: "chn_pager", type: "webhook", name: "pager", config: { url: "https://pager.example" } };
  const spare: ApiChannel = { id: "chn_spare", type: "webhook", name: "spare", config: { url: "https://spare.example" } };
  const deletions = (plan: ReturnType<typeof planChanges>) => plan.steps.map((s) => `${s.op} ${s.kind} ${s.key}`);

  it("keeps the channels of a monitor the file does not manage (its channels and escalation), and says why", () => {
    const unmanaged = monitor({ id: "mon_9", slug: null, name: "legacy job", channels: ["chn_hook"] });
    const escalating = monitor({ id: "mon_8", slug: null, name: "escalating", escalation: [{ after: 600, channels: ["chn_pager"] }] });
    const plan = planChanges(file({}), state([unmanaged, escalating], [hook, pager, spare]), { env, prune: true });
    expect(deletions(plan)).toEqual(["delete channel spare"]);
    expect(plan.notices).toContain(
      'channel hook is kept, not pruned: monitor "legacy job" (mon_9), which the file does not manage, alerts it',
    );
    expect(plan.notices).toContain(
      'channel pager is kept, not pruned: monitor "escalating" (mon_8), which the file does not manage, alerts it',
    );
  });

  it("keeps a channel that is one of the team's default channels", () => {
    const plan = planChanges(file({}), { ...state([], [hook, spare]), defaultChannels: ["chn_hook"] }, { env, prune: true });
    expect(deletions(plan)).toEqual(["delete channel spare"]);
    expect(plan.notices).toContain("channel hook is kept, not pruned: it is one of the team's default channels");
  });
});

describe("export", () => {
  it("a location is sent on create, managed only when given, and exported when set", () => {
    const create = planChanges(file({ monitors: { eu: { interval: 60, location: "weur" }, any: { interval: 60 } } }), state([]), { env });
    const bodies = create.steps.map((step) => (step.op === "create" ? step.body : null));
    expect(bodies[0]).toMatchObject({ slug: "eu", location: "weur" });
    expect(bodies[1]).not.toHaveProperty("location");

    const placed = state([monitor({ id: "mon_1", slug: "eu", interval: 60, location: "weur" })]);
    // Left out of the file: the fixed location is not sent back to the default (which the API would refuse).
    expect(planChanges(file({ monitors: { eu: { interval: 60, grace: 0 } } }), placed, { env }).steps).toEqual([]);
    const [moved] = planChanges(file({ monitors: { eu: { interval: 60, grace: 0, location: "apac" } } }), placed, { env }).steps;
    expect(moved?.op === "update" && moved.body).toEqual({ location: "apac" });
    // A server from before location hints shows none: a file without one plans nothing.
    expect(
      planChanges(file({ monitors: { eu: { interval: 60, grace: 0 } } }), state([monitor({ id: "mon_1", slug: "eu", interval: 60 })]), {
        env,
      }).steps,
    ).toEqual([]);

    const exported = exportState(placed);
    expect(exported.file.monitors.eu).toMatchObject({ location: "weur" });
    expect(planChanges(exported.file, placed, { env }).steps).toEqual([]);
  });

  it("round-trips: the exported file plans no change against the state it came from", () => {
    const current = state([
      monitor({
        id: "mon_1",
        slug: "backup",
        name: "Nightly backup",
        interval: null,
        schedule: "0 2 * * *",
        timezone: "Europe/Berlin",
        grace: 1800,
      }),
      monitor({
        id: "mon_2",
        slug: "queue",
        channels: ["chn_ntfy"],
        maintenance: [{ starts_at: "2030-01-01T00:00:00.000Z", ends_at: "2030-01-01T02:00:00.000Z" }],
        enabled: false,
      }),
    ]);
    const exported = exportState(current);
    const text = renderExport(exported, "yaml");
    expect(text).toMatch(/^# yaml-language-server: \$schema=/);
    expect(text).toMatch(/OPS_TOKEN/);
    expect(text).not.toMatch(/wxyz/);
    const reread = file(parse(text));
    expect(reread.monitors.backup).toEqual({ name: "Nightly backup", schedule: "0 2 * * *", timezone: "Europe/Berlin", grace: "30m" });
    expect(reread.channels.ops).toEqual({ type: "ntfy", server: "https://ntfy.sh", topic: "ops-alerts", token: { env: "OPS_TOKEN" } });
    expect(planChanges(reread, current, { env: {} }).steps).toEqual([]);
    expect(planChanges(file(JSON.parse(renderExport(exported, "json"))), current, { env: {} }).steps).toEqual([]);
  });
});

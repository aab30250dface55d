import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { SMALL_TAG, worstStatusOfTags } from "../../src/db/monitor-overview";
import type { MonitorStatus } from "../../src/domain/monitor";
import { api } from "../helpers";
import { bearer, createTeamWithKeys } from "../teams-helpers";

// The list's tag chips are coloured by each tag's worst monitor in the team (worst first: down, late,
// running, up, paused, new), whatever page the monitors are on; another team's monitors never count. A small
// tag's rows are read, a large one is looked for status by status: both ways give the same colours.

/** A monitor of the team with these tags, its status set in D1 as its object's reports would set it. */
async function monitorWith(team: { write: string }, tags: string[], status: MonitorStatus): Promise<void> {
  const created = await api("POST", "/api/v1/monitors", { name: `${status} ${tags.join(" ")}`, interval: 60, tags }, bearer(team.write));
  expect(created.status).toBe(201);
  await env.DB.prepare("UPDATE monitors SET status = ? WHERE id = ?")
    .bind(status, (created.body as { id: string }).id)
    .run();
}

describe("each tag's worst status", () => {
  it.each([
    ["small tags (rows read)", SMALL_TAG],
    ["large tags (status by status)", 1],
  ])("is the worst status among the team's monitors with the tag, worst first: %s", async (_, smallTag) => {
    const team = await createTeamWithKeys(`tag colours ${smallTag}`);
    const other = await createTeamWithKeys(`tag colours ${smallTag}, other team`);
    await monitorWith(team, ["a", "b", "c"], "new");
    await monitorWith(team, ["a", "b"], "paused");
    await monitorWith(team, ["a"], "up");
    await monitorWith(team, ["d"], "up");
    await monitorWith(team, ["d"], "running");
    await monitorWith(team, ["e"], "late");
    await monitorWith(team, ["e"], "running");
    await monitorWith(other, ["a", "c"], "down");
    const worst = await worstStatusOfTags(env.DB, team.id, ["a", "b", "c", "d", "e", "nobody's"], smallTag);
    expect(Object.fromEntries(worst)).toEqual({ a: "up", b: "paused", c: "new", d: "running", e: "late" });
    await monitorWith(team, ["c"], "down");
    expect((await worstStatusOfTags(env.DB, team.id, ["c"], smallTag)).get("c")).toBe("down");
    expect(await worstStatusOfTags(env.DB, team.id, [], smallTag)).toEqual(new Map());
  });
});

import { describe, expect, it } from "vitest";
import { readLubdubFile } from "../../../cli/apply/format";
import { planChanges } from "../../../cli/apply/plan";

// lubdub apply at the team's limits: a plan that would stop part way is refused before any step runs.

const env = {};
function file(raw: unknown) {
  const read = readLubdubFile(raw);
  if (!read.ok) throw new Error(JSON.stringify(read.error.issues));
  return read.file;
}
const threeMonitors = file({ monitors: { a: { interval: "1h" }, b: { interval: "1h" }, c: { interval: "1h" } } });
const quota = (monitors: number, used: number) => ({ limits: { monitors, channels: 100 }, usage: { monitors: used, channels: 0 } });

describe("planChanges at the team's limits", () => {
  it("refuses a plan that creates more monitors than the team has room for, naming the limit", () => {
    const plan = planChanges(threeMonitors, { monitors: [], channels: [], quota: quota(12, 10) }, { env });
    expect(plan.problems).toEqual([
      "the plan adds 3 monitors, but the team has room for 2 (limits.monitors 12, 10 used): delete some, or ask the administrator to raise limits.monitors",
    ]);
  });

  it("lets a plan that fits exactly, or a server that shows no limits, through", () => {
    expect(planChanges(threeMonitors, { monitors: [], channels: [], quota: quota(13, 10) }, { env }).problems).toEqual([]);
    expect(planChanges(threeMonitors, { monitors: [], channels: [] }, { env }).problems).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { lubdub, lubdubJson, useTeam } from "../helpers";

// `lubdub alerts`, run in-process against the real dev server: what a person reads in the list.
const server = useTeam("cli-alerts");

describe("lubdub alerts", () => {
  it("lists alerts with their monitor's name, not only its id", async () => {
    const monitor = await lubdubJson(server(), [
      "monitors",
      "create",
      "--name",
      "Nightly backup",
      "--slug",
      "alerting",
      "--interval",
      "1h",
    ]);
    expect((await lubdub(server(), ["ping", "alerting", "--fail"])).code).toBe(0);
    const table = await lubdub(server(), ["alerts", "list"]);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/^ID\s+MONITOR\s+STATUS/);
    expect(table.stdout).toMatch(/^alt_\S+\s+Nightly backup\s+open\s+failed\s/m);
    // --json stays the API's shape.
    expect((await lubdubJson(server(), ["alerts", "list"])).data[0]).toMatchObject({ monitor_id: monitor.id });
  });
});

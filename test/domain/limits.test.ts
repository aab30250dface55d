import { describe, expect, it } from "vitest";
import { DEFAULT_TEAM_LIMITS, deploymentLimits, effectiveLimits, NO_OVERRIDES } from "../../src/domain/limits";

describe("deploymentLimits", () => {
  it("reads each TEAM_MAX_* var, and falls back to the default for a missing, malformed or out-of-range one", () => {
    expect(deploymentLimits({})).toEqual(DEFAULT_TEAM_LIMITS);
    expect(
      deploymentLimits({ TEAM_MAX_MONITORS: "5000", TEAM_MAX_CHANNELS: "0", TEAM_MAX_API_KEYS: "ten", TEAM_MAX_PING_LOG_SIZE: "2000" }),
    ).toEqual({ ...DEFAULT_TEAM_LIMITS, monitors: 5000, channels: 0 });
    // The ping log's limit never goes below the default size, so a monitor created without one is never refused.
    expect(deploymentLimits({ TEAM_MAX_PING_LOG_SIZE: "10" }).ping_log_size).toBe(DEFAULT_TEAM_LIMITS.ping_log_size);
    expect(deploymentLimits({ TEAM_MAX_PING_LOG_SIZE: "250", TEAM_MAX_MONITORS: "" })).toMatchObject({
      ping_log_size: 250,
      monitors: 1000,
    });
  });
});

describe("effectiveLimits", () => {
  it("a team's own value wins; null follows the deployment", () => {
    const deployment = { ...DEFAULT_TEAM_LIMITS, channels: 10 };
    expect(effectiveLimits(NO_OVERRIDES, deployment)).toEqual(deployment);
    expect(effectiveLimits({ ...NO_OVERRIDES, channels: 0, monitors: 7 }, deployment)).toEqual({ ...deployment, channels: 0, monitors: 7 });
  });
});

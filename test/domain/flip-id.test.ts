import { describe, expect, it } from "vitest";
import { legacyFlipId } from "../../src/domain/flip-id";
import { idPattern } from "../../src/ids";

describe("the id of a flip queued before flips were kept", () => {
  const monitorId = "mon_abcdefghijklmnopqrstuvwxyz";
  const at = Date.parse("2026-03-01T12:00:00Z");

  it("is shaped like every flip id, so a page cursor can hold it", () => {
    expect(legacyFlipId(monitorId, at, "down")).toMatch(idPattern("flp"));
  });

  it("is the same for the same change (a replay), and differs by time and status", () => {
    const id = legacyFlipId(monitorId, at, "down");
    expect(legacyFlipId(monitorId, at, "down")).toBe(id);
    expect(new Set([id, legacyFlipId(monitorId, at + 1, "down"), legacyFlipId(monitorId, at, "up")]).size).toBe(3);
  });
});

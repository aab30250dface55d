import { describe, expect, it } from "vitest";
import { formatDuration, parseDuration } from "../../src/domain/duration";

describe("parseDuration", () => {
  it.each([
    ["30s", 30],
    ["5m", 300],
    ["1d", 86_400],
    ["1h30m", 5_400],
    ["1d12h", 129_600],
    ["2h 15m 10s", 8_110],
    [" 1h30m ", 5_400],
    [300, 300],
  ])("reads %j as %d seconds", (input, seconds) => {
    expect(parseDuration(input)).toBe(seconds);
  });

  it("reads back what formatDuration shows", () => {
    for (const seconds of [90, 5_400, 93_600]) expect(parseDuration(formatDuration(seconds))).toBe(seconds);
  });

  // Units largest first and each once: "30m1h" or "1m1m" is more likely a slip than a meaning.
  it.each(["", "1h30", "30m1h", "1m1m", "1w", "1.5h", "-5m", "h", "1 h", "300"])("refuses %j", (input) => {
    expect(parseDuration(input)).toBeNull();
  });
});

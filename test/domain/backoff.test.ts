import { describe, expect, it } from "vitest";
import { nextAttemptAt, RETRY_WINDOW_MS, retryDelay } from "../../src/domain/backoff";

const S = 1000;

describe("retry backoff", () => {
  it.each([
    [1, 10 * S],
    [2, 20 * S],
    [3, 40 * S],
    [9, 2560 * S],
    [10, 3600 * S], // capped at one hour
    [30, 3600 * S],
  ])("attempt %i waits %i ms without jitter", (attempts, expected) => {
    expect(retryDelay(attempts, null, 0.5)).toBe(expected);
  });

  it("jitter stays within ±20 %", () => {
    expect(retryDelay(3, null, 0)).toBe(32 * S);
    expect(retryDelay(3, null, 1)).toBe(48 * S);
  });

  it("a receiver's Retry-After is a floor, itself capped at the retry window", () => {
    expect(retryDelay(1, 600 * S, 0.5)).toBe(600 * S);
    expect(retryDelay(10, 5 * S, 0.5)).toBe(3600 * S);
    expect(retryDelay(1, 10 * RETRY_WINDOW_MS, 0.5)).toBe(RETRY_WINDOW_MS);
  });

  it("keeps retrying until an attempt has been made after 24 hours, then gives up", () => {
    const created = 0;
    expect(nextAttemptAt(created, 29, RETRY_WINDOW_MS - 1, null, 0.5)).toBe(RETRY_WINDOW_MS - 1 + 3600 * S);
    expect(nextAttemptAt(created, 30, RETRY_WINDOW_MS, null, 0.5)).toBeNull();
  });
});

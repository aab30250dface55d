import { describe, expect, it } from "vitest";
import { retryAfterSeconds } from "../../cli/errors";

// cli/errors.ts: how long a 429 says to wait (cli/output.ts prints it: "try again in N s").
describe("retryAfterSeconds", () => {
  it("reads Retry-After as seconds or as an HTTP date, and nothing else", () => {
    const now = Date.parse("2026-12-05T12:00:00Z");
    expect(retryAfterSeconds("42", now)).toBe(42);
    expect(retryAfterSeconds("Sat, 05 Dec 2026 12:01:30 GMT", now)).toBe(90);
    // A date already past still waits a second: "try again in 0 s" would invite a retry at once.
    expect(retryAfterSeconds("Sat, 05 Dec 2026 11:00:00 GMT", now)).toBe(1);
    expect(retryAfterSeconds(null, now)).toBeNull();
    expect(retryAfterSeconds("soon", now)).toBeNull();
  });
});

import { describe, expect, it } from "vitest";
import { readStored } from "../src/db/stored/format";
import { storedFormats } from "../src/stored-formats";

// The index of stored formats (src/stored-formats.ts): a row any older release wrote must pass through
// every upgrade step to today's version, and a row from a newer release must be refused, not guessed at.

const formats = storedFormats();

describe("every stored format", () => {
  it.each(formats.map((entry) => [entry.format.what, entry] as const))(
    "%s: one upgrade step per version below its own",
    (_, { format }) => {
      expect(format.upgrades).toHaveLength(format.version);
    },
  );

  it.each(formats.map((entry) => [entry.format.what, entry] as const))(
    "%s: a row from a newer release is refused, naming it",
    (_, { format }) => {
      const newer = JSON.stringify({ version: format.version + 1 });
      expect(() => readStored(format, newer)).toThrow(
        `stored ${format.what} has version ${format.version + 1}; this release reads up to ${format.version}`,
      );
    },
  );

  it("have names of their own, so an error says which one failed", () => {
    const names = formats.map((entry) => entry.format.what);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(expect.arrayContaining(["monitor config", "monitor state", "channel cache", "webhook channel configuration"]));
  });
});

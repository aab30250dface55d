import { describe, expect, it } from "vitest";
import { badgeSvg, textWidth } from "../../src/domain/badge";

describe("the SVG", () => {
  it("grows with its text, so a longer label gets a wider box", () => {
    const width = (svg: string) => Number(/width="(\d+(?:\.\d+)?)"/.exec(svg)?.[1]);
    expect(width(badgeSvg("a much longer monitor name", "up"))).toBeGreaterThan(width(badgeSvg("short", "up")) + 80);
    expect(textWidth("WWW")).toBeGreaterThan(textWidth("iii"));
  });
});

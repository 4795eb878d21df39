import { describe, expect, it } from "vitest";
import { padToWidth, textWidth, truncateToWidth } from "./text-width.js";

describe("textWidth", () => {
  it("counts ASCII as one cell and Chinese characters and emoji as two", () => {
    expect(textWidth("abc")).toBe(3);
    expect(textWidth("小红书")).toBe(6);
    expect(textWidth("周报-HR")).toBe(7);
    expect(textWidth("🍜")).toBe(2);
  });

  it("gives combining marks no width", () => {
    expect(textWidth("e\u0301")).toBe(1);
  });

  it("counts emoji and emoji sequences as the two cells a terminal gives them", () => {
    expect(textWidth("🚀")).toBe(2);
    expect(textWidth("✅")).toBe(2);
    expect(textWidth("⭐")).toBe(2);
    // A ZWJ family is one glyph: two cells, not six.
    expect(textWidth("👨‍👩‍👧")).toBe(2);
    expect(textWidth("🇨🇳")).toBe(2);
  });
});

describe("truncateToWidth", () => {
  it("keeps text that fits and cuts the rest with an ellipsis within the width", () => {
    expect(truncateToWidth("short", 10)).toBe("short");
    expect(truncateToWidth("小红书文案-美食探店", 8)).toBe("小红书…");
    expect(textWidth(truncateToWidth("小红书文案-美食探店", 8))).toBeLessThanOrEqual(8);
  });

  it("never cuts inside an emoji sequence", () => {
    expect(truncateToWidth("ab👨‍👩‍👧cd", 4)).toBe("ab…");
    expect(truncateToWidth("ab👨‍👩‍👧cd", 5)).toBe("ab👨‍👩‍👧…");
  });
});

describe("padToWidth", () => {
  it("pads by display width, not by string length", () => {
    expect(padToWidth("周报", 6)).toBe("周报  ");
    expect(padToWidth("toolong", 3)).toBe("toolong");
  });
});

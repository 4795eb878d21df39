// biome-ignore-all lint/suspicious/noTemplateCurlyInString: prompt templates are written in the ${var} syntax on purpose.
import { describe, expect, it } from "vitest";
import { fromPostgresText, keywordNeedsBytes, toPostgresText } from "./postgres-text.js";

describe("text PostgreSQL can hold", () => {
  it("is the value itself unless it holds U+0000, whose exact bytes are then kept beside it", () => {
    expect(toPostgresText("周报 ${x}")).toEqual({ text: "周报 ${x}", withNul: null });
    const stored = toPostgresText("a\u0000b");
    expect(stored).toEqual({ text: "a\ufffdb", withNul: Buffer.from("a\u0000b") });
    expect(fromPostgresText(stored.text, stored.withNul)).toBe("a\u0000b");
    expect(fromPostgresText("plain", null)).toBe("plain");
  });

  it("sends a keyword to the bytes when the replacement could make it match wrongly", () => {
    expect(keywordNeedsBytes("report")).toBe(false);
    expect(keywordNeedsBytes("\u0000")).toBe(true);
    expect(keywordNeedsBytes("\ufffd")).toBe(true);
  });
});

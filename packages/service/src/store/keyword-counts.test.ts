import { describe, expect, it } from "vitest";
import { KeywordCounts } from "./keyword-counts.js";

describe("KeywordCounts", () => {
  it("gives a count only at the write counter it was counted at", () => {
    const counts = new KeywordCounts();
    counts.set("w", "report", undefined, { writes: 7, count: 3 });
    expect(counts.at("w", "report", undefined, 7)).toBe(3);
    expect(counts.at("w", "report", undefined, 8)).toBeUndefined();
    expect(counts.at("w", "report", "Custom", 7)).toBeUndefined();
    expect(counts.at("v", "report", undefined, 7)).toBeUndefined();
  });

  it("keeps the most recently used entries up to its capacity", () => {
    const counts = new KeywordCounts(2);
    counts.set("w", "a", undefined, { writes: 1, count: 1 });
    counts.set("w", "b", undefined, { writes: 1, count: 2 });
    expect(counts.at("w", "a", undefined, 1)).toBe(1);
    counts.set("w", "c", undefined, { writes: 1, count: 3 });
    expect(counts.get("w", "b", undefined)).toBeUndefined();
    expect(counts.at("w", "a", undefined, 1)).toBe(1);
    expect(counts.at("w", "c", undefined, 1)).toBe(3);
  });
});

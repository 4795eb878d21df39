import { describe, expect, it } from "vitest";
import { chooseKeywordPlan, likeLiteral } from "./postgres-list.js";

describe("a keyword List on PostgreSQL", () => {
  it("walks the workspace when matches are dense, and the trigram index when they are few", () => {
    expect(chooseKeywordPlan("report", 100_000, 1_000_000, 10)).toBe("ordered");
    expect(chooseKeywordPlan("report", 5, 1_000_000, 10)).toBe("trigram");
    expect(chooseKeywordPlan("report", 100, 1_000, 10)).toBe("trigram");
    // No trigram in a keyword of fewer than three code points.
    expect(chooseKeywordPlan("报告", 1, 1_000_000, 10)).toBe("ordered");
    expect(chooseKeywordPlan("😀😀😀", 1, 1_000_000, 10)).toBe("trigram");
  });

  it("matches %, _ and backslash as themselves", () => {
    expect(likeLiteral("50%_a\\b")).toBe("50\\%\\_a\\\\b");
  });
});

import { describe, expect, it } from "vitest";
import { describeNearDuplicates, nearDuplicateProblem, quoteName } from "./near-duplicates.js";

describe("near-duplicate messages", () => {
  it("name the other rows and templates, with invisible characters shown", () => {
    const text = describeNearDuplicates([
      { kind: "row", line: 3, name: "same\u200b" },
      { kind: "template", id: "t1", name: "same\u00a0" },
    ]);
    expect(text).toBe('the name reads the same as line 3 "same\\u200b", template t1 "same\\u00a0"');
    expect(nearDuplicateProblem([{ kind: "row", line: 2, name: "SAME" }])).toEqual({
      reason: "name-near-duplicate",
      message: 'the name reads the same as line 2 "SAME"',
    });
  });

  it("leaves ordinary spaces and other scripts as they are", () => {
    expect(quoteName("小红书 文案")).toBe('"小红书 文案"');
    expect(describeNearDuplicates([])).toBe("");
  });
});

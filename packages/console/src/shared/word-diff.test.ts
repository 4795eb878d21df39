import { describe, expect, it } from "vitest";
import { wordDiff } from "./word-diff.js";

describe("wordDiff", () => {
  it("shows an inserted and a removed word, the rest unchanged", () => {
    expect(wordDiff("write a short poem", "write a long poem")).toEqual([
      { kind: "same", text: "write a " },
      { kind: "removed", text: "short" },
      { kind: "added", text: "long" },
      { kind: "same", text: " poem" },
    ]);
  });

  it("diffs Chinese character by character, not as one run", () => {
    const parts = wordDiff("请写一段介绍", "请写一段简短的介绍");
    expect(parts.find((part) => part.kind === "added")?.text).toBe("简短的");
    expect(parts.some((part) => part.kind === "removed")).toBe(false);
  });

  it("shows a changed line break", () => {
    expect(wordDiff("a b", "a\nb")).toEqual([
      { kind: "same", text: "a" },
      { kind: "removed", text: " " },
      { kind: "added", text: "\n" },
      { kind: "same", text: "b" },
    ]);
  });

  it("gives up word by word past its edit limit, showing the texts as replaced", () => {
    const before = Array.from({ length: 9000 }, (_, index) => `a${index}`).join(" ");
    const after = Array.from({ length: 9000 }, (_, index) => `b${index}`).join(" ");
    expect(wordDiff(before, after)).toEqual([
      { kind: "removed", text: before },
      { kind: "added", text: after },
    ]);
  });

  it("has nothing to show for equal texts", () => {
    expect(wordDiff("", "")).toEqual([]);
    expect(wordDiff("same", "same")).toEqual([{ kind: "same", text: "same" }]);
  });
});

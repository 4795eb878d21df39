import { describe, expect, it } from "vitest";
import { codePointLength } from "./code-point-length.js";

describe("codePointLength", () => {
  it("counts a surrogate pair once and a lone surrogate once, as for…of does", () => {
    expect(codePointLength("😀😀😀")).toBe(3);
    expect(codePointLength("中文字")).toBe(3);
    // A high surrogate with no low one after it, a low one with no high one before it.
    expect(codePointLength("\ud83d\ude00\ud83d")).toBe(2);
    expect(codePointLength("\ude00\ud83d\ude00\ud83d")).toBe(3);
  });

  it("agrees with for…of on every mix of these units", () => {
    const units = ["a", "中", "😀", "\ud83d", "\ude00", " "];
    for (const a of units) {
      for (const b of units) {
        for (const c of units) {
          for (const d of units) {
            for (const e of units) {
              const text = `x${a}${b}${c}${d}${e}`;
              expect(codePointLength(text), JSON.stringify(text)).toBe([...text].length);
            }
          }
        }
      }
    }
  });
});

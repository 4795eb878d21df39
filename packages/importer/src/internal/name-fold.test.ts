import { describe, expect, it } from "vitest";
import { nameFoldKey, nameLookupKeywords } from "./name-fold.js";

describe("nameFoldKey", () => {
  it.each([
    ["NFC and NFD spellings", "caf\u00e9", "cafe\u0301"],
    ["a trailing no-break space", "same", "same\u00a0"],
    ["a zero-width space", "same", "same\u200b"],
    ["a word joiner inside", "same", "sa\u2060me"],
    ["case", "same", "SAME"],
    ["full-width letters", "Full", "\uff26\uff55\uff4c\uff4c"],
    ["half-width katakana", "\u30ab\u30bf\u30ab\u30ca", "\uff76\uff80\uff76\uff85"],
    ["an ideographic space and surrounding blanks", "a b", "  a\u3000b "],
  ])("gives %s one key", (_, a, b) => {
    expect(nameFoldKey(a)).toBe(nameFoldKey(b));
    expect(a).not.toBe(b);
  });

  it.each([
    ["different letters", "same", "sane"],
    ["different Chinese characters", "\u5c0f\u7ea2\u4e66", "\u5c0f\u7ea2\u85af"],
    ["a space that separates words", "ab", "a b"],
  ])("keeps %s apart", (_, a, b) => {
    expect(nameFoldKey(a)).not.toBe(nameFoldKey(b));
  });
});

describe("nameLookupKeywords", () => {
  it("is only the name when it is already in folded form", () => {
    expect(nameLookupKeywords("weekly report")).toEqual(["weekly report"]);
  });

  it("adds the folded forms that differ, without repeating one", () => {
    expect(nameLookupKeywords("\uff26\uff55\uff4c\uff4c")).toEqual([
      "\uff26\uff55\uff4c\uff4c",
      "Full",
      "full",
    ]);
    expect(nameLookupKeywords("same\u200b")).toEqual(["same\u200b", "same"]);
    expect(nameLookupKeywords("SAME")).toEqual(["SAME", "same"]);
  });
});

describe("nameFoldKey on plain ASCII", () => {
  it("folds case and blanks as the full path does", () => {
    for (const name of ["Weekly  Report ", " a b", "MiXeD-case_1", "tab\tinside"]) {
      const full = name.normalize("NFKC").replace(/\s+/gu, " ").trim().toLowerCase();
      expect(nameFoldKey(name)).toBe(full);
    }
  });
});

import { describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS } from "../settings.js";
import { checkContent, checkName } from "./params.js";

const settings = { ...DEFAULT_SETTINGS, nameMaxLength: 3, contentMaxLength: 4 };

describe("length limits", () => {
  it("count code points: a surrogate pair once, a lone surrogate once, as for…of does", () => {
    expect(checkName("😀😀😀", settings, true).ok).toBe(true);
    expect(checkName("😀😀😀a", settings, true).ok).toBe(false);
    expect(checkName("中文字", settings, true).ok).toBe(true);
    // A high surrogate with no low one after it, a low one with no high one before it.
    expect(checkName("\ud83d\ude00\ud83d", settings, true).ok).toBe(true);
    expect(checkName("\ude00\ud83d\ude00\ud83d", settings, true).ok).toBe(true);
    expect(checkName("\ude00\ude00\ud83d\ude00\ud83d", settings, true).ok).toBe(false);
    expect(checkContent("a😀\udc00😀", settings, true).ok).toBe(true);
    expect(checkContent("a😀\udc00😀b", settings, true).ok).toBe(false);
  });

  it("agree with for…of on every mix of these units", () => {
    const units = ["a", "中", "😀", "\ud83d", "\ude00", " "];
    const forOfLength = (text: string) => [...text].length;
    const limits = { ...DEFAULT_SETTINGS, nameMaxLength: 4 };
    for (const a of units) {
      for (const b of units) {
        for (const c of units) {
          for (const d of units) {
            for (const e of units) {
              const text = `x${a}${b}${c}${d}${e}`;
              expect(checkName(text, limits, true).ok, JSON.stringify(text)).toBe(
                forOfLength(text) <= 4,
              );
            }
          }
        }
      }
    }
  });
});

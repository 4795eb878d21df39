import { describe, expect, it } from "vitest";
import { LineIndex, nextLineStart } from "./line-index.js";

const bytes = (text: string) => Buffer.from(text, "latin1");

describe("LineIndex", () => {
  it("numbers lines ended by LF, CRLF and a lone CR, across chunk boundaries", () => {
    const index = new LineIndex();
    index.add(bytes("a\r"));
    index.add(bytes("\nb\rc\n"));
    index.add(bytes("d"));
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((offset) => index.lineAt(offset))).toEqual([
      1, 1, 1, 2, 2, 3, 3, 4,
    ]);
    expect(index.bytesSeen).toBe(8);
  });
});

describe("nextLineStart", () => {
  it("finds the start of the next line, waiting on a trailing CR unless final", () => {
    expect(nextLineStart(bytes("ab\ncd"), 0, false)).toBe(3);
    expect(nextLineStart(bytes("ab\r\ncd"), 0, false)).toBe(4);
    expect(nextLineStart(bytes("ab\rcd"), 0, false)).toBe(3);
    expect(nextLineStart(bytes("ab\r"), 0, false)).toBe(-1);
    expect(nextLineStart(bytes("ab\r"), 0, true)).toBe(3);
    expect(nextLineStart(bytes("abc"), 0, true)).toBe(-1);
  });
});

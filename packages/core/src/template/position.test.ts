import { fc, test as fcTest } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { createPositionLocator } from "./position.js";

describe("createPositionLocator", () => {
  it("gives 1-based line and column", () => {
    const locate = createPositionLocator("abc");
    expect(locate(0)).toEqual({ line: 1, column: 1 });
    expect(locate(2)).toEqual({ line: 1, column: 3 });
    expect(locate(3)).toEqual({ line: 1, column: 4 });
  });

  it("ends lines at \\n, \\r\\n and \\r, counting \\r\\n once", () => {
    const locate = createPositionLocator("a\nb\r\nc\rd");
    expect(locate(2)).toEqual({ line: 2, column: 1 });
    expect(locate(3)).toEqual({ line: 2, column: 2 });
    expect(locate(5)).toEqual({ line: 3, column: 1 });
    expect(locate(7)).toEqual({ line: 4, column: 1 });
  });

  it("counts columns in code points: CJK and emoji are one column each", () => {
    const locate = createPositionLocator("主题😀x\n😀y");
    expect(locate(4)).toEqual({ line: 1, column: 4 });
    expect(locate(8)).toEqual({ line: 2, column: 2 });
  });

  it("counts a lone surrogate as one column", () => {
    const locate = createPositionLocator("\ud800\udc00\ud800x");
    expect(locate(3)).toEqual({ line: 1, column: 3 });
  });

  /** The definition, read from the start of the content for every offset. */
  function referencePosition(content: string, offset: number) {
    let line = 1;
    let column = 1;
    const units = content.slice(0, offset);
    for (let index = 0; index < units.length; index++) {
      const code = units.charCodeAt(index);
      if (code === 0x0d || code === 0x0a) {
        if (code === 0x0d && units.charCodeAt(index + 1) === 0x0a) index++;
        line++;
        column = 1;
        continue;
      }
      const next = units.charCodeAt(index + 1);
      if (code >= 0xd800 && code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) index++;
      column++;
    }
    return { line, column };
  }

  const unit = fc.constantFrom("a", "主", "😀", "\ud800", "\udc00", "\n", "\r", "\r\n", "$");
  fcTest.prop([fc.array(unit, { maxLength: 40 }).map((units) => units.join(""))], {
    numRuns: 300,
  })("agrees with counting from the start at every offset", (content) => {
    const locate = createPositionLocator(content);
    for (let offset = 0; offset <= content.length; offset++) {
      // A \r\n is one line end: an offset between its two halves is not a position anyone asks for.
      if (content[offset - 1] === "\r" && content[offset] === "\n") continue;
      expect(locate(offset), `${JSON.stringify(content)} at ${offset}`).toEqual(
        referencePosition(content, offset),
      );
    }
  });
});

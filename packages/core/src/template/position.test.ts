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
});

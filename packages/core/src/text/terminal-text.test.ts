import { describe, expect, it } from "vitest";
import { printableBlock, printableInline } from "./terminal-text.js";

describe("printableInline", () => {
  it("shows escape sequences, tabs and line breaks visibly", () => {
    expect(printableInline("evil\u001b[31mRED\u001b[0m")).toBe("evil\\x1B[31mRED\\x1B[0m");
    expect(printableInline("a\tb\nc\r\u0007\u007f\u009b")).toBe("a\\tb\\nc\\r\\x07\\x7F\\x9B");
  });

  it("shows the bidirectional overrides that reorder what a name looks like", () => {
    expect(printableInline("invoice\u202Efdp.exe")).toBe("invoice\\u{202E}fdp.exe");
  });

  it("leaves ordinary text alone, Chinese and emoji included", () => {
    expect(printableInline("小红书文案-美食探店 🚀 e\u0301")).toBe(
      "小红书文案-美食探店 🚀 e\u0301",
    );
  });
});

describe("printableBlock", () => {
  it("keeps line feeds, CRLF and tabs but shows a lone CR and escapes", () => {
    expect(printableBlock("line 1\r\n\tline 2\rover\u001b]0;title\u0007")).toBe(
      "line 1\r\n\tline 2\\rover\\x1B]0;title\\x07",
    );
  });
});

// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings under test are `${var}` templates.
import { test as fcTest } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { anyContent } from "./__fixtures__/arbitraries.js";
import { templateLexer } from "./tokens.js";

function lex(content: string): string[] {
  return templateLexer
    .tokenize(content)
    .tokens.map((token) => `${token.tokenType.name}:${token.image}`);
}

describe("templateLexer", () => {
  it("enters placeholder mode at ${ and leaves it at }", () => {
    expect(lex("a ${ 主题 }$")).toEqual([
      "Text:a ",
      "Open:${",
      "Space: ",
      "Name:主题",
      "Space: ",
      "Close:}",
      "Dollar:$",
    ]);
  });

  it("leaves placeholder mode at a line break", () => {
    expect(lex("${a\r\n}")).toEqual(["Open:${", "Name:a", "LineBreak:\r\n", "Text:}"]);
  });

  it("reads $${ as the escape and a ${ inside a placeholder as NestedOpen", () => {
    expect(lex("$${x}${a${b}")).toEqual([
      "EscapedOpen:$${",
      "Text:x}",
      "Open:${",
      "Name:a",
      "NestedOpen:${",
      "Name:b",
      "Close:}",
    ]);
  });

  it("makes one Stray token per code point, so an emoji stays whole", () => {
    expect(lex("${😀.}")).toEqual(["Open:${", "Stray:😀", "Stray:.", "Close:}"]);
  });

  fcTest.prop([anyContent], { numRuns: 300 })(
    "lexes any content without errors, and its tokens cover it exactly",
    (content) => {
      const { tokens, errors } = templateLexer.tokenize(content);
      expect(errors).toEqual([]);
      expect(tokens.map((token) => token.image).join("")).toBe(content);
    },
  );
});

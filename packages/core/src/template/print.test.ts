// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings under test are `${var}` templates.
import { test as fcTest } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { anyAst, anyContent } from "./__fixtures__/arbitraries.js";
import { parseTemplate } from "./parse.js";
import { printTemplate } from "./print.js";

describe("printTemplate", () => {
  it("escapes ${ in text and keeps the spaces around names", () => {
    expect(
      printTemplate({
        nodes: [
          { type: "text", value: "a ${b} $", offset: 0, length: 0 },
          {
            type: "placeholder",
            name: "c",
            spaceBefore: " ",
            spaceAfter: "\t",
            offset: 0,
            length: 0,
          },
        ],
      }),
    ).toBe("a $${b} $${ c\t}");
  });

  it.each(["", "plain", "a ${b} c", "$${x} $$ $ { } ${ 主题 }", "$$${a}", "line\r\n${x}\r"])(
    "round-trips %j exactly",
    (content) => {
      const { ast, errors } = parseTemplate(content);
      expect(errors).toEqual([]);
      expect(printTemplate(ast)).toBe(content);
      expect(parseTemplate(printTemplate(ast)).ast).toEqual(ast);
    },
  );

  fcTest.prop([anyAst], { numRuns: 300 })(
    "parse → print → parse gives the same AST, and print gives back the content",
    (generated) => {
      const content = printTemplate(generated);
      const first = parseTemplate(content);
      expect(first.errors).toEqual([]);
      const printed = printTemplate(first.ast);
      expect(printed).toBe(content);
      expect(parseTemplate(printed).ast).toEqual(first.ast);
    },
  );

  fcTest.prop([anyContent], { numRuns: 300 })(
    "round-trips every random content that parses without errors",
    (content) => {
      const { ast, errors } = parseTemplate(content);
      if (errors.length > 0) return;
      expect(printTemplate(ast)).toBe(content);
      expect(parseTemplate(printTemplate(ast)).ast).toEqual(ast);
    },
  );
});

describe("printTemplate across text nodes", () => {
  it("escapes a `${` formed by two adjacent text nodes", () => {
    const ast = {
      nodes: [
        { type: "text" as const, value: "$", offset: 0, length: 0 },
        { type: "text" as const, value: "{$", offset: 0, length: 0 },
      ],
    };
    const printed = printTemplate(ast);
    const reparsed = parseTemplate(printed);
    expect(reparsed.errors).toEqual([]);
    expect(reparsed.ast.nodes.map((node) => (node.type === "text" ? node.value : ""))).toEqual([
      "${$",
    ]);
  });
});

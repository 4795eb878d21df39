// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings under test are `${var}` templates.
import { test as fcTest } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { anyAst, anyContent } from "./__fixtures__/arbitraries.js";
import { parseTemplate } from "./parse.js";
import { printTemplate } from "./print.js";
import { extractVariables, scanSimpleVariables, variablesOf } from "./variables.js";

describe("extractVariables", () => {
  it("gives what the service documents for …主题为：${theme}", () => {
    expect(extractVariables("请写一篇文章，主题为：${theme}")).toEqual(["theme"]);
  });

  it("lists unique names in first-seen order", () => {
    expect(extractVariables("${b} ${a} ${b} ${ c } ${a}")).toEqual(["b", "a", "c"]);
  });

  it("skips escaped placeholders and literal dollars", () => {
    expect(extractVariables("$${skip} $ ${keep} $$${skip2} $5")).toEqual(["keep"]);
  });

  it("accepts Unicode names", () => {
    expect(extractVariables("${主题}${e\u0301}${٣}${𝒳}")).toEqual(["主题", "e\u0301", "٣", "𝒳"]);
  });

  it("returns the valid placeholders of content with syntax errors, without throwing", () => {
    expect(extractVariables("${a} ${b.c} ${} ${d} ${e${f}} ${g")).toEqual(["a", "d"]);
  });

  it("returns nothing for content without placeholders", () => {
    expect(extractVariables("")).toEqual([]);
    expect(extractVariables("no placeholders { } $")).toEqual([]);
  });
});

describe("scanSimpleVariables (the fast path)", () => {
  it("handles valid content itself", () => {
    expect(scanSimpleVariables("${a} $${b} ${ c\t}")).toEqual(["a", "c"]);
  });

  it.each(["${}", "${a.b}", "${a", "${a b}", "${a${b}}", "${😀}"])(
    "leaves %j to the full parser",
    (content) => {
      expect(scanSimpleVariables(content)).toBeUndefined();
    },
  );

  fcTest.prop([anyContent], { numRuns: 1000 })(
    "agrees with the full parser on random content whenever it answers",
    (content) => {
      const parsed = parseTemplate(content);
      const full = variablesOf(parsed.ast);
      const fast = scanSimpleVariables(content);
      // It answers for no content with errors (and, below, for all content without).
      if (fast !== undefined) {
        expect(fast).toEqual(full);
        expect(parsed.errors).toEqual([]);
      }
      expect(extractVariables(content)).toEqual(full);
    },
  );

  fcTest.prop([anyAst], { numRuns: 500 })(
    "answers for every valid content, with the full parser's names",
    (ast) => {
      const content = printTemplate(ast);
      expect(scanSimpleVariables(content)).toEqual(variablesOf(parseTemplate(content).ast));
    },
  );
});

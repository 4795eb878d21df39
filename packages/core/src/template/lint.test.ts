// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings under test are `${var}` templates.
import { test as fcTest } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { anyContent } from "./__fixtures__/arbitraries.js";
import { lintTemplate } from "./lint.js";
import { parseTemplate } from "./parse.js";
import { extractVariables } from "./variables.js";

function findings(content: string) {
  return lintTemplate(content).map(({ severity, code, offset, line, column, length }) => ({
    severity,
    code,
    offset,
    line,
    column,
    length,
  }));
}

/** The simple scan the service might use, as lint assumes it. */
function serviceNames(content: string): string[] {
  return [
    ...new Set(Array.from(content.matchAll(/\$\{([^}]*)\}/g), (match) => match[1] as string)),
  ];
}

describe("lintTemplate", () => {
  it("finds nothing in clean content, Unicode names included", () => {
    expect(
      lintTemplate("请写一篇文章，主题为：${theme}，语气${语气}，${e\u0301}${٣}${𝒳} $5 {x}"),
    ).toEqual([]);
  });

  it("warns placeholder-whitespace for spaces around a name", () => {
    expect(findings("主题：${ theme }")).toEqual([
      {
        severity: "warning",
        code: "placeholder-whitespace",
        offset: 3,
        line: 1,
        column: 4,
        length: 10,
      },
    ]);
    expect(lintTemplate("${\ttheme}")[0]?.message).toContain('"\\ttheme"');
  });

  it("warns escaped-placeholder where the service may still read a name", () => {
    expect(findings("a\n$${name} b")).toEqual([
      {
        severity: "warning",
        code: "escaped-placeholder",
        offset: 2,
        line: 2,
        column: 1,
        length: 8,
      },
    ]);
    expect(lintTemplate("$${name}")[0]?.message).toContain('"name"');
  });

  it("does not warn for an escape the service cannot read as a placeholder", () => {
    expect(lintTemplate("$${ never closed\nnext line")).toEqual([]);
  });

  it("warns service-may-differ for a placeholder the service would swallow after an escape", () => {
    expect(findings("$${ and ${x}, ${y}")).toEqual([
      {
        severity: "warning",
        code: "escaped-placeholder",
        offset: 0,
        line: 1,
        column: 1,
        length: 12,
      },
      { severity: "warning", code: "service-may-differ", offset: 8, line: 1, column: 9, length: 4 },
    ]);
    const message = lintTemplate("$${ and ${x}")[1]?.message;
    expect(message).toContain("1:1");
    expect(message).toContain('"x"');
  });

  it("does not warn service-may-differ when a } ends the service's match first", () => {
    expect(findings("$${a} ${x}").map((finding) => finding.code)).toEqual(["escaped-placeholder"]);
  });

  it("returns every syntax error as severity error, in order with the warnings", () => {
    expect(findings("${} ${ a }\r\n主题 ${b.c} $${d} ${e")).toEqual([
      { severity: "error", code: "empty-placeholder", offset: 0, line: 1, column: 1, length: 3 },
      {
        severity: "warning",
        code: "placeholder-whitespace",
        offset: 4,
        line: 1,
        column: 5,
        length: 6,
      },
      {
        severity: "error",
        code: "invalid-variable-name",
        offset: 18,
        line: 2,
        column: 7,
        length: 1,
      },
      {
        severity: "warning",
        code: "escaped-placeholder",
        offset: 22,
        line: 2,
        column: 11,
        length: 5,
      },
      {
        severity: "error",
        code: "unterminated-placeholder",
        offset: 28,
        line: 2,
        column: 17,
        length: 2,
      },
    ]);
  });

  it("adds no warning for what an error already covers", () => {
    expect(findings("${a\n${b}").map((finding) => finding.code)).toEqual([
      "unterminated-placeholder",
    ]);
  });

  fcTest.prop([anyContent], { numRuns: 500 })(
    "never throws, and reports exactly the parser's errors",
    (content) => {
      const all = lintTemplate(content);
      const errors = all.filter((finding) => finding.severity === "error");
      expect(errors.map(({ severity: _, ...rest }) => rest)).toEqual(parseTemplate(content).errors);
      for (const finding of all) {
        expect(finding.offset + finding.length).toBeLessThanOrEqual(content.length);
      }
    },
  );

  fcTest.prop([anyContent], { numRuns: 500 })(
    "when it has no escape warnings, the service's simple scan reads our names (trimmed)",
    (content) => {
      const codes = new Set(lintTemplate(content).map((finding) => finding.code));
      if (parseTemplate(content).errors.length > 0) return;
      if (codes.has("escaped-placeholder") || codes.has("service-may-differ")) return;
      const trimmed = [...new Set(serviceNames(content).map((name) => name.trim()))];
      expect(trimmed).toEqual(extractVariables(content));
      if (!codes.has("placeholder-whitespace")) {
        expect(serviceNames(content)).toEqual(extractVariables(content));
      }
    },
  );
});

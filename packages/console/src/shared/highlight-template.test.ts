// biome-ignore-all lint/suspicious/noTemplateCurlyInString: templates are written in the ${var} syntax on purpose.
import { describe, expect, it } from "vitest";
import { highlightTemplate } from "./highlight-template.js";

describe("highlightTemplate", () => {
  it("covers the whole content, in order, with placeholders apart from text", () => {
    const content = "请以${tone}的语气写${theme}${theme}。";
    const { segments, variables, findings } = highlightTemplate(content);
    expect(segments.map((segment) => segment.text).join("")).toBe(content);
    expect(segments.filter((segment) => segment.variable).map((segment) => segment.text)).toEqual([
      "${tone}",
      "${theme}",
      "${theme}",
    ]);
    expect(variables).toEqual(["tone", "theme"]);
    expect(findings).toEqual([]);
  });

  it("marks the characters each finding points at, errors before warnings", () => {
    const content = "a ${ b } c ${x.y} d";
    const { segments, findings } = highlightTemplate(content);
    expect(findings.map((finding) => [finding.severity, finding.code])).toEqual([
      ["error", "invalid-variable-name"],
      ["warning", "placeholder-whitespace"],
    ]);
    const marked = segments.filter((segment) => segment.finding !== undefined);
    expect(marked.map((segment) => [segment.text, segment.finding])).toEqual([
      ["${ b }", 1],
      [".", 0],
    ]);
    expect(segments.map((segment) => segment.text).join("")).toBe(content);
  });

  it("keeps an unterminated placeholder at the end visible as a finding", () => {
    const { segments, findings } = highlightTemplate("text ${");
    expect(findings[0]?.code).toBe("unterminated-placeholder");
    expect(segments.at(-1)).toEqual({ text: "${", variable: undefined, finding: 0 });
  });

  it("gives markup in the content back as text, unchanged", () => {
    const content = "<script>alert(1)</script>${x}";
    expect(
      highlightTemplate(content)
        .segments.map((segment) => segment.text)
        .join(""),
    ).toBe(content);
  });
});

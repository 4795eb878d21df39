// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings under test are `${var}` templates.
import { describe, expect, it } from "vitest";
import { MissingVariablesError, TemplateSyntaxError } from "./errors.js";
import { inspectRenderCache, renderTemplate } from "./render.js";

describe("renderTemplate", () => {
  it("renders strictly by default, and in the mode asked for", () => {
    expect(renderTemplate("主题为：${theme}", { theme: "春天" })).toBe("主题为：春天");
    expect(() => renderTemplate("${a}${b}", {})).toThrow(MissingVariablesError);
    expect(renderTemplate("${a}|${ b }", { a: 1 }, { mode: "lenient" })).toBe("1|");
    expect(renderTemplate("${a}|${ b }", { a: 1 }, { mode: "keep" })).toBe("1|${ b }");
  });

  it("throws TemplateSyntaxError for invalid content and does not cache it", () => {
    const content = "${ok} ${not ok}";
    expect(() => renderTemplate(content, { ok: "x" })).toThrow(TemplateSyntaxError);
    expect(inspectRenderCache(content).has).toBe(false);
  });

  it("keeps the 500 most recently used templates", () => {
    const first = "template 0 ${x}";
    renderTemplate(first, { x: "a" });
    for (let index = 1; index < 500; index++) {
      renderTemplate(`template ${index} \${x}`, { x: "a" });
    }
    expect(inspectRenderCache(first).has).toBe(true);
    // Using the oldest entry makes it the newest, so the next insert evicts template 1.
    expect(renderTemplate(first, { x: "b" }, { mode: "lenient" })).toBe("template 0 b");
    renderTemplate("template 500 ${x}", { x: "a" });
    expect(inspectRenderCache(first).has).toBe(true);
    expect(inspectRenderCache("template 1 ${x}").has).toBe(false);
    expect(inspectRenderCache().size).toBe(500);
  });

  it("renders the same content the same way in every mode from the cache", () => {
    const content = "${a}-${b}";
    for (let round = 0; round < 50; round++) {
      expect(renderTemplate(content, { a: round, b: null }, { mode: "lenient" })).toBe(`${round}-`);
      expect(renderTemplate(content, { a: round }, { mode: "keep" })).toBe(`${round}-\${b}`);
    }
  });
});

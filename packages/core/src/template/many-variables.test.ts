// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings under test are `${var}` templates.
import { describe, expect, it } from "vitest";
import { compileAst, type RenderMode } from "./compile.js";
import { MissingVariablesError } from "./errors.js";
import { GENERATED_PLACEHOLDER_LIMIT } from "./generate-renderer.js";
import { parseTemplateOrThrow } from "./parse.js";

/*
 * A template with 100,000 distinct variables. Generated code for it once overflowed V8's
 * parser at the 32nd render (a RangeError no one caught), and every render after it threw.
 */
const COUNT = 100_000;
const names = Array.from({ length: COUNT }, (_, index) => `v${index}`);
const content = names.map((name) => `\${${name}}`).join(",");
const values = Object.fromEntries(names.map((name) => [name, name.toUpperCase()]));
const expected = names.map((name) => name.toUpperCase()).join(",");
const ast = parseTemplateOrThrow(content);

describe(`a template with ${COUNT} distinct variables`, () => {
  it.each<RenderMode>(["strict", "lenient", "keep"])(
    "renders in %s mode, past the switch to generated code",
    (mode) => {
      const render = compileAst(ast, mode);
      expect(render.variables).toHaveLength(COUNT);
      // The 32nd render is the first that may use generated code.
      for (let round = 1; round < 33; round++) render(values);
      expect(render(values)).toBe(expected);
      const { v7: _, ...withoutOne } = values;
      const partly = () => render(withoutOne);
      if (mode === "strict") {
        expect(partly).toThrow(MissingVariablesError);
      } else {
        expect(partly()).toBe(expected.replace(",V7,", mode === "keep" ? ",${v7}," : ",,"));
      }
    },
  );

  it("is never compiled to one giant function: generation refuses past the limit", () => {
    expect(() => compileAst(ast, "strict", "generate")).toThrow(RangeError);
    const atLimit = parseTemplateOrThrow(
      names
        .slice(0, GENERATED_PLACEHOLDER_LIMIT)
        .map((name) => `\${${name}}`)
        .join(""),
    );
    expect(compileAst(atLimit, "lenient", "generate")({})).toBe("");
  });
});

// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings under test are `${var}` templates.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { fc, test as fcTest } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { anyContent, renderMode, valuesFor } from "./__fixtures__/arbitraries.js";
import { referenceRender } from "./__fixtures__/reference-render.js";
import type { TemplateAst } from "./ast.js";
import {
  type CompiledTemplate,
  compileAst,
  compileTemplate,
  type RenderMode,
  type RenderStrategy,
  type RenderValues,
} from "./compile.js";
import { MissingVariablesError, TemplateSyntaxError, TemplateValueError } from "./errors.js";
import { parseTemplate, parseTemplateOrThrow } from "./parse.js";
import { extractVariables } from "./variables.js";

const strategies: RenderStrategy[] = ["tiered", "interpret", "generate"];

function catchError(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error("expected an error");
}

/** Renders enough times to pass the tiered renderer's switch to generated code. */
function renderOften(render: CompiledTemplate, values: RenderValues): string {
  let output = "";
  for (let index = 0; index < 40; index++) output = render(values);
  return output;
}

describe.each(strategies)("compiled render (%s)", (strategy) => {
  const compile = (content: string, mode: RenderMode = "strict") =>
    compileAst(parseTemplateOrThrow(content), mode, strategy);

  it("substitutes every occurrence and carries its variables and mode", () => {
    const render = compile("${a}与${b}，再来一次${a}");
    expect(render.variables).toEqual(["a", "b"]);
    expect(render.mode).toBe("strict");
    expect(render({ a: "甲", b: "乙" })).toBe("甲与乙，再来一次甲");
    expect(renderOften(render, { a: "x", b: "y" })).toBe("x与y，再来一次x");
  });

  it("renders content without placeholders, and empty content", () => {
    expect(compile("just text")({})).toBe("just text");
    expect(compile("")({})).toBe("");
    expect(compile("$${x}")()).toBe("${x}");
  });

  it("strict: throws MissingVariablesError naming every missing variable", () => {
    const render = compile("${a} ${b} ${c} ${d} ${b}");
    for (let round = 0; round < 40; round++) {
      const error = catchError(() => render({ b: "ok", c: null, d: undefined }));
      expect(error).toBeInstanceOf(MissingVariablesError);
      expect((error as MissingVariablesError).missing).toEqual(["a", "c", "d"]);
    }
    expect((catchError(() => render()) as MissingVariablesError).missing).toEqual([
      "a",
      "b",
      "c",
      "d",
    ]);
  });

  it("strict: an explicit empty string is a value", () => {
    expect(renderOften(compile("[${a}]"), { a: "" })).toBe("[]");
  });

  it("lenient: renders missing values as empty text", () => {
    const render = compile("[${a}|${b}]", "lenient");
    expect(render({ a: "x", b: null })).toBe("[x|]");
    expect(renderOften(render, {})).toBe("[|]");
  });

  it("keep: leaves a missing placeholder exactly as written", () => {
    const render = compile("${ theme }/${tone}/${\ttheme}", "keep");
    expect(render({ tone: "warm" })).toBe("${ theme }/warm/${\ttheme}");
    expect(renderOften(render, { theme: "T" })).toBe("T/${tone}/T");
  });

  it("converts numbers, bigints and booleans with String()", () => {
    const render = compile("${n} ${f} ${big} ${yes} ${no} ${nan}");
    expect(
      renderOften(render, { n: 42, f: -1.5, big: 10n ** 20n, yes: true, no: false, nan: NaN }),
    ).toBe("42 -1.5 100000000000000000000 true false NaN");
  });

  it.each([
    ["an object", { secret: "s3cr3t" }],
    ["an array", ["s3cr3t"]],
    ["a function", () => "s3cr3t"],
    ["a symbol", Symbol("s3cr3t")],
  ])("rejects %s with TemplateValueError naming the variable, not the value", (kind, value) => {
    const render = compile("${ok} ${bad}", "lenient");
    for (let round = 0; round < 40; round++) {
      const error = catchError(() => render({ ok: "x", bad: value } as unknown as RenderValues));
      expect(error).toBeInstanceOf(TemplateValueError);
      expect((error as TemplateValueError).variable).toBe("bad");
      expect((error as TemplateValueError).valueKind).toBe(kind);
      expect((error as Error).message).not.toContain("s3cr3t");
    }
  });

  it("never escapes HTML or anything else", () => {
    const value = `<b>&amp;"'\`\\</b>`;
    expect(renderOften(compile("${v}"), { v: value })).toBe(value);
  });

  describe("reads own properties only", () => {
    it("treats constructor, __proto__ and toString as ordinary names", () => {
      const render = compile("${constructor}|${__proto__}|${toString}", "lenient");
      expect(renderOften(render, {})).toBe("||");
      const own = Object.fromEntries([
        ["constructor", "c"],
        ["__proto__", "p"],
        ["toString", "t"],
      ]) as RenderValues;
      expect(renderOften(render, own)).toBe("c|p|t");
      const strict = compile("${constructor}${__proto__}${toString}");
      expect((catchError(() => strict({})) as MissingVariablesError).missing).toEqual([
        "constructor",
        "__proto__",
        "toString",
      ]);
    });

    it("ignores inherited values of class instances and Object.create objects", () => {
      class Values {
        own = "own";
        get inherited(): string {
          return "from the prototype";
        }
      }
      const render = compile("${own}/${inherited}", "lenient");
      expect(renderOften(render, new Values() as unknown as RenderValues)).toBe("own/");
      const derived = Object.create({ inherited: "from the prototype" }) as Record<string, string>;
      derived.own = "own";
      expect(renderOften(render, derived)).toBe("own/");
    });

    it("reads null-prototype objects", () => {
      const values = Object.assign(Object.create(null) as Record<string, string>, { a: "x" });
      expect(renderOften(compile("${a}"), values)).toBe("x");
    });

    it("never reads a polluted Object.prototype, even after rendering fast", () => {
      const render = compile("[${polluted}]", "lenient");
      expect(renderOften(render, {})).toBe("[]");
      const prototype = Object.prototype as Record<string, unknown>;
      prototype.polluted = "pwned";
      try {
        expect(renderOften(render, {})).toBe("[]");
        expect(renderOften(compile("[${polluted}]", "lenient"), {})).toBe("[]");
      } finally {
        delete prototype.polluted;
      }
      expect(renderOften(render, { polluted: "own" })).toBe("[own]");
    });
  });

  it("renders hostile text and values verbatim", () => {
    const hostile = [
      '"',
      "'",
      "`",
      "\\",
      "\\u0041",
      "${x}",
      "*/",
      "/*",
      "\u2028",
      "\u2029",
      "\ud800",
      "\udfff",
      "</script>",
      "\0",
      '");process.exit(1);("',
    ].join("|");
    const escaped = hostile.replaceAll("${", () => "$${");
    const content = `${escaped}\${v}${escaped}`;
    expect(renderOften(compile(content), { v: hostile })).toBe(hostile + hostile + hostile);
  });

  it("keeps hostile names as data, even in an AST that bypassed the parser", () => {
    const names = [
      '"]; globalThis.injected = 1; ["',
      "`${globalThis.injected = 1}`",
      "\\",
      "*/ globalThis.injected = 1; /*",
      "\u2028globalThis.injected = 1",
      "\ud800",
    ];
    const ast: TemplateAst = {
      nodes: names.map((name) => ({
        type: "placeholder",
        name,
        spaceBefore: "",
        spaceAfter: "",
        offset: 0,
        length: 0,
      })),
    };
    for (const mode of ["strict", "lenient", "keep"] as const) {
      const render = compileAst(ast, mode, strategy);
      const values = Object.fromEntries(names.map((name, index) => [name, String(index)]));
      expect(renderOften(render, values)).toBe("012345");
      if (mode !== "strict") renderOften(render, {});
    }
    expect("injected" in globalThis).toBe(false);
  });
});

describe("compileTemplate", () => {
  it("defaults to strict mode", () => {
    expect(compileTemplate("${a}").mode).toBe("strict");
    expect(() => compileTemplate("${a}")({})).toThrow(MissingVariablesError);
  });

  it("throws TemplateSyntaxError with every error for invalid content", () => {
    const error = catchError(() => compileTemplate("${} ${a.b}"));
    expect(error).toBeInstanceOf(TemplateSyntaxError);
    expect((error as TemplateSyntaxError).errors.map((issue) => issue.code)).toEqual([
      "empty-placeholder",
      "invalid-variable-name",
    ]);
  });

  it("renders with the interpreter where code generation is forbidden", async () => {
    const script = fileURLToPath(
      new URL("./__fixtures__/render-without-code-generation.ts", import.meta.url),
    );
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ["--disallow-code-generation-from-strings", "--import", "tsx", script],
      { cwd: fileURLToPath(new URL("../..", import.meta.url)) },
    );
    expect(JSON.parse(stdout)).toEqual({
      outputs: ["MissingVariablesError", "你好 n99，!", "你好 n99，${ missing }!"],
      codeGenerationAllowed: false,
    });
  });
});

describe("properties", () => {
  fcTest.prop([anyContent, renderMode], { numRuns: 300 })(
    "compiling throws nothing but TemplateSyntaxError",
    (content, mode) => {
      try {
        compileTemplate(content, { mode });
        expect(parseTemplate(content).errors).toEqual([]);
      } catch (error) {
        expect(error).toBeInstanceOf(TemplateSyntaxError);
      }
    },
  );

  const validCase = anyContent
    .filter((content) => parseTemplate(content).errors.length === 0)
    .chain((content) =>
      fc.record({
        content: fc.constant(content),
        values: valuesFor(extractVariables(content)),
        mode: renderMode,
      }),
    );

  fcTest.prop([validCase], { numRuns: 300 })(
    "every renderer equals the reference interpreter in every mode",
    ({ content, values, mode }) => {
      const ast = parseTemplateOrThrow(content);
      const expected = referenceRender(content, ast, values, mode);
      for (const strategy of strategies) {
        const render = compileAst(ast, mode, strategy);
        for (let round = 0; round < 3; round++) {
          if ("output" in expected) {
            expect(render(values)).toBe(expected.output);
          } else {
            const error = catchError(() => render(values));
            expect((error as MissingVariablesError).missing).toEqual(expected.missing);
          }
        }
      }
    },
  );

  fcTest.prop([anyContent], { numRuns: 300 })(
    "extractVariables names exactly what the renderer asks for",
    (content) => {
      if (parseTemplate(content).errors.length > 0) return;
      const variables = extractVariables(content);
      const render = compileTemplate(content);
      expect(render.variables).toEqual(variables);
      if (variables.length === 0) {
        expect(render({})).toBe(
          parseTemplateOrThrow(content)
            .nodes.map((node) => (node.type === "text" ? node.value : ""))
            .join(""),
        );
      } else {
        expect((catchError(() => render({})) as MissingVariablesError).missing).toEqual(variables);
      }
    },
  );
});

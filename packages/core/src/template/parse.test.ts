// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings under test are `${var}` templates.
import { test as fcTest } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { anyContent } from "./__fixtures__/arbitraries.js";
import { TemplateSyntaxError } from "./errors.js";
import { parseTemplate, parseTemplateOrThrow } from "./parse.js";

function names(content: string): string[] {
  return parseTemplate(content).ast.nodes.flatMap((node) =>
    node.type === "placeholder" ? [node.name] : [],
  );
}

function codesAndPositions(content: string) {
  return parseTemplate(content).errors.map(({ code, offset, line, column, length }) => ({
    code,
    offset,
    line,
    column,
    length,
  }));
}

describe("placeholders", () => {
  it("parses ${name} into a placeholder node with its source span", () => {
    const { ast, errors } = parseTemplate("主题为：${theme}。");
    expect(errors).toEqual([]);
    expect(ast.nodes).toEqual([
      { type: "text", value: "主题为：", offset: 0, length: 4 },
      { type: "placeholder", name: "theme", spaceBefore: "", spaceAfter: "", offset: 4, length: 8 },
      { type: "text", value: "。", offset: 12, length: 1 },
    ]);
  });

  it.each([
    ["${主题}", "主题"],
    ["${theme_2}", "theme_2"],
    ["${_x}", "_x"],
    ["${2x}", "2x"],
    ["${e\u0301}", "e\u0301"],
    ["${٣٤}", "٣٤"],
    ["${𝒳}", "𝒳"],
    ["${constructor}", "constructor"],
  ])("accepts %j as the name %j", (content, name) => {
    expect(parseTemplate(content).errors).toEqual([]);
    expect(names(content)).toEqual([name]);
  });

  it("accepts spaces and tabs around the name and keeps them", () => {
    const { ast, errors } = parseTemplate("${ theme }${\ttone  }");
    expect(errors).toEqual([]);
    expect(ast.nodes).toEqual([
      {
        type: "placeholder",
        name: "theme",
        spaceBefore: " ",
        spaceAfter: " ",
        offset: 0,
        length: 10,
      },
      {
        type: "placeholder",
        name: "tone",
        spaceBefore: "\t",
        spaceAfter: "  ",
        offset: 10,
        length: 10,
      },
    ]);
  });

  it("lists placeholders of the same name each time they occur", () => {
    expect(names("${a}${b}${a}")).toEqual(["a", "b", "a"]);
  });
});

describe("literal text", () => {
  it("keeps a lone $, { and } as text", () => {
    const content = "Costs $5 {each} } { $";
    const { ast, errors } = parseTemplate(content);
    expect(errors).toEqual([]);
    expect(ast.nodes).toEqual([
      { type: "text", value: content, offset: 0, length: content.length },
    ]);
  });

  it("reads $${ as a literal ${ that declares no variable", () => {
    const { ast, errors } = parseTemplate("a$${name}b");
    expect(errors).toEqual([]);
    expect(ast.nodes).toEqual([{ type: "text", value: "a${name}b", offset: 0, length: 10 }]);
  });

  it("keeps $$ that is not followed by { as $$", () => {
    expect(parseTemplate("a $$ b $$").ast.nodes).toEqual([
      { type: "text", value: "a $$ b $$", offset: 0, length: 9 },
    ]);
  });

  it("reads a run of $ before { left to right: only the last two and { are the escape", () => {
    expect(parseTemplate("$$${x}").ast.nodes).toEqual([
      { type: "text", value: "$${x}", offset: 0, length: 6 },
    ]);
    expect(parseTemplate("$$$${x}").ast.nodes).toEqual([
      { type: "text", value: "$$${x}", offset: 0, length: 7 },
    ]);
  });

  it("ends a $ at the end of the content as text", () => {
    expect(parseTemplate("${a}$").ast.nodes).toEqual([
      { type: "placeholder", name: "a", spaceBefore: "", spaceAfter: "", offset: 0, length: 4 },
      { type: "text", value: "$", offset: 4, length: 1 },
    ]);
  });

  it("parses empty content to an empty AST", () => {
    expect(parseTemplate("")).toEqual({ ast: { nodes: [] }, errors: [] });
  });
});

describe("syntax errors", () => {
  it("reports ${} as empty-placeholder over the whole placeholder", () => {
    expect(codesAndPositions("${}")).toEqual([
      { code: "empty-placeholder", offset: 0, line: 1, column: 1, length: 3 },
    ]);
    expect(codesAndPositions("x ${ \t}")).toEqual([
      { code: "empty-placeholder", offset: 2, line: 1, column: 3, length: 5 },
    ]);
  });

  it.each([
    ["${a.b}", 3, 1],
    ["${a-b}", 3, 1],
    ["${a b}", 3, 1],
    ["${ a b }", 4, 1],
    ["${a  .b}", 3, 1],
    ["${.}", 2, 1],
    ["${a{b}", 3, 1],
    ["${a$b}", 3, 1],
    ["${😀}", 2, 2],
    ["${a😀b}", 3, 2],
    ["${\u3000a}", 2, 1],
    ["${a\ud800}", 3, 1],
  ])("reports %j as invalid-variable-name at offset %i (length %i)", (content, offset, length) => {
    expect(codesAndPositions(content)).toEqual([
      { code: "invalid-variable-name", offset, line: 1, column: offset + 1, length },
    ]);
  });

  it("names the bad character in the message", () => {
    const [error] = parseTemplate("${a.b}").errors;
    expect(error?.message).toContain('"." (U+002E)');
  });

  it("reports ${ without } before the end of the text as unterminated-placeholder at the ${", () => {
    expect(codesAndPositions("ab ${name")).toEqual([
      { code: "unterminated-placeholder", offset: 3, line: 1, column: 4, length: 2 },
    ]);
    expect(codesAndPositions("${")).toEqual([
      { code: "unterminated-placeholder", offset: 0, line: 1, column: 1, length: 2 },
    ]);
  });

  it("stops an unterminated placeholder at the line break, and parses the next line", () => {
    const { ast, errors } = parseTemplate("${name\nnext ${ok} }");
    expect(errors.map((error) => [error.code, error.offset])).toEqual([
      ["unterminated-placeholder", 0],
    ]);
    expect(ast.nodes).toEqual([
      { type: "text", value: "\nnext ", offset: 6, length: 6 },
      { type: "placeholder", name: "ok", spaceBefore: "", spaceAfter: "", offset: 12, length: 5 },
      { type: "text", value: " }", offset: 17, length: 2 },
    ]);
  });

  it.each(["\r\n", "\r", "\n"])("treats %j as the end of the line", (lineBreak) => {
    const content = `\${a${lineBreak}\${b}`;
    expect(parseTemplate(content).errors.map((error) => error.code)).toEqual([
      "unterminated-placeholder",
    ]);
    expect(names(content)).toEqual(["b"]);
  });

  it("reports ${a${b}} as nested-placeholder at the inner ${", () => {
    expect(codesAndPositions("${a${b}}")).toEqual([
      { code: "nested-placeholder", offset: 3, line: 1, column: 4, length: 2 },
    ]);
  });

  it("reports every nested ${ of one placeholder", () => {
    expect(codesAndPositions("${${a${b}").map((error) => [error.code, error.offset])).toEqual([
      ["nested-placeholder", 2],
      ["nested-placeholder", 5],
    ]);
  });

  it("reports all errors in one pass and keeps the text and placeholders around them", () => {
    const { ast, errors } = parseTemplate("a ${} b ${x} c ${y.z} d ${w");
    expect(errors.map((error) => [error.code, error.offset])).toEqual([
      ["empty-placeholder", 2],
      ["invalid-variable-name", 18],
      ["unterminated-placeholder", 24],
    ]);
    expect(ast.nodes.map((node) => (node.type === "text" ? node.value : `<${node.name}>`))).toEqual(
      ["a ", " b ", "<x>", " c ", " d "],
    );
  });
});

describe("positions", () => {
  it("counts lines ended by \\n, \\r\\n and \\r", () => {
    const content = "one\ntwo ${}\r\nthree ${a.b}\rfour ${";
    expect(codesAndPositions(content)).toEqual([
      { code: "empty-placeholder", offset: 8, line: 2, column: 5, length: 3 },
      { code: "invalid-variable-name", offset: 22, line: 3, column: 10, length: 1 },
      { code: "unterminated-placeholder", offset: 31, line: 4, column: 6, length: 2 },
    ]);
  });

  it("counts a Chinese character as one column", () => {
    expect(codesAndPositions("主题为：${}")).toEqual([
      { code: "empty-placeholder", offset: 4, line: 1, column: 5, length: 3 },
    ]);
  });

  it("counts an emoji (a surrogate pair) as one column but two offsets", () => {
    expect(codesAndPositions("😀😀 ${a.b}")).toEqual([
      { code: "invalid-variable-name", offset: 8, line: 1, column: 7, length: 1 },
    ]);
  });

  it("positions errors on later lines after CJK and emoji text", () => {
    const content = "第一行😀\r\n第二行 😀 ${主题 x}";
    expect(codesAndPositions(content)).toEqual([
      { code: "invalid-variable-name", offset: 18, line: 2, column: 11, length: 1 },
    ]);
  });
});

describe("parseTemplateOrThrow", () => {
  it("returns the AST of valid content", () => {
    expect(parseTemplateOrThrow("${a}").nodes).toHaveLength(1);
  });

  it("throws one TemplateSyntaxError carrying every error, listed with line:column", () => {
    const content = "${}\n${a.b}";
    let thrown: unknown;
    try {
      parseTemplateOrThrow(content);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(TemplateSyntaxError);
    const error = thrown as TemplateSyntaxError;
    expect(error.name).toBe("TemplateSyntaxError");
    expect(error.errors).toEqual(parseTemplate(content).errors);
    expect(error.message).toContain("2 syntax errors");
    expect(error.message).toContain("1:1 empty-placeholder");
    expect(error.message).toContain("2:4 invalid-variable-name");
  });
});

describe("properties", () => {
  fcTest.prop([anyContent], { numRuns: 500 })("never throws, on any content", (content) => {
    const { ast, errors } = parseTemplate(content);
    for (const error of errors) {
      expect(error.offset).toBeGreaterThanOrEqual(0);
      expect(error.offset + error.length).toBeLessThanOrEqual(content.length);
    }
    for (const node of ast.nodes) {
      expect(node.offset + node.length).toBeLessThanOrEqual(content.length);
    }
  });

  fcTest.prop([anyContent], { numRuns: 300 })(
    "nodes and errors tile the content in order, without overlapping",
    (content) => {
      const { ast, errors } = parseTemplate(content);
      let end = 0;
      for (const node of ast.nodes) {
        expect(node.offset).toBeGreaterThanOrEqual(end);
        end = node.offset + node.length;
      }
      const sortedOffsets = errors.map((error) => error.offset);
      expect(sortedOffsets).toEqual([...sortedOffsets].sort((a, b) => a - b));
    },
  );
});

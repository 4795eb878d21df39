// biome-ignore-all lint/suspicious/noTemplateCurlyInString: templates are written in the ${var} syntax on purpose.
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { formatPromptFile, parsePromptFile } from "./prompt-file.js";

describe("a prompt file", () => {
  it("is a small header and the content exactly", () => {
    const text = formatPromptFile({
      name: "小红书文案",
      content: "写一篇关于${theme}的笔记\n",
      workspaceId: "llm-abcdefghijklmnop",
      id: "3f9c2d0b7e1a4c5d8e9f0a1b2c3d4e5f",
    });
    expect(text).toBe(
      '---\nname: "小红书文案"\nworkspace: "llm-abcdefghijklmnop"\nid: "3f9c2d0b7e1a4c5d8e9f0a1b2c3d4e5f"\n---\n写一篇关于${theme}的笔记\n',
    );
  });

  test.prop([
    fc.record({
      name: fc.string({ unit: "binary", minLength: 1 }),
      content: fc.string({ unit: "binary" }),
      id: fc.option(fc.stringMatching(/^[0-9a-f]{32}$/), { nil: undefined }),
      system: fc.boolean(),
    }),
  ])("reads back any name and content, byte for byte", ({ name, content, id, system }) => {
    const file = {
      name,
      content,
      id,
      workspaceId: id === undefined ? undefined : "llm-x",
      ...(system ? { type: "System" as const } : {}),
    };
    const text = formatPromptFile(file);
    const headerLines = text.slice(0, text.length - content.length).split("\n").length - 1;
    expect(parsePromptFile(text, "fallback")).toEqual({ file, contentLine: headerLines + 1 });
  });

  it("without a header is a template named after its file", () => {
    expect(parsePromptFile("Hello ${who}", "greeting")).toEqual({
      file: { name: "greeting", content: "Hello ${who}" },
      contentLine: 1,
    });
  });

  it("reads a header written with CRLF line ends (an editor on Windows)", () => {
    expect(parsePromptFile('---\r\nname: "a"\r\n---\r\nbody', "x")).toEqual({
      file: { name: "a", content: "body", id: undefined, workspaceId: undefined },
      contentLine: 4,
    });
  });

  it.each([
    ['---\nname: "a"\n', 3, 1, 'no closing "---" line'],
    ['---\nname: "a"\nbody', 3, 1, 'is the closing "---" line missing?'],
    ["---\nname: a\n---\n", 2, 6, 'name must be a JSON string in double quotes, e.g. name: "…"'],
    ['---\nnmae: "a"\n---\n', 2, 1, 'unknown header line "nmae: \\"a\\""'],
    ['---\nname: "a"\nname: "b"\n---\n', 3, 1, "name is given twice in the header"],
    ['---\nid: "x"\n---\n', 1, 1, 'the header has no name: "…" line'],
    ['---\nname: ""\n---\n', 1, 1, "the name in the header is empty"],
    ['---\nname: "a"\nworkspace: "w"\n---\n', 1, 1, "the header names a workspace but no id"],
    ['---\nname: "a"\ntype: "Custom"\n---\n', 1, 1, 'type can only be "System"'],
  ])("refuses a header it cannot read: %j", (text, line, column, message) => {
    const result = parsePromptFile(text, "x");
    expect(result).toMatchObject({ problem: { line, column } });
    expect("problem" in result && result.problem.message).toContain(message);
  });
});

// biome-ignore-all lint/suspicious/noTemplateCurlyInString: templates are written in the ${var} syntax on purpose.
import { describe, expect, it } from "vitest";
import { renderPreview } from "./render-preview.js";

const content = "请以${tone}的语气写${theme}。";
const variables = ["tone", "theme"];

describe("renderPreview", () => {
  it("names every missing variable in strict mode; an empty field counts as missing", () => {
    expect(renderPreview(content, variables, { tone: "" }, "strict")).toEqual({
      ok: false,
      reason: "missing",
      missing: ["tone", "theme"],
    });
  });

  it("renders empty in lenient mode and keeps the placeholder in keep mode, naming what is unfilled", () => {
    expect(renderPreview(content, variables, { tone: "轻松" }, "lenient")).toEqual({
      ok: true,
      text: "请以轻松的语气写。",
      unfilled: ["theme"],
    });
    expect(renderPreview(content, variables, { tone: "轻松" }, "keep")).toEqual({
      ok: true,
      text: "请以轻松的语气写${theme}。",
      unfilled: ["theme"],
    });
  });

  it("renders with every value, and says so for content with syntax errors", () => {
    expect(renderPreview(content, variables, { tone: "轻松", theme: "春天" }, "strict")).toEqual({
      ok: true,
      text: "请以轻松的语气写春天。",
      unfilled: [],
    });
    expect(renderPreview("${a.b}", [], {}, "strict")).toMatchObject({
      ok: false,
      reason: "syntax",
    });
  });
});

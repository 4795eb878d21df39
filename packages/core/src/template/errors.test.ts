import { describe, expect, it } from "vitest";
import { PromptmillError } from "../errors/promptmill-error.js";
import { MissingVariablesError, TemplateSyntaxError, TemplateValueError } from "./errors.js";

describe("template errors", () => {
  it("are PromptmillErrors with literal names", () => {
    const errors = [
      new TemplateSyntaxError([]),
      new MissingVariablesError(["a"]),
      new TemplateValueError("a", "an object"),
    ];
    expect(errors.map((error) => error.name)).toEqual([
      "TemplateSyntaxError",
      "MissingVariablesError",
      "TemplateValueError",
    ]);
    for (const error of errors) {
      expect(error).toBeInstanceOf(PromptmillError);
      expect(PromptmillError.isInstance(error)).toBe(true);
    }
  });

  it("lists every syntax error with line:column in the message", () => {
    const error = new TemplateSyntaxError([
      { code: "empty-placeholder", message: "no name", offset: 0, line: 1, column: 1, length: 3 },
      { code: "nested-placeholder", message: "nested", offset: 9, line: 2, column: 4, length: 2 },
    ]);
    expect(error.message).toBe(
      "Template has 2 syntax errors:\n  1:1 empty-placeholder: no name\n  2:4 nested-placeholder: nested",
    );
    expect(error.errors).toHaveLength(2);
  });

  it("names every missing variable", () => {
    expect(new MissingVariablesError(["a"]).message).toBe(
      'Missing a value for template variable "a"',
    );
    expect(new MissingVariablesError(["a", "主题"]).message).toBe(
      'Missing values for template variables "a", "主题"',
    );
  });

  it("names the variable and the kind of a bad value", () => {
    const error = new TemplateValueError("config", "an object");
    expect(error.message).toBe(
      'The value of template variable "config" is an object; expected a string, number, bigint or boolean',
    );
  });
});

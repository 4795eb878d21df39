import {
  createPromptTemplateRequestSchema,
  listPromptTemplatesRequestSchema,
  OPERATIONS,
  type OperationName,
  type QueryValues,
} from "@promptmill/core";
import { describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS } from "../settings.js";
import { OperationParameters } from "./operation-parameters.js";

const parameters = new OperationParameters({
  ...DEFAULT_SETTINGS,
  nameMaxLength: 3,
  contentMaxLength: 4,
});

const query = (values: Record<string, string>): QueryValues =>
  Object.assign(Object.create(null), values);

function outcome(operation: OperationName, values: Record<string, string>) {
  const checked = parameters.check(operation, query(values));
  return checked.ok ? { params: checked.params } : checked.error;
}

describe("OperationParameters", () => {
  it("has one rule for each parameter OPERATIONS lists, with the error code core gives it", () => {
    for (const operation of Object.keys(OPERATIONS) as OperationName[]) {
      expect(parameters.rules[operation].map((rule) => rule.name)).toEqual([
        ...OPERATIONS[operation].query,
      ]);
    }
    const codeOf = (operation: OperationName, name: string) =>
      parameters.rules[operation].find((rule) => rule.name === name)?.errorCode;
    expect(codeOf("CreatePromptTemplate", "name")).toBe(
      createPromptTemplateRequestSchema.shape.name.meta()?.errorCode,
    );
    expect(codeOf("ListPromptTemplates", "maxResults")).toBe(
      listPromptTemplatesRequestSchema.shape.maxResults.unwrap().meta()?.errorCode,
    );
  });

  it("refuses a parameter the operation does not take, naming it and what it takes", () => {
    expect(outcome("ListPromptTemplates", { "name=A&type": "Custom" })).toEqual({
      code: "InvalidParameter",
      message:
        'ListPromptTemplates has no parameter "name=A&type"; it takes name, type, maxResults, nextToken.',
    });
    expect(outcome("GetPromptTemplate", { name: "x" })).toEqual({
      code: "InvalidParameter",
      message: 'GetPromptTemplate has no parameter "name"; it takes none.',
    });
    // Reported before the missing name it may be a misspelling of.
    expect(outcome("CreatePromptTemplate", { Name: "x", content: "y" })).toMatchObject({
      code: "InvalidParameter",
    });
    const proto: QueryValues = Object.create(null);
    Object.defineProperty(proto, "__proto__", { value: "x", enumerable: true });
    expect(parameters.check("ListPromptTemplates", proto)).toMatchObject({
      ok: false,
      error: { code: "InvalidParameter" },
    });
  });

  it("checks lengths in code points and names the parameter", () => {
    expect(outcome("CreatePromptTemplate", { name: "😀😀😀", content: "𝒳𝒳𝒳𝒳" })).toEqual({
      params: { name: "😀😀😀", content: "𝒳𝒳𝒳𝒳" },
    });
    expect(outcome("CreatePromptTemplate", { name: "abcd", content: "x" })).toEqual({
      code: "PromptTemplate.NameInvalid",
      message: "The parameter name must be 1 to 3 characters (code points), not only whitespace.",
    });
    expect(outcome("CreatePromptTemplate", { name: " \t", content: "x" })).toMatchObject({
      code: "PromptTemplate.NameInvalid",
    });
    expect(outcome("CreatePromptTemplate", { content: "x" })).toEqual({
      code: "PromptTemplate.NameInvalid",
      message: "The parameter name is required.",
    });
    expect(outcome("UpdatePromptTemplate", { content: "abcde" })).toMatchObject({
      code: "PromptTemplate.ContentInvalid",
    });
    expect(outcome("UpdatePromptTemplate", {})).toEqual({ params: {} });
  });

  it("reads maxResults as plain decimal digits only, with the default when absent", () => {
    for (const maxResults of ["0", "101", "-1", "abc", "5.0", "1e1", " 5", "+5", "05", "0x10"]) {
      expect(outcome("ListPromptTemplates", { maxResults }), maxResults).toMatchObject({
        code: "PromptTemplate.MaxResultsInvalid",
      });
    }
    expect(outcome("ListPromptTemplates", { maxResults: "100" })).toEqual({
      params: { maxResults: 100 },
    });
    expect(outcome("ListPromptTemplates", {})).toEqual({ params: { maxResults: 20 } });
  });

  it("counts an empty List parameter as absent", () => {
    expect(
      outcome("ListPromptTemplates", { name: "", type: "", maxResults: "", nextToken: "" }),
    ).toEqual({ params: { maxResults: 20 } });
    expect(outcome("ListPromptTemplates", { type: "custom" })).toEqual({
      code: "PromptTemplate.TypeInvalid",
      message: "The parameter type must be System or Custom.",
    });
  });

  it("names the parameter whose bytes are not UTF-8, with its own code when it has one", () => {
    expect(parameters.undecodable("CreatePromptTemplate", "content", "is not UTF-8")).toEqual({
      code: "PromptTemplate.ContentInvalid",
      message: "The parameter content is not UTF-8.",
    });
    expect(parameters.undecodable("CreatePromptTemplate", "%FF", "is not UTF-8")).toMatchObject({
      code: "InvalidParameter",
    });
  });
});

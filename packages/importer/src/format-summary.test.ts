// biome-ignore-all lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
import { describe, expect, it } from "vitest";
import { formatPlan } from "./format-summary.js";
import type { ImportPlan, PlannedRow } from "./plan-import.js";

// What a CSV row or the service holds reaches a terminal through these lines (the worker and
// the CLI print them as they are): no control character may arrive raw.
const ESC_NAME = "evil\u001b]0;owned\u0007\u009b31m\u202eRED";

function row(overrides: Partial<PlannedRow>): PlannedRow {
  return {
    line: 2,
    name: ESC_NAME,
    action: "conflict",
    promptTemplateId: undefined,
    reasons: [],
    message: "the service said:\nPromptTemplate.Fake \u001b[2J",
    warnings: "",
    ...overrides,
  };
}

const none = { create: [], update: [], skip: [], conflict: [], reject: [], done: [] };

describe("formatPlan", () => {
  it("shows the control characters of names and service messages visibly, one row a line", () => {
    const plan: ImportPlan = {
      input: "in.csv",
      workspaceId: "llm-x",
      endpoint: "http://127.0.0.1:1",
      onExisting: "fail",
      rows: 1,
      counts: { create: 0, update: 0, skip: 0, conflict: 1, reject: 0, done: 0 },
      examples: { ...none, conflict: [row({})] },
      nearDuplicates: 0,
      existingTemplates: 1,
      existingStrategy: "listing",
      existingRequests: 1,
      serviceError: undefined,
      journalFile: "in.journal",
      resumes: false,
      planFile: undefined,
      planRejectFile: undefined,
    };
    const text = formatPlan(plan);
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    const line = text.split("\n").find((candidate) => candidate.startsWith("    line 2 "));
    expect(line).toBe(
      '    line 2 "evil\\u001b]0;owned\\u0007\\x9B31m\\u{202E}RED": the service said:\\nPromptTemplate.Fake \\x1B[2J',
    );
  });
});

// biome-ignore-all lint/suspicious/noTemplateCurlyInString: prompt templates are written in the ${var} syntax on purpose.

import { startWorkMeter, type WorkMeter } from "@promptmill/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TemplateCsvRow } from "./read-template-csv.js";

/*
 * A row is parsed at most once, and an over-long row not at all: a 120 KB row once took 24 s
 * of dry run, parsed twice at quadratic cost. Counted with V8's call counts of the parser's
 * entry point (`parseCst`), so the meter starts before the code under test is imported.
 */

let meter: WorkMeter;
let checkRow: typeof import("./check-row.js").checkRow;
beforeAll(async () => {
  meter = await startWorkMeter();
  ({ checkRow } = await import("./check-row.js"));
});
afterAll(() => meter.stop());

function row(overrides: Partial<TemplateCsvRow>): TemplateCsvRow {
  return {
    line: 2,
    index: 0,
    fields: [],
    name: "greeting",
    content: "Hello ${user}",
    variables: undefined,
    sample: undefined,
    sampleColumns: [],
    ...overrides,
  };
}

async function parsesOf(input: TemplateCsvRow) {
  let reasons: string[] = [];
  const work = await meter.measure(() => {
    reasons = checkRow(input).problems.map((problem) => problem.reason);
  });
  return { reasons, parses: work.calls("parseCst") };
}

describe("checkRow parses a row at most once", () => {
  it("once for a valid row whose variables and sample are checked", async () => {
    const checked = row({
      content: "你好 ${user}，今天是 ${day}。${ user }!",
      variables: "user; day",
      sample: '{"user": "小明"}',
      sampleColumns: [["day", "周一"]],
    });
    expect(await parsesOf(checked)).toEqual({ reasons: [], parses: 1 });
    const incomplete = row({ content: "${a} ${b}", sample: '{"a": 1}' });
    expect(await parsesOf(incomplete)).toEqual({ reasons: ["sample-incomplete"], parses: 1 });
  });

  it("never for valid content without sample values: its variables need no AST", async () => {
    const checked = row({
      content: "你好 ${user}，今天是 ${day}。${ user }!",
      variables: "user; day",
    });
    expect(await parsesOf(checked)).toEqual({ reasons: [], parses: 0 });
    const undeclared = row({ content: "${a} ${b}", variables: "a" });
    expect(await parsesOf(undeclared)).toEqual({ reasons: ["variable-undeclared"], parses: 0 });
  });

  it("once for content with syntax errors", async () => {
    expect(await parsesOf(row({ content: "${.}".repeat(4_000) }))).toEqual({
      reasons: ["template-syntax"],
      parses: 1,
    });
  });

  it("never for content already refused for its length, however it is written", async () => {
    // 120 KB of unterminated placeholders: the row of the 24-second dry run.
    const oversize = row({ content: "${".repeat(60_000), sample: '{"a": 1}' });
    expect(await parsesOf(oversize)).toEqual({ reasons: ["content-too-long"], parses: 0 });
  });
});

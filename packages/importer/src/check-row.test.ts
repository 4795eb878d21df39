// biome-ignore-all lint/suspicious/noTemplateCurlyInString: prompt templates are written in the ${var} syntax on purpose.
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { checkRow, codePointLength } from "./check-row.js";
import { readTemplateCsv, type TemplateCsvRow } from "./read-template-csv.js";

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

const reasonsOf = (input: Partial<TemplateCsvRow>, limits?: { nameMaxLength?: number }) =>
  checkRow(row(input), { limits }).problems.map((problem) => problem.reason);

describe("checkRow", () => {
  it("passes a valid row and lists its variables", () => {
    const check = checkRow(row({ content: "${a} and ${b} and ${a}", variables: "a;b" }));
    expect(check).toEqual({ ok: true, problems: [], variables: ["a", "b"] });
  });

  it("rejects an empty or blank name and a name over the limit, counting code points", () => {
    expect(reasonsOf({ name: "" })).toEqual(["name-empty"]);
    expect(reasonsOf({ name: " \t" })).toEqual(["name-empty"]);
    expect(reasonsOf({ name: "😀".repeat(128) })).toEqual([]);
    expect(reasonsOf({ name: "😀".repeat(129) })).toEqual(["name-too-long"]);
    expect(reasonsOf({ name: "abcd" }, { nameMaxLength: 3 })).toEqual(["name-too-long"]);
    expect(checkRow(row({ name: "x".repeat(129) })).problems[0]?.message).toBe(
      "the name has 129 characters; the limit is 128",
    );
  });

  it("rejects a name that an earlier row of the file has, naming that row's line", () => {
    const check = checkRow(row({ name: "dup" }), { earlierNames: new Map([["dup", 7]]) });
    expect(check.problems).toEqual([
      { reason: "name-duplicate-in-file", message: "line 7 has the same name" },
    ]);
  });

  it("rejects empty content and content over the limit", () => {
    expect(reasonsOf({ content: "" })).toEqual(["content-empty"]);
    expect(reasonsOf({ content: "你".repeat(20_000) })).toEqual([]);
    expect(reasonsOf({ content: "你".repeat(20_001) })).toEqual(["content-too-long"]);
  });

  it("reports every syntax error with its line and column inside the content", () => {
    const check = checkRow(row({ content: "Hi ${}\n你好 ${a.b} and ${open" }));
    expect(check.problems.map((problem) => problem.reason)).toEqual(["template-syntax"]);
    expect(check.problems[0]?.message).toMatch(/^content 1:4 empty-placeholder: /);
    expect(check.problems[0]?.message).toMatch(/; content 2:7 invalid-variable-name: /);
    expect(check.problems[0]?.message).toMatch(/; content 2:15 unterminated-placeholder: /);
  });

  it("says how many syntax errors it did not list", () => {
    const check = checkRow(row({ content: "${} ${} ${} ${} ${}" }));
    expect(check.problems[0]?.message).toMatch(/; and 2 more$/);
  });

  it("checks declared variables both ways when the variables column exists", () => {
    expect(reasonsOf({ content: "${a} ${b}", variables: "a" })).toEqual(["variable-undeclared"]);
    expect(reasonsOf({ content: "${a}", variables: "a, b" })).toEqual(["variable-unused"]);
    expect(reasonsOf({ content: "${a} ${c}", variables: '["a", "b"]' })).toEqual([
      "variable-undeclared",
      "variable-unused",
    ]);
    expect(reasonsOf({ content: "${a}", variables: "" })).toEqual(["variable-undeclared"]);
    expect(reasonsOf({ content: "no variables", variables: " " })).toEqual([]);
    expect(reasonsOf({ content: "${a}" })).toEqual([]);
    expect(checkRow(row({ content: "${a} ${b}", variables: "a" })).problems[0]?.message).toBe(
      'the content uses "b", not declared in variables',
    );
  });

  it("rejects a variables cell that cannot be read", () => {
    expect(reasonsOf({ content: "${a}", variables: '["a"' })).toEqual(["variables-invalid"]);
    expect(reasonsOf({ content: "${a}", variables: "[1]" })).toEqual(["variables-invalid"]);
    const check = checkRow(row({ content: "${a}", variables: "a; b-c; d e" }));
    expect(check.problems).toEqual([
      {
        reason: "variables-invalid",
        message: '"b-c", "d e" are not valid variable names (letters, digits, _)',
      },
    ]);
  });

  it("renders the sample values in strict mode", () => {
    const content = "Hi ${user}, ${count} items";
    expect(reasonsOf({ content, sample: '{"user": "Ann", "count": 3}' })).toEqual([]);
    expect(reasonsOf({ content, sample: '{"user": "Ann"}' })).toEqual(["sample-incomplete"]);
    expect(reasonsOf({ content, sample: "{}", sampleColumns: [["user", "Ann"]] })).toEqual([
      "sample-incomplete",
    ]);
    expect(
      reasonsOf({
        content,
        sample: '{"count": 0}',
        sampleColumns: [["user", "Ann"]],
      }),
    ).toEqual([]);
    expect(reasonsOf({ content, sample: '{"user": null, "count": 1}' })).toEqual([
      "sample-incomplete",
    ]);
    expect(checkRow(row({ content, sample: "{}" })).problems[0]?.message).toBe(
      'no sample value for "user", "count"',
    );
  });

  it("rejects a sample that is not a JSON object of plain values", () => {
    expect(reasonsOf({ sample: "Ann" })).toEqual(["sample-invalid"]);
    expect(reasonsOf({ sample: '["Ann"]' })).toEqual(["sample-invalid"]);
    expect(reasonsOf({ sample: '{"user": {"first": "Ann"}}' })).toEqual(["sample-invalid"]);
  });

  it("does not judge variables or samples of content with syntax errors", () => {
    expect(reasonsOf({ content: "${a} ${", variables: "b", sample: "{}" })).toEqual([
      "template-syntax",
    ]);
  });

  it("collects every problem of a row", () => {
    expect(
      checkRow(row({ name: "", content: "${x}", variables: "y" }), {
        earlierNames: new Map([["", 2]]),
      }).problems.map((problem) => problem.reason),
    ).toEqual(["name-empty", "name-duplicate-in-file", "variable-undeclared", "variable-unused"]);
  });
});

describe("codePointLength", () => {
  it("counts a surrogate pair as one and a lone surrogate as one", () => {
    expect(codePointLength("a😀b")).toBe(3);
    expect(codePointLength("\ud800x")).toBe(2);
    expect(codePointLength("")).toBe(0);
  });
});

describe("the fixture corpus through the reader and the checks", () => {
  const fixture = (name: string) =>
    fileURLToPath(new URL(`./__fixtures__/${name}`, import.meta.url));

  async function verdicts(name: string): Promise<Array<[number, string]>> {
    const out: Array<[number, string]> = [];
    const earlierNames = new Map<string, number>();
    for await (const entry of readTemplateCsv(fixture(name))) {
      if (entry.type === "header") continue;
      if (entry.type === "unreadable") {
        out.push([entry.row.line, entry.row.reason]);
        continue;
      }
      const check = checkRow(entry.row, { earlierNames });
      if (!earlierNames.has(entry.row.name)) earlierNames.set(entry.row.name, entry.row.line);
      out.push([entry.row.line, check.ok ? "ok" : check.problems.map((p) => p.reason).join(";")]);
    }
    return out;
  }

  it("json-variables.csv", async () => {
    expect(await verdicts("json-variables.csv")).toEqual([
      [2, "ok"],
      [3, "ok"],
      [4, "ok"],
      [5, "variables-invalid"],
    ]);
  });

  it("var-columns.csv", async () => {
    expect(await verdicts("var-columns.csv")).toEqual([
      [2, "ok"],
      [3, "sample-incomplete"],
      [4, "ok"],
    ]);
  });

  it("sample-json.csv", async () => {
    expect(await verdicts("sample-json.csv")).toEqual([
      [2, "ok"],
      [3, "ok"],
      [4, "sample-invalid"],
      [5, "sample-invalid"],
      [6, "sample-invalid"],
    ]);
  });

  it("oversize.csv", async () => {
    expect(await verdicts("oversize.csv")).toEqual([
      [2, "ok"],
      [3, "content-too-long"],
      [4, "name-too-long"],
      [5, "ok"],
      [6, "ok"],
      [8, "ok"],
    ]);
  });

  it("bom-crlf.csv", async () => {
    expect(await verdicts("bom-crlf.csv")).toEqual([
      [2, "ok"],
      [4, "ok"],
      [5, "ok"],
    ]);
  });
});

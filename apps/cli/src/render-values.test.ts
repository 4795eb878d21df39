import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectRenderValues, parseVarAssignments } from "./render-values.js";
import { UsageError } from "./usage-error.js";

describe("parseVarAssignments", () => {
  it("splits at the first = only, so values may contain =", () => {
    expect(parseVarAssignments(["theme=a=b", "主题=春天", "empty="])).toEqual({
      theme: "a=b",
      主题: "春天",
      empty: "",
    });
  });

  it("rejects a pair without a name or without =", () => {
    expect(() => parseVarAssignments(["novalue"])).toThrow(UsageError);
    expect(() => parseVarAssignments(["=x"])).toThrow(/expected name=value/);
  });
});

describe("collectRenderValues", () => {
  let directory: string;
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), "promptmill-values-"));
  });
  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it("lets --var win over the values file", async () => {
    const file = join(directory, "values.json");
    await writeFile(file, JSON.stringify({ theme: "from file", tone: "calm" }));
    expect(await collectRenderValues(["theme=from flag"], file)).toEqual({
      theme: "from flag",
      tone: "calm",
    });
  });

  it("names the file when it is not a JSON object", async () => {
    const file = join(directory, "list.json");
    await writeFile(file, "[1, 2]");
    await expect(collectRenderValues([], file)).rejects.toThrow(
      /list\.json: expected a JSON object/,
    );
    await writeFile(file, "{oops");
    await expect(collectRenderValues([], file)).rejects.toThrow(/not valid JSON/);
  });
});

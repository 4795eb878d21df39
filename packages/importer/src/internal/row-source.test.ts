// biome-ignore-all lint/suspicious/noTemplateCurlyInString: templates are written in the ${var} syntax on purpose.
import { appendFileSync, readdirSync, readlinkSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type TempDir, tempDir } from "../__test__/local-service.js";
import { DEFAULT_LIMITS } from "../import-options.js";
import { rowDigest } from "./row-identity.js";
import { RowSource, type SourceRow } from "./row-source.js";

let dir: TempDir;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => dir.remove());

const OPTIONS = { allowUnknownColumns: false, maxFieldBytes: 1 << 20, limits: DEFAULT_LIMITS };

async function readAll(path: string): Promise<SourceRow[]> {
  const source = await RowSource.open(path, OPTIONS);
  const rows: SourceRow[] = [];
  for await (const row of source.rows()) rows.push(row);
  await source.close();
  return rows;
}

const openUnder = (path: string) =>
  readdirSync("/proc/self/fd").filter((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`).startsWith(path);
    } catch {
      return false;
    }
  });

describe("RowSource", () => {
  it("reads and checks each row, with its identity", async () => {
    const path = dir.csv("rows.csv", [
      ["name", "content", "variables"],
      ["a", "Hi ${u}", "u"],
      ["b", "Hi ${", ""],
    ]);
    const [a, b] = await readAll(path);
    expect(a).toMatchObject({ index: 0, line: 2, name: "a", problems: [], nearDuplicates: [] });
    expect(a?.digest).toBe(rowDigest({ name: "a", content: "Hi ${u}", variables: "u" }));
    expect(b?.problems.map((problem) => problem.reason)).toEqual(["template-syntax"]);
  });

  it("compares names across the file: an exact repeat is rejected, a near one is noted", async () => {
    const path = dir.csv("names.csv", [
      ["name", "content"],
      ["Report", "1"],
      ["report ", "2"],
      ["Report", "3"],
    ]);
    const rows = await readAll(path);
    expect(rows[1]?.nearDuplicates).toEqual([{ kind: "row", line: 2, name: "Report" }]);
    expect(rows[2]?.problems.map((problem) => problem.reason)).toEqual(["name-duplicate-in-file"]);
    expect(rows[2]?.nearDuplicates).toEqual([]);
  });

  it("gives a row it cannot split its reason, and no identity", async () => {
    const path = dir.csv("broken.csv", [["name", "content"]]);
    appendFileSync(path, "x,y,z\n");
    const [row] = await readAll(path);
    expect(row).toMatchObject({
      line: 2,
      digest: undefined,
      problems: [{ reason: "csv-column-count" }],
    });
  });

  it("closes the file when reading stops half-way", async () => {
    const path = dir.csv("half.csv", [
      ["name", "content"],
      ...Array.from({ length: 5 }, (_, i) => [`n${i}`, "c"]),
    ]);
    const source = await RowSource.open(path, OPTIONS);
    for await (const _ of source.rows()) break;
    await source.close();
    expect(openUnder(dir.path)).toEqual([]);
  });
});

import { writeFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type TempDir, tempDir } from "../__test__/local-service.js";
import { countCsvRows } from "./count-csv-rows.js";

let dir: TempDir;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => dir.remove());

function fileWith(text: string): string {
  const path = dir.file("rows.csv");
  writeFileSync(path, text);
  return path;
}

describe("countCsvRows", () => {
  it("counts data rows, with any line ending and without a final one", async () => {
    expect(await countCsvRows(fileWith("name,content\na,A\r\nb,B\rc,C"))).toBe(3);
    expect(await countCsvRows(fileWith("name,content\n"))).toBe(0);
    expect(await countCsvRows(fileWith(""))).toBe(0);
  });

  it("does not end a row at a line break inside quotes, or count blank lines", async () => {
    const text = 'name,content\n"a","line one\nline two\r\n"\n\n,,\n  \nb,"say ""hi"""\n';
    expect(await countCsvRows(fileWith(text))).toBe(2);
  });
});

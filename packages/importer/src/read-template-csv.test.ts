// biome-ignore-all lint/suspicious/noTemplateCurlyInString: prompt templates are written in the ${var} syntax on purpose.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { CsvHeaderError } from "./errors.js";
import {
  type ReadTemplateCsvOptions,
  readTemplateCsv,
  type TemplateCsvEntry,
} from "./read-template-csv.js";

const fixture = (name: string) => fileURLToPath(new URL(`./__fixtures__/${name}`, import.meta.url));

async function collect(
  source: string | AsyncIterable<Uint8Array>,
  options?: ReadTemplateCsvOptions,
): Promise<TemplateCsvEntry[]> {
  const entries: TemplateCsvEntry[] = [];
  for await (const entry of readTemplateCsv(source, options)) entries.push(entry);
  return entries;
}

/** Line, then the name for rows or the reason for unreadable rows. */
function outline(entries: TemplateCsvEntry[]): Array<[number, string]> {
  return entries.flatMap((entry): Array<[number, string]> => {
    if (entry.type === "row") return [[entry.row.line, `row:${entry.row.name}`]];
    if (entry.type === "unreadable") return [[entry.row.line, entry.row.reason]];
    return [];
  });
}

async function* inChunksOf(size: number, bytes: Buffer): AsyncGenerator<Uint8Array> {
  for (let offset = 0; offset < bytes.length; offset += size) {
    yield bytes.subarray(offset, offset + size);
  }
}

describe("readTemplateCsv", () => {
  it("reads a BOM, CRLF line ends, and quoted fields with newlines and commas", async () => {
    const entries = await collect(fixture("bom-crlf.csv"));
    expect(entries[0]).toEqual({ type: "header", columns: ["name", "content", "variables"] });
    expect(outline(entries)).toEqual([
      [2, "row:greeting"],
      [4, "row:plain"],
      [5, "row:comma, name"],
    ]);
    const greeting = entries[1];
    expect(greeting?.type === "row" && greeting.row.content).toBe(
      "Hello ${user},\r\nwelcome to ${place}!",
    );
    expect(greeting?.type === "row" && greeting.row.variables).toBe("user;place");
    const comma = entries[3];
    expect(comma?.type === "row" && comma.row.content).toBe("a, b, and c");
  });

  it("reports stray and unclosed quotes at the line where the row starts, then reads on", async () => {
    const entries = await collect(fixture("unbalanced-quotes.csv"));
    expect(outline(entries)).toEqual([
      [2, "row:first"],
      [3, "csv-quotes"],
      [4, "row:third"],
      [5, "csv-quotes"],
      [6, "row:fifth"],
    ]);
    expect(entries.map((entry) => entry.type !== "header" && entry.row.index)).toEqual([
      false,
      0,
      1,
      2,
      3,
      4,
    ]);
  });

  it("reports a quote left open at the end of the file", async () => {
    const entries = await collect(fixture("unclosed-at-end.csv"));
    expect(outline(entries)).toEqual([
      [2, "row:first"],
      [3, "row:second"],
      [5, "csv-quotes"],
      [6, "csv-column-count"],
    ]);
  });

  it("rejects rows with more or fewer fields than the header, with their fields", async () => {
    const entries = await collect(fixture("wrong-column-count.csv"));
    expect(outline(entries)).toEqual([
      [2, "row:first"],
      [3, "csv-column-count"],
      [5, "csv-column-count"],
      [6, "row:fourth"],
    ]);
    const extra = entries[2];
    expect(extra?.type === "unreadable" && extra.row.fields).toEqual([
      "second",
      "line a\nline b",
      "extra",
    ]);
    expect(extra?.type === "unreadable" && extra.row.message).toBe(
      "expected 2 fields as in the header, got 3",
    );
  });

  it("turns invalid UTF-8 into a row reject naming the column and byte, never U+FFFD", async () => {
    const entries = await collect(fixture("invalid-utf8.csv"));
    expect(outline(entries)).toEqual([
      [2, "row:first"],
      [3, "csv-invalid-utf8"],
      [4, "row:multi\nline name"],
      [6, "csv-invalid-utf8"],
      [8, "row:last"],
    ]);
    const latin1 = entries[2];
    expect(latin1?.type === "unreadable" && latin1.row.message).toBe(
      'invalid UTF-8 in column "content": byte 0xE9 at byte 3 of the field',
    );
    const truncated = entries[4];
    expect(truncated?.type === "unreadable" && truncated.row.message).toBe(
      'invalid UTF-8 in column "content": byte 0xE4 at byte 0 of the field',
    );
    const chinese = entries[3];
    expect(chinese?.type === "row" && chinese.row.content).toBe("ok 你好");
  });

  it("rejects a field larger than maxFieldBytes and reads on from the next line", async () => {
    const entries = await collect(fixture("oversize.csv"), { maxFieldBytes: 2000 });
    expect(outline(entries)).toEqual([
      [2, "row:ok"],
      [3, "csv-field-too-large"],
      [4, `row:${"n".repeat(129)}`],
      [5, "csv-field-too-large"],
      [6, "csv-field-too-large"],
      // The tail of the broken quoted field is read as a row of its own, and fails.
      [7, "csv-quotes"],
      [8, "row:after"],
    ]);
  });

  it("keeps an oversize field that is under maxFieldBytes for the checks to reject", async () => {
    const entries = await collect(fixture("oversize.csv"));
    const limit = entries.find((entry) => entry.type === "row" && entry.row.name === "limit");
    expect(limit?.type === "row" && [...limit.row.content].length).toBe(20_000);
  });

  it("fails on unknown columns unless they are allowed", async () => {
    await expect(collect(fixture("unknown-column.csv"))).rejects.toThrow(CsvHeaderError);
    await expect(collect(fixture("unknown-column.csv"))).rejects.toThrow(/unknown column "owner"/);
    const entries = await collect(fixture("unknown-column.csv"), { allowUnknownColumns: true });
    expect(outline(entries)).toEqual([[2, "row:first"]]);
  });

  it("fails on a missing required column, a repeated column and an empty file", async () => {
    const header = async (text: string) => collect(inChunksOf(64, Buffer.from(text)));
    await expect(header("name,variables\na,b\n")).rejects.toThrow(
      /the required column "content" is missing/,
    );
    await expect(header("name,content,name\n")).rejects.toThrow(/column "name" appears twice/);
    await expect(header("")).rejects.toThrow(/the file is empty/);
    await expect(header('"name,content\n')).rejects.toThrow(/header row \(line 1\)/);
  });

  it("picks out the variables, sample and var.<name> cells", async () => {
    const entries = await collect(fixture("var-columns.csv"));
    const rows = entries.flatMap((entry) => (entry.type === "row" ? [entry.row] : []));
    expect(rows.map((row) => row.sampleColumns)).toEqual([
      [
        ["user", "Ann"],
        ["place", "Paris"],
      ],
      [["user", "Ann"]],
      [],
    ]);
    expect(rows[0]?.variables).toBeUndefined();
    expect(rows[0]?.sample).toBeUndefined();
    const json = await collect(fixture("json-variables.csv"));
    expect(json[1]?.type === "row" && json[1].row.variables).toBe('["name","topic"]');
  });

  it("skips blank lines and rows whose fields are all empty", async () => {
    const entries = await collect(fixture("blank-lines.csv"));
    expect(outline(entries)).toEqual([
      [3, "row:first"],
      [6, "row:second"],
    ]);
  });

  it("gives the same entries whatever the chunk boundaries", async () => {
    for (const name of [
      "bom-crlf.csv",
      "unbalanced-quotes.csv",
      "unclosed-at-end.csv",
      "invalid-utf8.csv",
      "wrong-column-count.csv",
    ]) {
      const whole = await collect(fixture(name));
      const bytes = readFileSync(fixture(name));
      for (const size of [1, 2, 3, 5, 17]) {
        expect(await collect(inChunksOf(size, bytes)), `${name} in ${size}-byte chunks`).toEqual(
          whole,
        );
      }
    }
  });

  it("counts a lone CR, LF and CRLF as one line end each, also inside quoted fields", async () => {
    const text = 'name,content\r\na,"x\r\ny\rz\nw"\rb,ok\nc,ok\r\n';
    const entries = await collect(inChunksOf(4, Buffer.from(text)));
    expect(outline(entries)).toEqual([
      [2, "row:a"],
      [6, "row:b"],
      [7, "row:c"],
    ]);
  });
});

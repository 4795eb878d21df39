// biome-ignore-all lint/suspicious/noTemplateCurlyInString: templates are written in the ${var} syntax on purpose.
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { EXPORT_COLUMNS, formatCsvRecord, formatExportRecord } from "./export-csv.js";
import { readTemplateCsv } from "./read-template-csv.js";

describe("formatCsvRecord", () => {
  it("leaves plain fields alone and quotes fields with quotes, commas or line breaks", () => {
    expect(formatCsvRecord(["小红书", "a;b", ""])).toBe("小红书,a;b,\r\n");
    expect(formatCsvRecord(['say "hi"', "a,b", "line1\nline2", "cr\r"])).toBe(
      '"say ""hi""","a,b","line1\nline2","cr\r"\r\n',
    );
  });
});

describe("an export", () => {
  it("reads back through the importer's reader unchanged", async () => {
    const templates = [
      {
        name: "小红书文案",
        content: "写一篇关于${theme}的笔记\r\n语气${tone}",
        variables: ["theme", "tone"],
      },
      { name: 'say "hi", twice', content: "line1\nline2\rline3", variables: [] },
    ];
    const exported = formatCsvRecord(EXPORT_COLUMNS) + templates.map(formatExportRecord).join("");
    const rows = [];
    for await (const entry of readTemplateCsv(Readable.from([Buffer.from(exported)]))) {
      if (entry.type === "row") rows.push(entry.row);
    }
    expect(rows.map((row) => [row.name, row.content, row.variables])).toEqual(
      templates.map((template) => [template.name, template.content, template.variables.join(";")]),
    );
  });
});

import { isUtf8 } from "node:buffer";
import { createReadStream } from "node:fs";
import { invalidUtf8Offset } from "@promptmill/core";
import { CsvHeaderError } from "./errors.js";
import { type CsvStructureErrorCode, readCsvRecords } from "./internal/csv-records.js";
import type { RejectReason } from "./reject-reason.js";

/** One data row, decoded, with its cells picked out by column. */
export interface TemplateCsvRow {
  /** Physical line (1-based) where the row starts. */
  readonly line: number;
  /** Position among the data rows (0-based), including the ones that could not be read. */
  readonly index: number;
  /** Every field as written, in header order: what the reject file repeats. */
  readonly fields: readonly string[];
  readonly name: string;
  readonly content: string;
  /** The `variables` cell, when the file has that column. */
  readonly variables: string | undefined;
  /** The `sample` cell, when the file has that column. */
  readonly sample: string | undefined;
  /** Non-empty `var.<name>` cells, as [variable, value]. */
  readonly sampleColumns: ReadonlyArray<readonly [string, string]>;
}

/** A row that could not be read as fields (broken quoting, wrong field count, bad bytes). */
export interface UnreadableCsvRow {
  readonly line: number;
  readonly index: number;
  readonly reason: RejectReason;
  readonly message: string;
  /** What could be read of the fields (possibly none); invalid bytes shown as U+FFFD. */
  readonly fields: readonly string[];
}

export type TemplateCsvEntry =
  | { readonly type: "header"; readonly columns: readonly string[] }
  | { readonly type: "row"; readonly row: TemplateCsvRow }
  | { readonly type: "unreadable"; readonly row: UnreadableCsvRow };

export interface ReadTemplateCsvOptions {
  /** Ignore columns other than the known ones instead of failing. */
  readonly allowUnknownColumns?: boolean;
  /**
   * Largest field in bytes the reader holds; a bigger one makes its row `csv-field-too-large`.
   * It bounds memory when a quote is never closed. Default 1 MiB, well above the service's
   * content limit (20,000 code points are at most 80 KB).
   */
  readonly maxFieldBytes?: number;
}

export type CsvSource = string | AsyncIterable<Uint8Array>;

export const DEFAULT_MAX_FIELD_BYTES = 1024 * 1024;

const SAMPLE_COLUMN_PREFIX = "var.";

/**
 * Reads a template CSV as a stream: first a `header` entry, then one `row` or `unreadable`
 * entry per data row, in file order. Never holds the file in memory. Blank lines (and rows
 * whose fields are all empty) are not rows. Throws `CsvHeaderError` when the header row
 * cannot be used; every problem after it is an `unreadable` entry and reading goes on.
 */
export async function* readTemplateCsv(
  source: CsvSource,
  options: ReadTemplateCsvOptions = {},
): AsyncGenerator<TemplateCsvEntry> {
  const bytes = typeof source === "string" ? createReadStream(source) : source;
  let layout: ColumnLayout | undefined;
  let index = 0;
  const records = readCsvRecords(bytes, {
    maxFieldBytes: options.maxFieldBytes ?? DEFAULT_MAX_FIELD_BYTES,
  });
  for await (const record of records) {
    if (layout === undefined) {
      if (record.kind === "error") {
        throw new CsvHeaderError([`the header row (line ${record.line}): ${record.message}`]);
      }
      const decoded = decodeFields(record.fields);
      if (decoded.invalid !== undefined) {
        throw new CsvHeaderError([`the header row is not valid UTF-8 (${decoded.invalid})`]);
      }
      if (isBlank(decoded.values)) continue;
      layout = columnLayout(decoded.values, options.allowUnknownColumns === true);
      yield { type: "header", columns: layout.columns };
      continue;
    }
    if (record.kind === "error") {
      yield {
        type: "unreadable",
        row: {
          line: record.line,
          index: index++,
          reason: STRUCTURE_REASONS[record.code],
          message: record.message,
          fields: [],
        },
      };
      continue;
    }
    const decoded = decodeFields(record.fields);
    if (isBlank(decoded.values)) continue;
    if (decoded.invalid !== undefined) {
      yield {
        type: "unreadable",
        row: {
          line: record.line,
          index: index++,
          reason: "csv-invalid-utf8",
          message: `invalid UTF-8 in ${describeField(layout, decoded.invalid)}`,
          fields: decoded.values,
        },
      };
      continue;
    }
    if (decoded.values.length !== layout.columns.length) {
      yield {
        type: "unreadable",
        row: {
          line: record.line,
          index: index++,
          reason: "csv-column-count",
          message: `expected ${layout.columns.length} fields as in the header, got ${decoded.values.length}`,
          fields: decoded.values,
        },
      };
      continue;
    }
    yield { type: "row", row: toRow(layout, decoded.values, record.line, index++) };
  }
  if (layout === undefined) throw new CsvHeaderError(["the file is empty (no header row)"]);
}

const STRUCTURE_REASONS: Record<CsvStructureErrorCode, RejectReason> = {
  quotes: "csv-quotes",
  "field-too-large": "csv-field-too-large",
};

interface ColumnLayout {
  readonly columns: readonly string[];
  readonly name: number;
  readonly content: number;
  readonly variables: number | undefined;
  readonly sample: number | undefined;
  readonly sampleColumns: ReadonlyArray<readonly [variable: string, column: number]>;
}

function columnLayout(header: readonly string[], allowUnknownColumns: boolean): ColumnLayout {
  const columns = header.map((column) => column.trim());
  const problems: string[] = [];
  const positions = new Map<string, number>();
  columns.forEach((column, position) => {
    if (positions.has(column)) problems.push(`column "${column}" appears twice`);
    else positions.set(column, position);
  });
  for (const required of ["name", "content"]) {
    if (!positions.has(required)) problems.push(`the required column "${required}" is missing`);
  }
  const sampleColumns: Array<readonly [string, number]> = [];
  const unknown: string[] = [];
  for (const [column, position] of positions) {
    if (KNOWN_COLUMNS.has(column)) continue;
    if (column.startsWith(SAMPLE_COLUMN_PREFIX) && column.length > SAMPLE_COLUMN_PREFIX.length) {
      sampleColumns.push([column.slice(SAMPLE_COLUMN_PREFIX.length), position]);
    } else {
      unknown.push(column === "" ? "(an empty column name)" : `"${column}"`);
    }
  }
  if (unknown.length > 0 && !allowUnknownColumns) {
    problems.push(
      `unknown column${unknown.length > 1 ? "s" : ""} ${unknown.join(", ")} ` +
        "(known: name, content, variables, sample, var.<variable>; or pass --allow-unknown-columns)",
    );
  }
  if (problems.length > 0) throw new CsvHeaderError(problems);
  return {
    columns,
    name: positions.get("name") as number,
    content: positions.get("content") as number,
    variables: positions.get("variables"),
    sample: positions.get("sample"),
    sampleColumns,
  };
}

const KNOWN_COLUMNS = new Set(["name", "content", "variables", "sample"]);

function toRow(
  layout: ColumnLayout,
  fields: readonly string[],
  line: number,
  index: number,
): TemplateCsvRow {
  const sampleColumns: Array<readonly [string, string]> = [];
  for (const [variable, position] of layout.sampleColumns) {
    const value = fields[position] as string;
    if (value !== "") sampleColumns.push([variable, value]);
  }
  return {
    line,
    index,
    fields,
    name: fields[layout.name] as string,
    content: fields[layout.content] as string,
    variables: layout.variables === undefined ? undefined : fields[layout.variables],
    sample: layout.sample === undefined ? undefined : fields[layout.sample],
    sampleColumns,
  };
}

interface InvalidField {
  readonly position: number;
  readonly byteOffset: number;
  readonly byte: number;
}

function decodeFields(fields: readonly Buffer[]): {
  values: string[];
  invalid: InvalidField | undefined;
} {
  let invalid: InvalidField | undefined;
  const values = fields.map((field, position) => {
    if (invalid === undefined && !isUtf8(field)) {
      const byteOffset = invalidUtf8Offset(field);
      invalid = { position, byteOffset, byte: field[byteOffset] ?? 0 };
    }
    return field.toString("utf8");
  });
  return { values, invalid };
}

function describeField(layout: ColumnLayout, invalid: InvalidField): string {
  const column = layout.columns[invalid.position];
  const where = column === undefined ? `field ${invalid.position + 1}` : `column "${column}"`;
  const byte = invalid.byte.toString(16).toUpperCase().padStart(2, "0");
  return `${where}: byte 0x${byte} at byte ${invalid.byteOffset} of the field`;
}

function isBlank(values: readonly string[]): boolean {
  return values.every((value) => value.trim() === "");
}

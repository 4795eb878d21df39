import { type Command, Option } from "commander";
import type { CliContext } from "./context.js";

/**
 * How a command that prints data prints it. `table` is for people: aligned, control
 * characters shown visibly, long values cut only on a terminal (piped, nothing is lost, so
 * `grep` sees whole names). `json` (also `--json`), `tsv` and `csv` are for programs and keep
 * every value exactly, except that tsv writes a backslash, tab, line feed and carriage return
 * as `\\`, `\t`, `\n`, `\r`, so that each record stays one line of fields.
 */
export type OutputFormat = "table" | "json" | "tsv" | "csv";

export const OUTPUT_FORMATS: readonly OutputFormat[] = ["table", "json", "tsv", "csv"];

export function addOutputOption(command: Command): Command {
  return command.addOption(
    new Option(
      "--output <format>",
      "table (for people), json (as --json), tsv or csv (for programs: values exact)",
    ).choices(OUTPUT_FORMATS),
  );
}

/** The format the command was asked for (`--json` counts as `--output json`). */
export function outputFormat(context: CliContext): OutputFormat {
  if (context.output.json) return "json";
  return (context.options.output as OutputFormat | undefined) ?? "table";
}

const TSV_ESCAPES: Readonly<Record<string, string>> = {
  "\\": "\\\\",
  "\t": "\\t",
  "\n": "\\n",
  "\r": "\\r",
};

function tsvField(value: string): string {
  return value.replace(/[\\\t\n\r]/g, (char) => TSV_ESCAPES[char] ?? char);
}

/** A header and rows as tsv (one line each) or csv (RFC 4180, CRLF, as `export` writes it). */
export async function formatRecords(
  format: "tsv" | "csv",
  header: readonly string[],
  rows: ReadonlyArray<readonly string[]>,
): Promise<string> {
  if (format === "tsv") {
    return [header, ...rows].map((row) => `${row.map(tsvField).join("\t")}\n`).join("");
  }
  // The importer owns the CSV format, so what a command prints as csv reads like an export.
  const { formatCsvRecord } = await import("@promptmill/importer");
  return [header, ...rows].map((row) => formatCsvRecord(row)).join("");
}

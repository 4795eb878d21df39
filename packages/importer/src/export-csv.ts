import { stringify } from "csv-stringify/sync";

/** The columns an export writes and `readTemplateCsv` reads back: variables joined by `;`. */
export const EXPORT_COLUMNS = ["name", "content", "variables"] as const;

/** What an export needs of a template (a List item has it all). */
export interface ExportableTemplate {
  readonly name: string;
  readonly content: string;
  readonly variables: readonly string[];
}

/**
 * One CSV record (RFC 4180, CRLF), written by csv-stringify: the same library family as the
 * importer's csv-parse, so a file exported by the CLI or the web console imports back unchanged.
 */
export function formatCsvRecord(fields: readonly string[]): string {
  // csv-stringify quotes a field holding the record delimiter (CRLF) but not a lone LF or CR,
  // which a reader could take for the end of a record: quote any line break.
  return stringify([fields as string[]], { record_delimiter: "windows", quoted_match: /[\r\n]/ });
}

/** A template as one record of an export, in the order of `EXPORT_COLUMNS`. */
export function formatExportRecord(template: ExportableTemplate): string {
  return formatCsvRecord([template.name, template.content, template.variables.join(";")]);
}

import { stringify } from "csv-stringify/sync";

/**
 * One CSV record (RFC 4180, CRLF), written by csv-stringify: the same library family as the
 * importer's csv-parse, so an export reads back unchanged.
 */
export function formatCsvRecord(fields: readonly string[]): string {
  // csv-stringify quotes a field holding the record delimiter (CRLF) but not a lone LF or CR,
  // which a reader could take for the end of a record: quote any line break.
  return stringify([fields as string[]], { record_delimiter: "windows", quoted_match: /[\r\n]/ });
}

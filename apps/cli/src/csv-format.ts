/**
 * One CSV record (RFC 4180). A field is quoted when it holds a quote, comma or line break, with
 * quotes doubled; nothing else is changed, so text round-trips through any conforming reader
 * (csv-parse in the importer). The CLI cannot reach csv-stringify (a dependency of the importer
 * only), and these few lines are all that writing needs.
 */
export function formatCsvRecord(fields: readonly string[]): string {
  return `${fields.map(formatCsvField).join(",")}\r\n`;
}

function formatCsvField(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
}

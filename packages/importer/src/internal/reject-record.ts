/**
 * A row of a reject file: the input's columns as written, then `line`, `reasons` and
 * `message`, so the user can fix the rows and import the file again. Fields beyond the header
 * (a row with too many) are kept in the message rather than dropped.
 */
export function rejectRecord(
  columns: readonly string[],
  fields: readonly string[],
  line: number,
  reasons: readonly string[],
  message: string,
): string[] {
  const width = columns.length;
  const cells = Array.from({ length: width }, (_, i) => fields[i] ?? "");
  const extra = fields.slice(width);
  const text =
    extra.length > 0 ? `${message}; fields beyond the header: ${JSON.stringify(extra)}` : message;
  return [...cells, String(line), reasons.join(";"), text];
}

export function rejectFileHeader(columns: readonly string[]): string[] {
  return [...columns, "line", "reasons", "message"];
}

import { printableInline } from "@promptmill/core/text";
import { padToWidth, textWidth, truncateToWidth } from "./text-width.js";

export interface TableColumn<Row> {
  header: string;
  value: (row: Row) => string;
  /** Longer values are cut with an ellipsis (when the table is cut to fit). */
  maxWidth?: number;
}

export interface TableOptions {
  /**
   * Cut values to their column's `maxWidth`. Only on a terminal: into a pipe or a file, a
   * value cut short is data lost to `grep` or `cut`.
   */
  truncate?: boolean;
}

/**
 * A compact, left-aligned table: a header line and one line per row, columns two spaces
 * apart. Every cell is text for people: control characters, tabs and line breaks in it are
 * shown visibly (`\x1B`, `\t`, `\n`), so data cannot drive the terminal or break a row.
 */
export function formatTable<Row>(
  rows: readonly Row[],
  columns: readonly TableColumn<Row>[],
  options: TableOptions = {},
): string[] {
  const truncate = options.truncate ?? true;
  const cells = rows.map((row) =>
    columns.map((column) => {
      const value = printableInline(column.value(row));
      return column.maxWidth === undefined || !truncate
        ? value
        : truncateToWidth(value, column.maxWidth);
    }),
  );
  const widths = columns.map((column, index) =>
    Math.max(textWidth(column.header), ...cells.map((line) => textWidth(line[index] ?? ""))),
  );
  const formatLine = (values: readonly string[]): string =>
    values
      .map((value, index) =>
        index === values.length - 1 ? value : padToWidth(value, widths[index] ?? 0),
      )
      .join("  ")
      .trimEnd();
  return [formatLine(columns.map((column) => column.header)), ...cells.map(formatLine)];
}

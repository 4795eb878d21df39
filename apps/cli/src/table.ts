import { padToWidth, textWidth, truncateToWidth } from "./text-width.js";

export interface TableColumn<Row> {
  header: string;
  value: (row: Row) => string;
  /** Longer values are cut with an ellipsis. */
  maxWidth?: number;
}

/** A compact, left-aligned table: a header line and one line per row, columns two spaces apart. */
export function formatTable<Row>(
  rows: readonly Row[],
  columns: readonly TableColumn<Row>[],
): string[] {
  const cells = rows.map((row) =>
    columns.map((column) => {
      const value = column.value(row).replace(/[\r\n\t]+/g, " ");
      return column.maxWidth === undefined ? value : truncateToWidth(value, column.maxWidth);
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

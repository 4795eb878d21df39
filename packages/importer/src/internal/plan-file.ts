import type { RejectReason } from "../reject-reason.js";
import { CsvFileWriter } from "./csv-file-writer.js";
import type { PlanAction } from "./decide-row.js";
import { rejectFileHeader, rejectRecord } from "./reject-record.js";

export const PLAN_COLUMNS = [
  "line",
  "name",
  "action",
  "promptTemplateId",
  "reasons",
  "message",
  "warnings",
] as const;

export interface PlanFileRow {
  readonly line: number;
  readonly name: string;
  readonly action: PlanAction;
  readonly promptTemplateId: string | undefined;
  readonly reasons: readonly RejectReason[];
  readonly message: string;
  readonly warnings: string;
  /** The row's fields as written, for the reject file. */
  readonly fields: readonly string[];
}

/**
 * A dry run's full plan: every row with its decision, in file order, and beside it a reject
 * file of the rows a run would reject or find in conflict (`<plan>.rejects.csv`, the input's
 * columns as written plus line, reasons and message), ready to be fixed. Both belong to the
 * dry run that asked for them, never to a job's own files.
 */
export class PlanFile {
  readonly path: string;
  readonly rejectFile: string;
  readonly #plan: CsvFileWriter;
  readonly #rejects: CsvFileWriter;
  readonly #columns: readonly string[];

  constructor(path: string, columns: readonly string[]) {
    this.path = path;
    this.rejectFile = `${path.toLowerCase().endsWith(".csv") ? path.slice(0, -4) : path}.rejects.csv`;
    this.#columns = columns;
    this.#plan = new CsvFileWriter(path, PLAN_COLUMNS);
    try {
      this.#rejects = new CsvFileWriter(this.rejectFile, rejectFileHeader(columns));
    } catch (error) {
      this.#plan.close();
      throw error;
    }
  }

  write(row: PlanFileRow): void {
    this.#plan.write([
      String(row.line),
      row.name,
      row.action,
      row.promptTemplateId ?? "",
      row.reasons.join(";"),
      row.message,
      row.warnings,
    ]);
    if (row.action === "reject" || row.action === "conflict") {
      this.#rejects.write(
        rejectRecord(this.#columns, row.fields, row.line, row.reasons, row.message),
      );
    }
  }

  close(): void {
    try {
      this.#plan.close();
    } finally {
      this.#rejects.close();
    }
  }
}

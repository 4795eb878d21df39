import type { RowResult } from "../row-outcome.js";
import { CsvFileWriter } from "./csv-file-writer.js";
import { rejectFileHeader, rejectRecord } from "./reject-record.js";

export const REPORT_COLUMNS = [
  "line",
  "name",
  "outcome",
  "promptTemplateId",
  "reasons",
  "message",
  "attempts",
  "warnings",
] as const;

/** A finished row, with the fields the reject file repeats. */
export interface FinishedRow {
  readonly result: RowResult;
  readonly fields: readonly string[];
}

/**
 * Reports: the report (one line per row, in file order) and the reject file (rejected rows as
 * written, with their reasons). Both are written anew by each run of the job and cover the
 * whole file when it completes.
 */
export class JobReports {
  readonly #report: CsvFileWriter;
  readonly #rejects: CsvFileWriter;
  readonly #columns: readonly string[];

  private constructor(report: CsvFileWriter, rejects: CsvFileWriter, columns: readonly string[]) {
    this.#report = report;
    this.#rejects = rejects;
    this.#columns = columns;
  }

  /** Opens both files; none stays open when the second cannot be opened. */
  static open(reportFile: string, rejectFile: string, columns: readonly string[]): JobReports {
    const report = new CsvFileWriter(reportFile, REPORT_COLUMNS);
    try {
      return new JobReports(
        report,
        new CsvFileWriter(rejectFile, rejectFileHeader(columns)),
        columns,
      );
    } catch (error) {
      report.close();
      throw error;
    }
  }

  write({ result, fields }: FinishedRow): void {
    this.#report.write([
      String(result.line),
      result.name,
      result.outcome,
      result.promptTemplateId ?? "",
      result.reasons.join(";"),
      result.message,
      String(result.attempts),
      result.warnings,
    ]);
    if (result.outcome !== "rejected" && result.outcome !== "exists-failed") return;
    this.#rejects.write(
      rejectRecord(this.#columns, fields, result.line, result.reasons, result.message),
    );
  }

  /** Closes both files (each is closed even when the other fails); throws the first failure. */
  close(): void {
    let failure: unknown;
    for (const file of [this.#report, this.#rejects]) {
      try {
        file.close();
      } catch (error) {
        failure ??= error;
      }
    }
    if (failure !== undefined) throw failure;
  }
}

import type { ImportCounts } from "../import-progress.js";
import type { RejectReason } from "../reject-reason.js";
import type { RowOutcome, RowResult } from "../row-outcome.js";
import type { FinishedRow, JobReports } from "./job-reports.js";
import type { Journal } from "./journal.js";
import { describeNearDuplicates, type NearDuplicate } from "./near-duplicates.js";
import { OrderedResults } from "./ordered-results.js";
import type { SourceRow } from "./row-source.js";

export type MutableCounts = { -readonly [K in keyof ImportCounts]: ImportCounts[K] };

/** How a row ended, before the ledger adds where it stands in the file. */
export interface RowEnd {
  readonly outcome: RowOutcome;
  readonly id?: string | undefined;
  readonly reasons?: readonly RejectReason[] | undefined;
  readonly message?: string | undefined;
  /** Requests sent for the row in this run. */
  readonly attempts?: number | undefined;
  /**
   * The journal keeps it and later runs send nothing for this exact row: created, updated,
   * found with its content already there, or refused by the service for what it holds. Other
   * ends (a skip because the name exists, a conflict, a check that failed) are decided afresh
   * by every run, against the workspace and options of that run.
   */
  readonly final: boolean;
  /** Taken from the journal: an earlier run finished it. */
  readonly earlier?: boolean | undefined;
  /** Every near-duplicate of the row's name (file and workspace); default: the file's. */
  readonly nearDuplicates?: readonly NearDuplicate[] | undefined;
}

/**
 * Bookkeeping: the one place a row is finished. It journals final outcomes, counts every
 * outcome, and hands rows to the reports in file order.
 */
export class JobLedger {
  readonly counts: MutableCounts = {
    rowsRead: 0,
    rowsDecided: 0,
    sent: 0,
    created: 0,
    updated: 0,
    skipped: 0,
    rejected: 0,
    existsFailed: 0,
    failed: 0,
    retried: 0,
    reconciled: 0,
    nearDuplicates: 0,
  };
  /** Rows whose outcome an earlier run recorded. */
  doneEarlier = 0;
  /** Rows finished in this run (for the rate). */
  finishedThisRun = 0;
  readonly #journal: Journal;
  readonly #ordered: OrderedResults<FinishedRow>;

  constructor(journal: Journal, reports: JobReports) {
    this.#journal = journal;
    this.#ordered = new OrderedResults((finished) => reports.write(finished));
  }

  /** Rows finished but held back because an earlier row has not finished. */
  get waiting(): number {
    return this.#ordered.waiting;
  }

  get rowsDone(): number {
    const { created, updated, skipped, rejected, existsFailed } = this.counts;
    return created + updated + skipped + rejected + existsFailed;
  }

  whenDrained(): Promise<void> {
    return this.#ordered.whenDrained();
  }

  finish(row: SourceRow, end: RowEnd): void {
    if (end.final && end.earlier !== true && row.digest !== undefined) {
      this.#journal.append({
        kind: "outcome",
        row: row.digest,
        name: row.name,
        outcome: end.outcome,
        id: end.id,
        reasons: end.reasons,
        message: end.message,
        attempts: end.attempts,
      });
    }
    if (end.earlier === true) this.doneEarlier++;
    else this.finishedThisRun++;
    this.#count(end.outcome);
    if ((end.nearDuplicates ?? row.nearDuplicates).length > 0) this.counts.nearDuplicates++;
    this.#ordered.complete(row.index, { result: this.#result(row, end), fields: row.fields });
  }

  /** The row could not be sent for now: reported as rejected, journaled as retryable. */
  giveUp(
    row: SourceRow,
    attempts: number,
    message: string,
    nearDuplicates?: readonly NearDuplicate[],
  ): void {
    if (row.digest !== undefined) {
      this.#journal.append({ kind: "failed", row: row.digest, message });
    }
    this.counts.failed++;
    this.finish(row, {
      outcome: "rejected",
      reasons: ["retries-exhausted"],
      message,
      attempts,
      final: false,
      nearDuplicates,
    });
  }

  /** Hands on every row held back (after a stop, rows that never finished are left out). */
  flush(): void {
    this.#ordered.flushWaiting();
  }

  #result(row: SourceRow, end: RowEnd): RowResult {
    return {
      line: row.line,
      name: row.name,
      outcome: end.outcome,
      promptTemplateId: end.id,
      reasons: end.reasons ?? [],
      message: end.message ?? "",
      attempts: end.attempts ?? 0,
      warnings: describeNearDuplicates(end.nearDuplicates ?? row.nearDuplicates),
    };
  }

  #count(outcome: RowOutcome): void {
    switch (outcome) {
      case "created":
        this.counts.created++;
        break;
      case "updated":
        this.counts.updated++;
        break;
      case "skipped":
        this.counts.skipped++;
        break;
      case "rejected":
        this.counts.rejected++;
        break;
      case "exists-failed":
        this.counts.existsFailed++;
        break;
    }
  }
}

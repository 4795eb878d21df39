import type { RejectReason } from "./reject-reason.js";

/**
 * What became of one row. `exists-failed`: a template with the name exists and the job runs
 * with `--on-existing fail`.
 */
export type RowOutcome = "created" | "updated" | "skipped" | "rejected" | "exists-failed";

/** One line of the report file. */
export interface RowResult {
  readonly line: number;
  readonly name: string;
  readonly outcome: RowOutcome;
  /** The template created, updated, or (for a skip) the existing one. */
  readonly promptTemplateId: string | undefined;
  readonly reasons: readonly RejectReason[];
  readonly message: string;
  /** Requests sent for the row, retries included (0 when nothing was sent in this run). */
  readonly attempts: number;
  /** Near-duplicate names, when the row's name reads the same as another's; else empty. */
  readonly warnings: string;
}

import type { ImportCounts } from "./import-progress.js";

/**
 * - `completed`: every row has an outcome (rejects and `failed` rows included);
 * - `interrupted`: the signal stopped it; running the same command again resumes;
 * - `failed`: a fatal API error (credentials, permissions) stopped it; see `error`.
 */
export type ImportStatus = "completed" | "interrupted" | "failed";

export interface ImportSummary extends ImportCounts {
  readonly status: ImportStatus;
  readonly input: string;
  readonly workspaceId: string;
  readonly endpoint: string;
  readonly reportFile: string;
  readonly rejectFile: string;
  readonly journalFile: string;
  /** Whether the journal held earlier runs of this job. */
  readonly resumed: boolean;
  /** Rows whose outcome an earlier run had already recorded. */
  readonly doneEarlier: number;
  /** Extra copies of a template sent twice, found and deleted by the final sweep. */
  readonly duplicatesRemoved: number;
  readonly durationMs: number;
  /** Rows finished per second in this run. */
  readonly rowsPerSecond: number;
  /** Why the job stopped, when `status` is `failed`. */
  readonly error?: { readonly name: string; readonly message: string; readonly code?: string };
}

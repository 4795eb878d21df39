import type { ImportCounts } from "./import-progress.js";
import type { ExistingStrategy } from "./internal/workspace-view.js";

/**
 * - `completed`: every row has an outcome (rejects and `failed` rows included);
 * - `interrupted`: the signal stopped it; running the same command again resumes;
 * - `failed`: a fatal API error (credentials, permissions, the service unreachable) or a job
 *   file that could not be written (`error.name` `ImportFileError`) stopped it; see `error`.
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
  /** Whether the journal held earlier runs of this file against this target. */
  readonly resumed: boolean;
  /** Rows whose final outcome an earlier run had recorded (nothing was sent for them). */
  readonly doneEarlier: number;
  /** Extra copies of a template sent twice, found and deleted by the final sweep. */
  readonly duplicatesRemoved: number;
  /**
   * How the job learned which names exist: `listing` the workspace, or `lookup` of the file's
   * names one by one (whichever costs fewer requests); undefined when it stopped before.
   */
  readonly existingStrategy: ExistingStrategy | undefined;
  /** Custom templates in the workspace when the job started. */
  readonly existingTemplates: number | undefined;
  /** List requests made to learn what exists (pages included). */
  readonly existingRequests: number;
  readonly durationMs: number;
  /** Rows finished per second in this run. */
  readonly rowsPerSecond: number;
  /** Why the job stopped, when `status` is `failed`. */
  readonly error?: {
    readonly name: string;
    readonly message: string;
    readonly code?: string | undefined;
  };
}

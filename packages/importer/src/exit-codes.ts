import type { ImportSummary } from "./import-summary.js";
import type { ImportPlan } from "./plan-import.js";

/**
 * The exit codes of every program that imports (`promptmill-worker import`, `promptmill
 * import`, `migrate` and `demo`): one table, so a job scheduler reads the same code for the
 * same outcome whichever program ran. Documented once, in the importer's README ("Exit
 * codes"); the CLI's codes for its other commands agree with it.
 */
export const IMPORT_EXIT_CODES = {
  /** Every row was created, updated, skipped or done earlier (dry run: no row would be rejected or conflict). */
  ok: 0,
  /** Bad arguments or configuration (an option, the workspace, credentials, the CSV header, the journal): nothing was sent. */
  usage: 1,
  /**
   * The service stopped the job (credentials refused, no permission, unreachable, failing
   * every request), or rows were given up after repeated failures (`retries-exhausted`): run
   * the same command again later.
   */
  service: 2,
  /** The job finished, but rows were rejected or exist with `--on-existing fail` (see the reject file). */
  rejects: 3,
  /**
   * A file the job writes (journal, report, reject file) could not be written while it ran:
   * a full disk, an I/O error. The journal keeps what was done; run the same command again
   * once the cause is fixed.
   */
  files: 5,
  /** Interrupted by SIGINT or SIGTERM: run the same command again to resume. */
  interrupted: 130,
} as const;

export type ImportExitCode = (typeof IMPORT_EXIT_CODES)[keyof typeof IMPORT_EXIT_CODES];

/**
 * The code for a run's summary or a dry run's plan. Setup problems (thrown before anything
 * is sent: ImportSetupError) are `usage`; the programs map those in their error handler.
 */
export function importExitCode(result: ImportSummary | ImportPlan): ImportExitCode {
  if ("counts" in result) {
    return result.counts.reject + result.counts.conflict > 0
      ? IMPORT_EXIT_CODES.rejects
      : IMPORT_EXIT_CODES.ok;
  }
  switch (result.status) {
    case "interrupted":
      return IMPORT_EXIT_CODES.interrupted;
    case "failed":
      return result.error?.name === "ImportFileError"
        ? IMPORT_EXIT_CODES.files
        : IMPORT_EXIT_CODES.service;
    case "completed":
      if (result.failed > 0) return IMPORT_EXIT_CODES.service;
      return result.rejected + result.existsFailed > 0
        ? IMPORT_EXIT_CODES.rejects
        : IMPORT_EXIT_CODES.ok;
  }
}

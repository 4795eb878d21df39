import type { ImportOptions } from "./import-options.js";
import type { ImportSummary } from "./import-summary.js";
import { ImportJob } from "./internal/import-job.js";

/**
 * Imports a template CSV into a workspace: every row checked, each template created exactly
 * once, resumable from its journal. Running it again with the same options after an
 * interruption (or a kill) resumes the job.
 *
 * Throws ImportSetupError (CsvHeaderError, JournalMismatchError, …) for problems found
 * before anything is sent. Once it runs, it returns a summary instead of throwing:
 * `status` says whether it completed, was interrupted (`signal`) or stopped on a fatal API
 * error. It never writes to stdout; progress goes to `onProgress`.
 */
export async function runImport(options: ImportOptions): Promise<ImportSummary> {
  const job = await ImportJob.prepare(options);
  return job.run();
}

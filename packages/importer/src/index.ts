// The public API of @promptmill/importer. Every exported name is listed here on purpose:
// what is not listed (src/internal) may change.

export { type CheckRowOptions, checkRow, type RowCheck, type RowProblem } from "./check-row.js";
export {
  CsvHeaderError,
  ImportFileError,
  ImportSetupError,
  JournalCorruptError,
  JournalFormatError,
  JournalMismatchError,
} from "./errors.js";
export { IMPORT_EXIT_CODES, type ImportExitCode, importExitCode } from "./exit-codes.js";
export {
  EXPORT_COLUMNS,
  type ExportableTemplate,
  formatCsvRecord,
  formatExportRecord,
} from "./export-csv.js";
export { formatOutcomeCounts, formatPlan, formatSummary } from "./format-summary.js";
export { limitHeapGrowthForBulkJobs } from "./heap-growth.js";
export {
  DEFAULT_CONCURRENCY,
  DEFAULT_LIMITS,
  type ImportLimits,
  type ImportOptions,
  type NearDuplicatePolicy,
  type OnExisting,
} from "./import-options.js";
export type { ImportCounts, ImportPhase, ImportProgress } from "./import-progress.js";
export type { ImportStatus, ImportSummary } from "./import-summary.js";
export { SendQueue, type SendQueueOptions } from "./internal/send-queue.js";
export type { ExistingStrategy } from "./internal/workspace-view.js";
export {
  defaultJobFiles,
  type ImportTarget,
  type JobFiles,
  targetLabel,
} from "./job-files.js";
export {
  type ImportPlan,
  type PlanAction,
  type PlannedRow,
  type PlanOptions,
  planImport,
} from "./plan-import.js";
export {
  createProgressReporter,
  formatProgressLine,
  type ProgressReporter,
  type ProgressReporterOptions,
} from "./progress-reporter.js";
export {
  type CsvSource,
  type ReadTemplateCsvOptions,
  readTemplateCsv,
  type TemplateCsvEntry,
  type TemplateCsvRow,
  type UnreadableCsvRow,
} from "./read-template-csv.js";
export { REJECT_REASONS, type RejectReason } from "./reject-reason.js";
export type { RowOutcome, RowResult } from "./row-outcome.js";
export { runImport } from "./run-import.js";

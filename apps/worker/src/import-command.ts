import {
  createProgressReporter,
  formatPlan,
  formatSummary,
  type ImportExitCode,
  type ImportOptions,
  type ImportSummary,
  importExitCode,
  limitHeapGrowthForBulkJobs,
  type OnExisting,
  planImport,
  runImport,
} from "@promptmill/importer";
import { resolveConnection } from "./connection.js";
import { UsageError } from "./usage-error.js";

export interface ImportFlags {
  readonly endpoint?: string;
  readonly workspace?: string;
  readonly profile?: string;
  readonly accessKeyId?: string;
  readonly dryRun?: boolean;
  readonly plan?: string;
  readonly concurrency: number;
  readonly rps?: number;
  readonly onExisting: OnExisting;
  readonly rejectFile?: string;
  readonly report?: string;
  readonly journal?: string;
  readonly allowUnknownColumns?: boolean;
  readonly rejectNearDuplicates?: boolean;
  readonly timeout?: number;
  readonly json?: boolean;
  readonly quiet?: boolean;
}

/** `promptmill-worker import FILE.csv`: runs (or plans) the job and returns the exit code. */
export async function importCommand(
  file: string,
  flags: ImportFlags,
  signal: AbortSignal,
): Promise<ImportExitCode> {
  if (flags.plan !== undefined && !flags.dryRun) {
    throw new UsageError("--plan writes the plan of a dry run: add --dry-run");
  }
  const connection = await resolveConnection(flags);
  const options: ImportOptions = {
    input: file,
    workspaceId: connection.workspaceId,
    endpoint: connection.endpoint,
    credentials: connection.credentials,
    profile: connection.profile,
    timeoutMs: flags.timeout,
    concurrency: flags.concurrency,
    requestsPerSecond: flags.rps,
    onExisting: flags.onExisting,
    rejectFile: flags.rejectFile,
    reportFile: flags.report,
    journalFile: flags.journal,
    allowUnknownColumns: flags.allowUnknownColumns,
    nearDuplicates: flags.rejectNearDuplicates ? "reject" : "warn",
    signal,
  };

  if (flags.dryRun) {
    const plan = await planImport({ ...options, planFile: flags.plan });
    const exitCode = importExitCode(plan);
    if (flags.json) process.stdout.write(`${JSON.stringify({ ...plan, exitCode }, null, 2)}\n`);
    else process.stdout.write(`${formatPlan(plan)}\n`);
    return exitCode;
  }

  limitHeapGrowthForBulkJobs();
  const progress = flags.quiet ? undefined : createProgressReporter({ stream: process.stderr });
  let summary: ImportSummary;
  try {
    summary = await runImport({ ...options, onProgress: progress?.onProgress });
  } finally {
    progress?.stop();
  }
  if (!flags.quiet) process.stderr.write(`${formatSummary(summary)}\n`);
  const exitCode = importExitCode(summary);
  if (flags.json) {
    const usage = process.resourceUsage();
    const resources = {
      maxRssBytes: usage.maxRSS * 1024,
      cpuUserMs: Math.round(usage.userCPUTime / 1000),
      cpuSystemMs: Math.round(usage.systemCPUTime / 1000),
    };
    process.stdout.write(`${JSON.stringify({ ...summary, exitCode, resources }, null, 2)}\n`);
  }
  return exitCode;
}

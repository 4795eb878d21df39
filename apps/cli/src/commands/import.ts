import type { ImportOptions, OnExisting } from "@promptmill/importer";
import { type Command, Option } from "commander";
import type { CliContext } from "../context.js";
import { examples } from "../help.js";
import { importConnection } from "../import-job.js";
import { parsePositiveInteger, parsePositiveNumber } from "../option-parsers.js";
import { UsageError } from "../usage-error.js";

interface ImportCommandOptions {
  dryRun?: boolean;
  plan?: string;
  concurrency?: number;
  rps?: number;
  onExisting: OnExisting;
  rejectFile?: string;
  report?: string;
  journal?: string;
  allowUnknownColumns?: boolean;
  rejectNearDuplicates?: boolean;
}

export function registerImportCommand(program: Command, context: CliContext): void {
  program
    .command("import")
    .description("create templates from a CSV file: checked, resumable, exactly once")
    .argument("<file>", "the CSV file (columns name, content, variables, var.<name> …)")
    .option(
      "--dry-run",
      "check every row and show what a run would do now, without sending or writing anything",
    )
    .option(
      "--plan <file>",
      "with --dry-run: write every row with its decision to this CSV, and the rows a run would reject beside it",
    )
    .option("--concurrency <n>", "requests in flight at once (default 8)", parsePositiveInteger)
    .option(
      "--rps <n>",
      "requests started per second at most (default: no limit)",
      parsePositiveNumber,
    )
    .addOption(
      new Option(
        "--on-existing <mode>",
        "a row whose name already exists: skip it, update it, or fail it",
      )
        .choices(["skip", "update", "fail"])
        .default("skip"),
    )
    .option(
      "--journal <file>",
      "the job's journal (default <file>.<workspace>@<host>.journal: one per target)",
    )
    .option("--report <file>", "the outcome of every row (default: beside the journal)")
    .option("--reject-file <file>", "where rejected rows go (default: beside the journal)")
    .option(
      "--allow-unknown-columns",
      "ignore columns the importer does not know instead of failing",
    )
    .option(
      "--reject-near-duplicates",
      "reject a row whose name reads the same as another's (case, width, accents, invisible characters) instead of warning",
    )
    .addHelpText(
      "after",
      `${examples(
        "promptmill import examples/templates.csv --dry-run",
        "promptmill import templates.csv --dry-run --plan plan.csv",
        "promptmill import templates.csv --concurrency 4 --rps 20 --on-existing update",
      )}

Run it again at any time: rows an earlier run finished (same name, content and variables) are
not sent again, wherever they now stand in the file; new and changed rows are decided afresh.
Interrupted (Ctrl-C), the import finishes the requests in flight, writes its journal and exits
130; the same command resumes: no template is created twice. Exit codes (as promptmill-worker):
0 ok, 1 usage, 2 the service stopped the job or rows to retry, 3 rows rejected (a dry run too),
5 a file of the job could not be written, 130 interrupted (the README's table has them all).`,
    )
    .action(async (file: string, options: ImportCommandOptions) => {
      if (options.plan !== undefined && !options.dryRun) {
        throw new UsageError("--plan writes the plan of a dry run: add --dry-run");
      }
      context.stopGracefullyOnInterrupt();
      const { output } = context;
      // Loaded here: the importer's CSV and queue modules would slow every other command's start.
      const {
        createProgressReporter,
        formatPlan,
        formatSummary,
        importExitCode,
        limitHeapGrowthForBulkJobs,
        planImport,
        runImport,
      } = await import("@promptmill/importer");
      const importOptions: ImportOptions = {
        input: file,
        ...(await importConnection(context, context.workspaceId())),
        concurrency: options.concurrency,
        requestsPerSecond: options.rps,
        onExisting: options.onExisting,
        rejectFile: options.rejectFile,
        reportFile: options.report,
        journalFile: options.journal,
        allowUnknownColumns: options.allowUnknownColumns === true,
        nearDuplicates: options.rejectNearDuplicates ? "reject" : "warn",
      };

      // The plan and the summary show names from the file visibly (formatPlan, formatSummary).
      if (options.dryRun) {
        const plan = await planImport({ ...importOptions, planFile: options.plan });
        if (output.json) output.data(plan);
        else output.line(formatPlan(plan));
        process.exitCode = importExitCode(plan);
        return;
      }

      const reporter = output.quiet
        ? undefined
        : createProgressReporter({ stream: process.stderr });
      limitHeapGrowthForBulkJobs();
      const summary = await runImport({ ...importOptions, onProgress: reporter?.onProgress });
      reporter?.stop();
      if (output.json) output.data(summary);
      else output.line(formatSummary(summary));
      process.exitCode = importExitCode(summary);
    });
}

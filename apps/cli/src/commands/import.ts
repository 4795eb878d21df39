import type { ImportOptions, OnExisting } from "@promptmill/importer";
import { type Command, Option } from "commander";
import type { CliContext } from "../context.js";
import { ExitCode } from "../exit-codes.js";
import { examples } from "../help.js";
import { importConnection, importExitCode } from "../import-job.js";
import { parsePositiveInteger, parsePositiveNumber } from "../option-parsers.js";

interface ImportCommandOptions {
  dryRun?: boolean;
  concurrency?: number;
  rps?: number;
  onExisting: OnExisting;
  rejectFile?: string;
  report?: string;
  journal?: string;
  allowUnknownColumns?: boolean;
}

export function registerImportCommand(program: Command, context: CliContext): void {
  program
    .command("import")
    .description("create templates from a CSV file: checked, resumable, exactly once")
    .argument("<file>", "the CSV file (columns name, content, variables, var.<name> …)")
    .option("--dry-run", "check every row and show what would happen, without writing anything")
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
    .option("--reject-file <file>", "where rejected rows go (default <file>.rejects.csv)")
    .option("--report <file>", "the outcome of every row (default <file>.report.csv)")
    .option("--journal <file>", "the resume journal (default <file>.journal)")
    .option(
      "--allow-unknown-columns",
      "ignore columns the importer does not know instead of failing",
    )
    .addHelpText(
      "after",
      `${examples(
        "promptmill import examples/templates.csv --dry-run",
        "promptmill import templates.csv --concurrency 4 --rps 20 --on-existing update",
      )}

Interrupted (Ctrl-C), the import finishes the requests in flight, writes its journal and exits 130;
run the same command again to resume: no template is created twice. Exit code 3 when rows were
rejected (see the reject file), also for a dry run that would reject rows.`,
    )
    .action(async (file: string, options: ImportCommandOptions) => {
      context.stopGracefullyOnInterrupt();
      const { output } = context;
      // Loaded here: the importer's CSV and queue modules would slow every other command's start.
      const {
        createProgressReporter,
        formatPlan,
        formatSummary,
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
      };

      if (options.dryRun) {
        const plan = await planImport(importOptions);
        if (output.json) output.data(plan);
        else output.line(formatPlan(plan));
        const wouldReject = plan.counts.reject + plan.counts.conflict;
        process.exitCode = wouldReject > 0 ? ExitCode.partialImport : ExitCode.ok;
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

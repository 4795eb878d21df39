import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import type { PromptTemplateSummary } from "@promptmill/core";
import type { Command } from "commander";
import type { CliContext } from "../context.js";
import { ExitCode } from "../exit-codes.js";
import { examples } from "../help.js";
import { importConnection, importExitCode } from "../import-job.js";
import { openOutputFile } from "../output-file.js";
import { UsageError } from "../usage-error.js";
import { diffWorkspaces, type WorkspaceDiff } from "../workspace-diff.js";
import { EXPORT_HEADER } from "./export.js";

interface MigrateOptions {
  fromWorkspace: string;
  toWorkspace: string;
  dryRun?: boolean;
  workDir?: string;
}

async function customTemplates(
  context: CliContext,
  workspaceId: string,
): Promise<PromptTemplateSummary[]> {
  const { iteratePromptTemplates } = await import("@promptmill/core");
  const client = await context.client();
  const templates: PromptTemplateSummary[] = [];
  const request = { workspaceId, type: "Custom" as const };
  for await (const template of iteratePromptTemplates(client, request, {
    signal: context.signal,
  })) {
    templates.push(template);
  }
  return templates;
}

/**
 * The whole source, in the service's (creation) order, so the same source gives the same file
 * byte for byte: that is what lets the importer's journal resume an interrupted migration.
 */
async function writeSourceCsv(
  file: string,
  templates: readonly PromptTemplateSummary[],
): Promise<void> {
  const { formatCsvRecord } = await import("../csv-format.js");
  const stream = await openOutputFile(file);
  stream.write(formatCsvRecord(EXPORT_HEADER));
  for (const template of templates) {
    stream.write(formatCsvRecord([template.name, template.content, template.variables.join(";")]));
  }
  await new Promise<void>((resolve, reject) => {
    stream.on("error", reject);
    stream.end(resolve);
  });
}

function printDiff(context: CliContext, from: string, to: string, diff: WorkspaceDiff): void {
  const { output } = context;
  output.line(`migrate Custom templates ${from} → ${to} (compared by name)`);
  output.line(`  new      ${diff.added.length}`);
  output.line(`  changed  ${diff.changed.length}`);
  output.line(`  same     ${diff.same.length}`);
  for (const name of diff.added) output.line(`${output.style("green", "+")} ${name}`);
  for (const name of diff.changed) output.line(`${output.style("yellow", "~")} ${name}`);
  for (const name of diff.duplicatesInSource) {
    output.line(`! ${name}: the source has this name more than once; only the first is migrated`);
  }
  for (const name of diff.ambiguousInTarget) {
    output.line(
      `! ${name}: the target has this name more than once; it cannot tell which to update`,
    );
  }
}

export function registerMigrateCommand(program: Command, context: CliContext): void {
  program
    .command("migrate")
    .description(
      "copy the Custom templates of one workspace into another: new ones created, changed ones updated",
    )
    .requiredOption("--from-workspace <id>", "the source workspace")
    .requiredOption("--to-workspace <id>", "the target workspace")
    .option("--dry-run", "show the difference (new / changed / same) without writing")
    .option(
      "--work-dir <dir>",
      "where the job's CSV, journal, report and reject files go (default .promptmill/migrate/<from>-to-<to>)",
    )
    .addHelpText(
      "after",
      `${examples(
        "promptmill migrate --from-workspace llm-aaa… --to-workspace llm-bbb… --dry-run",
        "promptmill migrate --from-workspace llm-aaa… --to-workspace llm-bbb…",
      )}

The copy runs through the importer: every template is checked first, each is created exactly once,
and an interrupted migration (exit 130) resumes when the same command runs again.`,
    )
    .action(async (options: MigrateOptions) => {
      context.stopGracefullyOnInterrupt();
      const from = options.fromWorkspace;
      const to = options.toWorkspace;
      if (from === to) {
        throw new UsageError("--from-workspace and --to-workspace are the same workspace");
      }
      const { output } = context;
      const [source, target] = await Promise.all([
        customTemplates(context, from),
        customTemplates(context, to),
      ]);
      const diff = diffWorkspaces(source, target);
      const nothingToDo = diff.added.length === 0 && diff.changed.length === 0;
      const workDir = options.workDir ?? join(".promptmill", "migrate", `${from}-to-${to}`);
      const input = join(workDir, "templates.csv");
      const journal = join(workDir, "templates.journal");

      if (options.dryRun || nothingToDo) {
        // The target already matches: the journal of an earlier, interrupted run has nothing left to do.
        if (nothingToDo && !options.dryRun) await rm(journal, { force: true });
        if (output.json) output.data({ from, to, dryRun: options.dryRun === true, ...diff });
        else {
          printDiff(context, from, to, diff);
          output.line(nothingToDo ? "nothing to migrate" : "dry run: nothing was written");
        }
        process.exitCode = ExitCode.ok;
        return;
      }

      if (!output.json) printDiff(context, from, to, diff);
      await mkdir(workDir, { recursive: true });
      await writeSourceCsv(input, source);

      const { createProgressReporter, formatSummary, limitHeapGrowthForBulkJobs, runImport } =
        await import("@promptmill/importer");
      limitHeapGrowthForBulkJobs();
      const reporter = output.quiet
        ? undefined
        : createProgressReporter({ stream: process.stderr });
      const summary = await runImport({
        input,
        journalFile: journal,
        ...(await importConnection(context, to)),
        onExisting: "update",
        onProgress: reporter?.onProgress,
      });
      reporter?.stop();
      // A finished job's journal would make the next migration (of a changed source) a
      // different job on the same journal, which the importer refuses: start fresh next time.
      if (summary.status === "completed" && summary.failed === 0) {
        await rm(journal, { force: true });
      }
      if (output.json) output.data({ from, to, dryRun: false, ...diff, summary });
      else output.line(formatSummary(summary));
      process.exitCode = importExitCode(summary);
    });
}

import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import type { PromptTemplateSummary } from "@promptmill/core";
import type { ImportPlan, PlannedRow } from "@promptmill/importer";
import type { Command } from "commander";
import type { CliContext } from "../context.js";
import { examples } from "../help.js";
import { importConnection } from "../import-job.js";
import { openOutputFile } from "../output-file.js";
import { UsageError } from "../usage-error.js";

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
 * The whole source, in the service's (creation) order. The importer knows rows by their name
 * and content, so an interrupted migration resumes even when the source changed meanwhile.
 */
async function writeSourceCsv(
  file: string,
  templates: readonly PromptTemplateSummary[],
): Promise<void> {
  const { EXPORT_COLUMNS, formatCsvRecord, formatExportRecord } = await import(
    "@promptmill/importer"
  );
  const stream = await openOutputFile(file);
  stream.write(formatCsvRecord(EXPORT_COLUMNS));
  for (const template of templates) stream.write(formatExportRecord(template));
  await new Promise<void>((resolve, reject) => {
    stream.on("error", reject);
    stream.end(resolve);
  });
}

/** Names listed per kind of change; the plan file in the work directory has every row. */
const LISTED_NAMES = 50;

/**
 * What importing the source into the target would do, as the importer's plan says it (the
 * same decision a run makes): new names are created, changed ones updated, equal ones left.
 */
interface MigrationDiff {
  added: string[];
  changed: string[];
  same: string[];
  /** Later source templates with a name seen before: not migrated. */
  duplicatesInSource: string[];
  /** Several target templates carry the name, so the one to update is unclear. */
  ambiguousInTarget: string[];
  /** Source templates the importer's checks refuse, with why. */
  refused: Array<{ name: string; why: string }>;
  counts: { added: number; changed: number; same: number };
  planFile: string | undefined;
}

function migrationDiff(plan: ImportPlan): MigrationDiff {
  const names = (rows: readonly PlannedRow[]) => rows.map((row) => row.name);
  const rejects = plan.examples.reject;
  const isRepeat = (row: PlannedRow) => row.reasons.includes("name-duplicate-in-file");
  return {
    added: names(plan.examples.create),
    changed: names(plan.examples.update),
    same: [...names(plan.examples.skip), ...names(plan.examples.done)],
    duplicatesInSource: names(rejects.filter(isRepeat)),
    ambiguousInTarget: names(plan.examples.conflict),
    refused: rejects
      .filter((row) => !isRepeat(row))
      .map((row) => ({ name: row.name, why: `${row.reasons.join(";")}: ${row.message}` })),
    counts: {
      added: plan.counts.create,
      changed: plan.counts.update,
      same: plan.counts.skip + plan.counts.done,
    },
    planFile: plan.planFile,
  };
}

function printDiff(
  context: CliContext,
  from: string,
  to: string,
  diff: MigrationDiff,
  shown: (name: string) => string,
): void {
  const { output } = context;
  output.line(`migrate Custom templates ${from} → ${to} (compared by name)`);
  output.line(`  new      ${diff.counts.added}`);
  output.line(`  changed  ${diff.counts.changed}`);
  output.line(`  same     ${diff.counts.same}`);
  const more = (listed: number, all: number) => {
    if (all > listed) output.line(`  …and ${all - listed} more (every row: ${diff.planFile})`);
  };
  for (const name of diff.added) output.line(`${output.style("green", "+")} ${shown(name)}`);
  more(diff.added.length, diff.counts.added);
  for (const name of diff.changed) output.line(`${output.style("yellow", "~")} ${shown(name)}`);
  more(diff.changed.length, diff.counts.changed);
  for (const name of diff.duplicatesInSource) {
    output.line(
      `! ${shown(name)}: the source has this name more than once; only the first is migrated`,
    );
  }
  for (const name of diff.ambiguousInTarget) {
    output.line(
      `! ${shown(name)}: the target has this name more than once; it cannot tell which to update`,
    );
  }
  for (const { name, why } of diff.refused) {
    output.line(`! ${shown(name)}: not migrated (${shown(why)})`);
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
    .option("--dry-run", "show the difference (new / changed / same) without changing the target")
    .option(
      "--work-dir <dir>",
      "where the job's CSV, plan, journal, report and reject files go (default .promptmill/migrate/<from>-to-<to>)",
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
      const workDir = options.workDir ?? join(".promptmill", "migrate", `${from}-to-${to}`);
      const input = join(workDir, "templates.csv");
      const journal = join(workDir, "templates.journal");
      await mkdir(workDir, { recursive: true });
      await writeSourceCsv(input, await customTemplates(context, from));

      const {
        createProgressReporter,
        formatSummary,
        importExitCode,
        limitHeapGrowthForBulkJobs,
        planImport,
        runImport,
      } = await import("@promptmill/importer");
      const importOptions = {
        input,
        journalFile: journal,
        ...(await importConnection(context, to)),
        onExisting: "update" as const,
      };
      // The importer's own dry run of the source file into the target: what the migration
      // shows is what it will do, decided by the function the run uses.
      const plan = await planImport({
        ...importOptions,
        examplesPerAction: LISTED_NAMES,
        planFile: join(workDir, "plan.csv"),
      });
      const diff = migrationDiff(plan);
      // Names from the source workspace: data, shown visibly.
      const { printableInline } = await import("@promptmill/core/text");
      const nothingToDo = plan.counts.create === 0 && plan.counts.update === 0;

      if (options.dryRun || nothingToDo) {
        // The target already matches: a journal an interrupted run left has nothing to do.
        if (nothingToDo && !options.dryRun) await rm(journal, { force: true });
        if (output.json) output.data({ from, to, dryRun: options.dryRun === true, ...diff });
        else {
          printDiff(context, from, to, diff, printableInline);
          output.line(
            nothingToDo ? "nothing to migrate" : "dry run: nothing was sent to the target",
          );
        }
        process.exitCode = importExitCode(plan);
        return;
      }

      if (!output.json) printDiff(context, from, to, diff, printableInline);
      limitHeapGrowthForBulkJobs();
      const reporter = output.quiet
        ? undefined
        : createProgressReporter({ stream: process.stderr });
      const summary = await runImport({ ...importOptions, onProgress: reporter?.onProgress });
      reporter?.stop();
      // Once the target matches, the next migration compares afresh: a template changed in
      // the target since is updated back, which a journal's "done" would leave as it is.
      if (summary.status === "completed" && summary.failed === 0) {
        await rm(journal, { force: true });
      }
      if (output.json) output.data({ from, to, dryRun: false, ...diff, summary });
      else output.line(formatSummary(summary));
      process.exitCode = importExitCode(summary);
    });
}

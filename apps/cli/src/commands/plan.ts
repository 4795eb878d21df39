import type { Command } from "commander";
import type { CliContext } from "../context.js";
import { ExitCode } from "../exit-codes.js";
import { examples } from "../help.js";

interface PlanOptions {
  prune?: boolean;
  detailedExitcode?: boolean;
  out?: string;
}

/** Terraform's convention, which CI systems know: 0 nothing to do, 2 changes, 1 any error. */
export const PLAN_EXIT_CODES = { noChanges: 0, error: 1, changes: 2 } as const;

export function registerPlanCommand(program: Command, context: CliContext): void {
  program
    .command("plan")
    .description("compare a prompt folder with the workspace: what apply would do")
    .argument("<dir>", "the prompt folder")
    .option("--prune", "plan to delete the Custom templates no file holds")
    .option(
      "--detailed-exitcode",
      "exit 0 when nothing would change, 2 when something would, 1 on any error (for CI)",
    )
    .option("--out <plan>", "save the plan (JSON) for `promptmill apply DIR PLAN`")
    .addHelpText(
      "after",
      `${examples(
        "promptmill plan prompts",
        "promptmill plan prompts --detailed-exitcode   # in CI: fails (2) on drift",
        "promptmill plan prompts --out release.plan && promptmill apply prompts release.plan",
      )}

Every file is linted first: errors stop the plan, warnings are listed. Renames show as renames,
content changes as a unified diff (workspace → folder).`,
    )
    .action(async (dir: string, options: PlanOptions) => {
      if (options.detailedExitcode) context.failWith(PLAN_EXIT_CODES.error);
      const { formatSyncPlan, planChangesWorkspace, planPromptFolder } = await import(
        "@promptmill/sync"
      );
      const { checkWritable, writeOutputFile } = await import("../output-file.js");
      if (options.out !== undefined) await checkWritable(options.out);
      const plan = await planPromptFolder({
        client: await context.client(),
        workspaceId: context.workspaceId(),
        dir,
        prune: options.prune === true,
        signal: context.signal,
      });
      if (options.out !== undefined) {
        await writeOutputFile(options.out, `${JSON.stringify(plan, null, 2)}\n`);
        context.output.info(`plan saved to ${options.out}`);
      }
      const { output } = context;
      if (output.json) output.data(plan);
      else {
        // Names and content from the workspace and the folder: data, shown visibly.
        const { printableBlock } = await import("@promptmill/core/text");
        output.line(printableBlock(formatSyncPlan(plan)));
      }
      const changes = planChangesWorkspace(plan);
      process.exitCode = options.detailedExitcode
        ? changes
          ? PLAN_EXIT_CODES.changes
          : PLAN_EXIT_CODES.noChanges
        : ExitCode.ok;
    });
}

import type { SyncPlan } from "@promptmill/sync";
import type { Command } from "commander";
import type { CliContext } from "../context.js";
import { ExitCode } from "../exit-codes.js";
import { examples } from "../help.js";
import { parsePositiveInteger, parsePositiveNumber } from "../option-parsers.js";
import { plural } from "../plural.js";
import { UsageError } from "../usage-error.js";

interface ApplyOptions {
  prune?: boolean;
  refresh?: boolean;
  concurrency?: number;
  rps?: number;
}

export function registerApplyCommand(program: Command, context: CliContext): void {
  program
    .command("apply")
    .description("make the workspace match a prompt folder: create, update and (--prune) delete")
    .argument("<dir>", "the prompt folder")
    .argument("[plan]", "a plan saved by `promptmill plan --out`: applied only while still current")
    .option("--prune", "delete the Custom templates no file holds")
    .option("--refresh", "apply what the folder says now, even when a saved plan is out of date")
    .option("--concurrency <n>", "requests in flight at once (default 4)", parsePositiveInteger)
    .option("--rps <n>", "requests started per second at most", parsePositiveNumber)
    .addHelpText(
      "after",
      `${examples("promptmill apply prompts", "promptmill apply prompts release.plan", "promptmill apply prompts --prune")}

New templates get their ids written into their files. Killed or interrupted, run it again: no
template is created twice.`,
    )
    .action(async (dir: string, planFile: string | undefined, options: ApplyOptions) => {
      context.stopGracefullyOnInterrupt();
      const plan = planFile === undefined ? undefined : await readPlan(planFile);
      const { applyPromptFolder, formatSyncPlan } = await import("@promptmill/sync");
      const { output } = context;
      const result = await applyPromptFolder({
        client: await context.client(),
        workspaceId: context.workspaceId(),
        dir,
        prune:
          options.prune === true ||
          plan?.actions.some((action) => action.kind === "only-in-workspace" && action.prune) ===
            true,
        plan,
        refresh: options.refresh === true,
        concurrency: options.concurrency,
        requestsPerSecond: options.rps,
        signal: context.signal,
      });
      if (output.json) {
        output.data({
          ...result,
          failed: result.failed.map(({ action, error }) => ({
            action,
            error: (error as Error).message,
          })),
        });
      } else {
        const { printableBlock, printableInline } = await import("@promptmill/core/text");
        output.info(printableBlock(formatSyncPlan(result.plan)));
        for (const { action, error } of result.failed) {
          const what = "path" in action ? action.path : action.name;
          output.error(
            `failed: ${printableInline(what)}: ${printableBlock((error as Error).message)}`,
          );
        }
        output.line(
          `applied: ${plural(result.created.length, "template")} created, ${result.updated.length} updated, ` +
            `${result.deleted.length} deleted, ${result.adopted.length} ids written` +
            (result.failed.length > 0 ? `, ${result.failed.length} failed` : ""),
        );
      }
      process.exitCode =
        result.notStarted > 0
          ? ExitCode.interrupted
          : result.failed.length > 0
            ? ExitCode.api
            : ExitCode.ok;
    });
}

async function readPlan(path: string): Promise<SyncPlan> {
  const { readTextInput } = await import("../read-input.js");
  const text = await readTextInput(path);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new UsageError(`${path}: not a saved plan (not JSON)`);
  }
  if ((json as { format?: unknown })?.format !== "promptmill-sync-plan/1") {
    throw new UsageError(`${path}: not a plan saved by \`promptmill plan --out\``);
  }
  return json as SyncPlan;
}

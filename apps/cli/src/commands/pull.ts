import type { Command } from "commander";
import type { CliContext } from "../context.js";
import { examples } from "../help.js";
import { plural } from "../plural.js";

interface PullOptions {
  system?: boolean;
  prune?: boolean;
}

export function registerPullCommand(program: Command, context: CliContext): void {
  program
    .command("pull")
    .description("write the workspace's templates into a folder, one *.prompt file each")
    .argument("<dir>", "the prompt folder (created when missing)")
    .option("--system", "also write the workspace's System templates (read-only)")
    .option("--prune", "delete the files of templates deleted in the workspace")
    .addHelpText(
      "after",
      `${examples("promptmill pull prompts", "promptmill pull prompts --prune && git diff --stat prompts")}

A file that already holds its template is not touched, so a second pull changes nothing git can
see. The folder format: the @promptmill/sync README ("The folder format").`,
    )
    .action(async (dir: string, options: PullOptions) => {
      const { pullPromptFolder } = await import("@promptmill/sync");
      const { output } = context;
      const result = await pullPromptFolder({
        client: await context.client(),
        workspaceId: context.workspaceId(),
        dir,
        includeSystem: options.system === true,
        prune: options.prune === true,
        signal: context.signal,
      });
      if (output.json) return output.data(result);
      // File names come from template names: data, shown visibly.
      const { printableInline: shown } = await import("@promptmill/core/text");
      for (const path of result.created) output.line(`+ ${shown(path)}`);
      for (const path of result.updated) output.line(`~ ${shown(path)}`);
      for (const path of result.deleted) output.line(`- ${shown(path)}`);
      for (const path of result.gone.filter((gone) => !result.deleted.includes(gone))) {
        output.line(
          `  ${shown(path)}: its template was deleted in the workspace (--prune deletes the file)`,
        );
      }
      output.info(
        `${plural(result.created.length, "file")} written, ${result.updated.length} updated, ` +
          `${result.unchanged} unchanged, ${result.deleted.length} deleted in ${dir}`,
      );
    });
}

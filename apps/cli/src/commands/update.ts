import type { Command } from "commander";
import type { CliContext } from "../context.js";
import { examples } from "../help.js";
import { UsageError } from "../usage-error.js";

interface UpdateOptions {
  name?: string;
  content?: string;
  file?: string;
  check: boolean;
}

export function registerUpdateCommand(program: Command, context: CliContext): void {
  program
    .command("update")
    .description("change a prompt template's name and/or content (UpdatePromptTemplate)")
    .argument("<id>", "the promptTemplateId")
    .option("--name <name>", "the new name")
    .option("--content <text>", "the new template text")
    .option("--file <path>", "read the new template text from a file (- for stdin)")
    .option(
      "--no-check",
      "send it even with template syntax errors, or a name or content over the service's limits",
    )
    .addHelpText(
      "after",
      examples(
        'promptmill update 3f9c2d…e1 --name "小红书文案 v2"',
        "promptmill update 3f9c2d…e1 --file prompts/summary.txt",
      ),
    )
    .action(async (id: string, options: UpdateOptions) => {
      const { checkContentBeforeSending, contentFromOptions } = await import(
        "../template-content.js"
      );
      const content = await contentFromOptions(options, false);
      if (options.name === undefined && content === undefined) {
        throw new UsageError("nothing to update: pass --name, --content or --file");
      }
      const { output } = context;
      if (options.check) {
        const { checkTemplateLimits } = await import("../template-limits.js");
        await checkTemplateLimits(options.name, content);
        if (content !== undefined) checkContentBeforeSending(content, output);
      }
      const client = await context.client();
      const response = await client.updatePromptTemplate(
        {
          workspaceId: context.workspaceId(),
          promptTemplateId: id,
          ...(options.name === undefined ? {} : { name: options.name }),
          ...(content === undefined ? {} : { content }),
        },
        { signal: context.signal },
      );
      if (output.json) return output.data(response);
      output.line(`updated ${id}`);
    });
}

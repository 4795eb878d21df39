import type { Command } from "commander";
import type { CliContext } from "../context.js";
import { examples } from "../help.js";

export function registerDeleteCommand(program: Command, context: CliContext): void {
  program
    .command("delete")
    .description("delete a prompt template (DeletePromptTemplate)")
    .argument("<id>", "the promptTemplateId")
    .addHelpText("after", examples("promptmill delete 3f9c2d…e1"))
    .action(async (id: string) => {
      const client = await context.client();
      const response = await client.deletePromptTemplate(
        { workspaceId: context.workspaceId(), promptTemplateId: id },
        { signal: context.signal },
      );
      const { output } = context;
      if (output.json) return output.data(response);
      output.line(`deleted ${id}`);
    });
}

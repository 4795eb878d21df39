import type { Command } from "commander";
import type { CliContext } from "../context.js";
import { examples } from "../help.js";

export function registerGetCommand(program: Command, context: CliContext): void {
  program
    .command("get")
    .description("show one prompt template (GetPromptTemplate)")
    .argument("<id>", "the promptTemplateId")
    .addHelpText(
      "after",
      examples("promptmill get 3f9c2d…e1", "promptmill get 3f9c2d…e1 --json | jq -r .content"),
    )
    .action(async (id: string) => {
      const client = await context.client();
      const template = await client.getPromptTemplate(
        { workspaceId: context.workspaceId(), promptTemplateId: id },
        { signal: context.signal },
      );
      const { output } = context;
      if (output.json) return output.data(template);
      const label = (text: string) => output.style("dim", text.padEnd(11));
      output.line(`${label("id")}${template.promptTemplateId}`);
      output.line(`${label("name")}${template.name}`);
      output.line(`${label("workspace")}${template.workspaceId}`);
      output.line(
        `${label("variables")}${template.variables.length > 0 ? template.variables.join(", ") : "(none)"}`,
      );
      output.line();
      output.line(template.content);
    });
}

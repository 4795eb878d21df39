import type { Command } from "commander";
import type { CliContext } from "../context.js";
import { examples } from "../help.js";
import { addOutputOption, outputFormat } from "../output-format.js";

export function registerGetCommand(program: Command, context: CliContext): void {
  const command = program
    .command("get")
    .description("show one prompt template (GetPromptTemplate)")
    .argument("<id>", "the promptTemplateId")
    .addHelpText(
      "after",
      examples("promptmill get 3f9c2d…e1", "promptmill get 3f9c2d…e1 --json | jq -r .content"),
    );
  addOutputOption(command).action(async (id: string) => {
    const client = await context.client();
    const template = await client.getPromptTemplate(
      { workspaceId: context.workspaceId(), promptTemplateId: id },
      { signal: context.signal },
    );
    const { output } = context;
    const format = outputFormat(context);
    if (format === "json") return output.data(template);
    const variables = template.variables.join(", ");
    if (format !== "table") {
      const { formatRecords } = await import("../output-format.js");
      const row = [
        template.promptTemplateId,
        template.name,
        template.workspaceId,
        variables,
        template.content,
      ];
      output.raw(
        await formatRecords(format, ["id", "name", "workspace", "variables", "content"], [row]),
      );
      return;
    }
    // The service's data, for people: what it holds is shown, never obeyed by the terminal.
    const { printableBlock, printableInline } = await import("@promptmill/core/text");
    const label = (text: string) => output.style("dim", text.padEnd(11));
    output.line(`${label("id")}${printableInline(template.promptTemplateId)}`);
    output.line(`${label("name")}${printableInline(template.name)}`);
    output.line(`${label("workspace")}${printableInline(template.workspaceId)}`);
    output.line(`${label("variables")}${variables ? printableInline(variables) : "(none)"}`);
    output.line();
    output.line(printableBlock(template.content));
  });
}

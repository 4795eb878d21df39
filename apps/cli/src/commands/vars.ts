import type { Command } from "commander";
import type { CliContext } from "../context.js";
import { examples } from "../help.js";
import { addOutputOption, outputFormat } from "../output-format.js";
import {
  addTemplateSourceOptions,
  loadTemplate,
  type TemplateSourceOptions,
} from "../template-source.js";

export function registerVarsCommand(program: Command, context: CliContext): void {
  addOutputOption(
    addTemplateSourceOptions(
      program.command("vars").description("print a template's variables, one a line"),
    ),
  )
    .addHelpText(
      "after",
      examples(
        'promptmill vars --name "Code review - Go"',
        "promptmill vars --file prompt.txt --json",
      ),
    )
    .action(async (id: string | undefined, options: TemplateSourceOptions) => {
      const { extractVariables, parseTemplateOrThrow } = await import("@promptmill/core/template");
      const template = await loadTemplate(id, options, context);
      // With syntax errors the variable list is a guess, so they fail the command (exit 4).
      parseTemplateOrThrow(template.content);
      const variables = extractVariables(template.content);
      const { output } = context;
      const format = outputFormat(context);
      if (format === "json") return output.data(variables);
      if (format === "table") {
        const { printableInline } = await import("@promptmill/core/text");
        for (const variable of variables) output.line(printableInline(variable));
        return;
      }
      const { formatRecords } = await import("../output-format.js");
      output.raw(
        await formatRecords(
          format,
          ["variable"],
          variables.map((variable) => [variable]),
        ),
      );
    });
}

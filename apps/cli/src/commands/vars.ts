import type { Command } from "commander";
import type { CliContext } from "../context.js";
import { examples } from "../help.js";
import {
  addTemplateSourceOptions,
  loadTemplate,
  type TemplateSourceOptions,
} from "../template-source.js";

export function registerVarsCommand(program: Command, context: CliContext): void {
  addTemplateSourceOptions(
    program.command("vars").description("print a template's variables, one a line"),
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
      if (output.json) return output.data(variables);
      for (const variable of variables) output.line(variable);
    });
}

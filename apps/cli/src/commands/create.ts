// biome-ignore-all lint/suspicious/noTemplateCurlyInString: templates are written in the ${var} syntax on purpose.
import type { Command } from "commander";
import type { CliContext } from "../context.js";
import { examples } from "../help.js";

interface CreateOptions {
  name: string;
  content?: string;
  file?: string;
  check: boolean;
}

export function registerCreateCommand(program: Command, context: CliContext): void {
  program
    .command("create")
    .description("create a prompt template (CreatePromptTemplate)")
    .requiredOption("--name <name>", "the template's name")
    .option("--content <text>", "the template text")
    .option("--file <path>", "read the template text from a file (- for stdin)")
    .option("--no-check", "send the content even when it has template syntax errors")
    .addHelpText(
      "after",
      examples(
        'promptmill create --name "小红书文案" --content "写一篇关于${theme}的笔记，语气${tone}"',
        'promptmill create --name "Code review" --file prompts/code-review.txt --json',
      ),
    )
    .action(async (options: CreateOptions) => {
      const { extractVariables } = await import("@promptmill/core/template");
      const { checkContentBeforeSending, contentFromOptions } = await import(
        "../template-content.js"
      );
      const content = (await contentFromOptions(options, true)) ?? "";
      const { output } = context;
      if (options.check) checkContentBeforeSending(content, output);
      const client = await context.client();
      const response = await client.createPromptTemplate(
        { workspaceId: context.workspaceId(), name: options.name, content },
        { signal: context.signal },
      );
      if (output.json) return output.data(response);
      output.line(`created ${output.style("bold", response.promptTemplateId)}  ${options.name}`);
      const variables = extractVariables(content);
      output.line(`variables: ${variables.length > 0 ? variables.join(", ") : "(none)"}`);
    });
}

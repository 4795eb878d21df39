// biome-ignore-all lint/suspicious/noTemplateCurlyInString: templates are written in the ${var} syntax on purpose.
import type { Command } from "commander";
import type { CliContext } from "../context.js";
import { examples } from "../help.js";

interface CreateOptions {
  name: string;
  content?: string;
  file?: string;
  check: boolean;
  allowDuplicateName?: boolean;
}

export function registerCreateCommand(program: Command, context: CliContext): void {
  program
    .command("create")
    .description("create a prompt template (CreatePromptTemplate)")
    .requiredOption("--name <name>", "the template's name")
    .option("--content <text>", "the template text")
    .option("--file <path>", "read the template text from a file (- for stdin)")
    .option(
      "--no-check",
      "send it even with template syntax errors, or a name or content over the service's limits",
    )
    .option(
      "--allow-duplicate-name",
      "do not look for a template with the same name first (names are not unique)",
    )
    .addHelpText(
      "after",
      `${examples(
        'promptmill create --name "小红书文案" --content "写一篇关于${theme}的笔记，语气${tone}"',
        'promptmill create --name "Code review" --file prompts/code-review.txt --json',
      )}

The name, the content and its syntax are checked before sending: a name of at most 128
characters, content of at most 20,000 (the service's limits), neither empty. A template that
already has the name is warned about: names are not unique in Model Studio.`,
    )
    .action(async (options: CreateOptions) => {
      const { extractVariables } = await import("@promptmill/core/template");
      const { checkContentBeforeSending, contentFromOptions } = await import(
        "../template-content.js"
      );
      const { printableInline } = await import("@promptmill/core/text");
      const content = (await contentFromOptions(options, true)) ?? "";
      const { output } = context;
      if (options.check) {
        const { checkTemplateLimits } = await import("../template-limits.js");
        await checkTemplateLimits(options.name, content);
        checkContentBeforeSending(content, output);
      }
      const client = await context.client();
      const workspaceId = context.workspaceId();
      if (!options.allowDuplicateName) {
        // Model Studio keeps names apart by id only: a second template of the same name makes
        // every look-up by that name (render --name, the registry) ambiguous from now on.
        const { iteratePromptTemplates } = await import("@promptmill/core");
        const existing: string[] = [];
        for await (const template of iteratePromptTemplates(
          client,
          { workspaceId, name: options.name },
          { signal: context.signal },
        )) {
          if (template.name === options.name) existing.push(template.promptTemplateId);
        }
        if (existing.length > 0) {
          output.warn(
            `${output.styleErr("yellow", "warning:")} "${printableInline(options.name)}" is already the name of ${existing.join(", ")}; ` +
              "creating another makes look-ups by this name ambiguous (--allow-duplicate-name: no check)",
          );
        }
      }
      const response = await client.createPromptTemplate(
        { workspaceId, name: options.name, content },
        { signal: context.signal },
      );
      if (output.json) return output.data(response);
      output.line(
        `created ${output.style("bold", response.promptTemplateId)}  ${printableInline(options.name)}`,
      );
      const variables = extractVariables(content).map(printableInline);
      output.line(`variables: ${variables.length > 0 ? variables.join(", ") : "(none)"}`);
    });
}

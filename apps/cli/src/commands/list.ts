import type {
  ListPromptTemplatesRequest,
  PromptTemplateSummary,
  TemplateType,
} from "@promptmill/core";
import { type Command, Option } from "commander";
import type { CliContext } from "../context.js";
import { examples } from "../help.js";
import { parsePositiveInteger } from "../option-parsers.js";
import { addOutputOption, type OutputFormat, outputFormat } from "../output-format.js";

interface ListOptions {
  name?: string;
  type?: TemplateType;
  maxResults?: number;
  nextToken?: string;
  all?: boolean;
}

const COLUMNS = ["id", "type", "name", "variables"];

/** One page (or all of them) in the format asked for; the count goes where it cannot mix with data. */
async function printTemplates(
  context: CliContext,
  format: Exclude<OutputFormat, "json">,
  templates: readonly PromptTemplateSummary[],
  footer: string,
): Promise<void> {
  const { output } = context;
  if (format === "table") {
    const { printTemplateTable } = await import("../template-table.js");
    printTemplateTable(templates, output);
    output.line(footer);
    return;
  }
  const { formatRecords } = await import("../output-format.js");
  const rows = templates.map((template) => [
    template.promptTemplateId,
    template.type,
    template.name,
    template.variables.join(","),
  ]);
  output.raw(await formatRecords(format, COLUMNS, rows));
  output.info(footer);
}

export function registerListCommand(program: Command, context: CliContext): void {
  const command = program
    .command("list")
    .description("list the workspace's prompt templates (ListPromptTemplates)")
    .option("--name <keyword>", "only templates whose name contains the keyword")
    .addOption(
      new Option("--type <type>", "only System or Custom templates").choices(["System", "Custom"]),
    )
    .option(
      "--max-results <n>",
      "templates per page (the service's default when left out)",
      parsePositiveInteger,
    )
    .option("--next-token <token>", "the page after the one that returned this token")
    .option("--all", "page through every template (with the paginator) instead of one page")
    .addHelpText(
      "after",
      examples(
        "promptmill list",
        "promptmill list --name 小红书 --type Custom --all",
        "promptmill list --max-results 50 --json | jq '.promptTemplates[].name'",
        "promptmill list --all --output tsv | cut -f3",
      ),
    );
  addOutputOption(command).action(async (options: ListOptions) => {
    const client = await context.client();
    const { output } = context;
    const workspaceId = context.workspaceId();
    const request: ListPromptTemplatesRequest = {
      workspaceId,
      ...(options.name === undefined ? {} : { name: options.name }),
      ...(options.type === undefined ? {} : { type: options.type }),
      ...(options.maxResults === undefined ? {} : { maxResults: options.maxResults }),
      ...(options.nextToken === undefined ? {} : { nextToken: options.nextToken }),
    };

    const format = outputFormat(context);
    if (!options.all) {
      const page = await client.listPromptTemplates(request, { signal: context.signal });
      if (format === "json") return output.data(page);
      const more = page.nextToken ? ` — next page: --next-token ${page.nextToken}` : "";
      const footer = `${page.promptTemplates.length} of ${page.totalCount} templates${more}`;
      return printTemplates(context, format, page.promptTemplates, footer);
    }

    const { paginatePromptTemplates } = await import("@promptmill/core");
    const templates: PromptTemplateSummary[] = [];
    let totalCount = 0;
    for await (const page of paginatePromptTemplates(client, request, {
      signal: context.signal,
    })) {
      templates.push(...page.promptTemplates);
      totalCount = page.totalCount;
    }
    if (format === "json") {
      return output.data({ workspaceId, totalCount, promptTemplates: templates });
    }
    return printTemplates(context, format, templates, `${templates.length} templates`);
  });
}

import type {
  ListPromptTemplatesRequest,
  PromptTemplateSummary,
  TemplateType,
} from "@promptmill/core";
import { type Command, Option } from "commander";
import type { CliContext } from "../context.js";
import { examples } from "../help.js";
import { parsePositiveInteger } from "../option-parsers.js";
import { printTemplateTable } from "../template-table.js";

interface ListOptions {
  name?: string;
  type?: TemplateType;
  maxResults?: number;
  nextToken?: string;
  all?: boolean;
}

export function registerListCommand(program: Command, context: CliContext): void {
  program
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
      ),
    )
    .action(async (options: ListOptions) => {
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

      if (!options.all) {
        const page = await client.listPromptTemplates(request, { signal: context.signal });
        if (output.json) return output.data(page);
        printTemplateTable(page.promptTemplates, output);
        const more = page.nextToken ? ` — next page: --next-token ${page.nextToken}` : "";
        output.line(`${page.promptTemplates.length} of ${page.totalCount} templates${more}`);
        return;
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
      if (output.json) return output.data({ workspaceId, totalCount, promptTemplates: templates });
      printTemplateTable(templates, output);
      output.line(`${templates.length} templates`);
    });
}

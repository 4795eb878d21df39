import { once } from "node:events";
import type { WriteStream } from "node:fs";
import type { TemplateType } from "@promptmill/core";
import { type Command, Option } from "commander";
import type { CliContext } from "../context.js";
import { examples } from "../help.js";
import { plural } from "../plural.js";

interface ExportOptions {
  type: TemplateType | "all";
  name?: string;
  out?: string;
}

async function writeTo(stream: WriteStream | NodeJS.WriteStream, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, "drain");
}

export function registerExportCommand(program: Command, context: CliContext): void {
  program
    .command("export")
    .description(
      "write the workspace's templates as CSV (name,content,variables) that import reads back",
    )
    .addOption(
      new Option("--type <type>", "which templates: Custom (yours), System or all")
        .choices(["Custom", "System", "all"])
        .default("Custom"),
    )
    .option("--name <keyword>", "only templates whose name contains the keyword")
    .option("--out <file>", "write to a file instead of stdout")
    .addHelpText(
      "after",
      `${examples(
        "promptmill export > templates.csv",
        "promptmill export --name 小红书 --out xhs.csv",
        "promptmill --workspace llm-bbb… import templates.csv   # the round trip",
      )}

System templates are left out by default: every workspace has its own.`,
    )
    .action(async (options: ExportOptions) => {
      const { paginatePromptTemplates } = await import("@promptmill/core");
      // The importer owns the CSV format: what it writes here, import reads back unchanged.
      const { EXPORT_COLUMNS, formatCsvRecord, formatExportRecord } = await import(
        "@promptmill/importer"
      );
      const { openOutputFile } = await import("../output-file.js");
      const client = await context.client();
      const workspaceId = context.workspaceId();
      const { output } = context;
      const file = options.out === undefined ? undefined : await openOutputFile(options.out);
      const stream = file ?? process.stdout;
      let count = 0;
      try {
        await writeTo(stream, formatCsvRecord(EXPORT_COLUMNS));
        const request = {
          workspaceId,
          ...(options.type === "all" ? {} : { type: options.type }),
          ...(options.name === undefined ? {} : { name: options.name }),
        };
        for await (const page of paginatePromptTemplates(client, request, {
          signal: context.signal,
        })) {
          const records = page.promptTemplates.map(formatExportRecord);
          await writeTo(stream, records.join(""));
          count += records.length;
        }
      } finally {
        if (file) {
          file.end();
          await once(file, "close");
        }
      }
      if (output.json && options.out !== undefined) {
        return output.data({ file: options.out, workspaceId, templates: count });
      }
      output.info(
        `exported ${plural(count, "template")} from ${workspaceId}${options.out ? ` to ${options.out}` : ""}`,
      );
    });
}

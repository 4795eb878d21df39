import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import type { ImportSummary } from "@promptmill/importer";
import { type Command, Option } from "commander";
import type { CliContext } from "../context.js";
import { EXAMPLES_CSV } from "../example-data.js";
import { ExitCode } from "../exit-codes.js";
import { examples } from "../help.js";
import { UsageError } from "../usage-error.js";

interface DemoOptions {
  csv: string;
  render: string;
  keep?: boolean;
}

const DEMO_TEMPLATE = "小红书文案-美食探店";
const LISTED_ROWS = 8;

interface RejectedRow {
  line: string;
  name: string;
  reasons: string;
  message: string;
}

/** The reject file is the input's columns plus `line`, `reasons` and `message`; read it with the importer's reader. */
async function readRejects(file: string): Promise<RejectedRow[]> {
  const { readTemplateCsv } = await import("@promptmill/importer");
  let columns: readonly string[] = [];
  const rows: RejectedRow[] = [];
  for await (const entry of readTemplateCsv(file, { allowUnknownColumns: true })) {
    if (entry.type === "header") {
      columns = entry.columns;
      continue;
    }
    const field = (column: string) => entry.row.fields[columns.indexOf(column)] ?? "";
    rows.push({
      line: field("line"),
      name: field("name"),
      reasons: field("reasons"),
      message: field("message"),
    });
  }
  return rows;
}

/** The sample values the CSV gives for one template (its `var.<name>` columns). */
async function sampleValues(file: string, name: string): Promise<Record<string, string>> {
  const { readTemplateCsv } = await import("@promptmill/importer");
  for await (const entry of readTemplateCsv(file)) {
    if (entry.type === "row" && entry.row.name === name) {
      return Object.fromEntries(entry.row.sampleColumns);
    }
  }
  return {};
}

export function registerDemoCommand(program: Command, context: CliContext): void {
  program
    .command("demo")
    .description("the whole path on a throwaway local service: import, rejects, list, render")
    .addOption(
      new Option("--csv <file>", "the templates to import").default(
        EXAMPLES_CSV,
        "the examples that come with promptmill",
      ),
    )
    .option("--render <name>", "the template to render with its sample values", DEMO_TEMPLATE)
    .option("--keep", "keep the temporary directory (data file, report, reject file)")
    .addHelpText("after", examples("promptmill demo", "pnpm --filter promptmill run demo"))
    .action(async (options: DemoOptions) => {
      context.stopGracefullyOnInterrupt();
      const { output } = context;
      // Before the service starts: a CSV that cannot be read fails at once, with nothing to stop.
      const { checkReadable } = await import("../read-input.js");
      await checkReadable(options.csv);
      const { formatTable } = await import("../table.js");
      const { printTemplateTable } = await import("../template-table.js");
      const { printableBlock, printableInline } = await import("@promptmill/core/text");
      const { createPromptRegistry, MissingVariablesError, ModelStudioClient } = await import(
        "@promptmill/core"
      );
      const { startLocalService } = await import("@promptmill/service");
      const { createProgressReporter, formatSummary, importExitCode, runImport } = await import(
        "@promptmill/importer"
      );
      const directory = await mkdtemp(join(tmpdir(), "promptmill-demo-"));
      const service = await startLocalService({
        port: 0,
        dataFile: join(directory, "local.sqlite"),
      });
      try {
        const key = service.developmentKey ?? service.accessKeys[0];
        const workspaceId = service.workspaceIds[0];
        if (key === undefined || workspaceId === undefined) {
          throw new Error("the local service started without an access key or workspace");
        }
        const credentials = { accessKeyId: key.accessKeyId, accessKeySecret: key.accessKeySecret };
        output.protect(key.accessKeySecret);
        const heading = (text: string) => {
          if (!output.json) output.line(`\n${output.style("bold", `== ${text}`)}`);
        };

        heading("1. A local Model Studio-compatible service");
        if (!output.json) {
          output.line(`endpoint   ${service.endpoint}`);
          output.line(`workspace  ${workspaceId}`);
          output.line(`data       ${service.dataFile} (temporary)`);
        }

        const csvLabel =
          options.csv === EXAMPLES_CSV
            ? "examples/templates.csv (shipped with promptmill)"
            : relative(process.cwd(), options.csv) || options.csv;
        heading(`2. Import ${csvLabel}`);
        const reporter = output.quiet
          ? undefined
          : createProgressReporter({ stream: process.stderr });
        const summary: ImportSummary = await runImport({
          input: options.csv,
          workspaceId,
          endpoint: service.endpoint,
          credentials,
          rejectFile: join(directory, "templates.rejects.csv"),
          reportFile: join(directory, "templates.report.csv"),
          journalFile: join(directory, "templates.journal"),
          signal: context.signal,
          onProgress: reporter?.onProgress,
        });
        reporter?.stop();
        if (summary.status !== "completed" || summary.failed > 0) {
          if (!output.json) output.line(formatSummary(summary));
          process.exitCode = importExitCode(summary);
          return;
        }
        const rejects = await readRejects(summary.rejectFile);
        if (!output.json) {
          output.line(formatSummary(summary));
          output.line(
            rejects.length === 0
              ? "\nNo row was rejected: every row passed the checks."
              : options.csv === EXAMPLES_CSV
                ? `\n${rejects.length} rows were rejected — on purpose: the CSV ends with rows that fail the checks ` +
                  "(an undeclared variable, an unused one, a syntax error, a repeated name, empty content). " +
                  "This is expected; nothing of them reached the service:"
                : `\n${rejects.length === 1 ? "1 row was" : `${rejects.length} rows were`} rejected; nothing of them reached the service:`,
          );
        }
        if (!output.json && rejects.length > 0) {
          const table = formatTable(rejects, [
            { header: "LINE", value: (row) => row.line },
            { header: "NAME", value: (row) => row.name, maxWidth: 40 },
            { header: "REASONS", value: (row) => row.reasons },
            { header: "MESSAGE", value: (row) => row.message, maxWidth: 90 },
          ]);
          for (const line of table) output.line(`  ${line}`);
        }

        heading("3. The workspace");
        const client = new ModelStudioClient({ endpoint: service.endpoint, credentials });
        const page = await client.listPromptTemplates(
          { workspaceId, maxResults: LISTED_ROWS },
          { signal: context.signal },
        );
        if (!output.json) {
          printTemplateTable(page.promptTemplates, output);
          output.line(
            `… ${page.totalCount} templates in all (the service's System templates and ${summary.created} imported ones)`,
          );
        }

        heading(`4. Render "${options.render}"`);
        const values = await sampleValues(options.csv, options.render);
        const registry = createPromptRegistry({ client, workspaceId });
        let rendered: string;
        try {
          rendered = await registry.render(options.render, values);
        } catch (error) {
          // demo has no --var: the values come from the CSV, so that is what to fix.
          if (!(error instanceof MissingVariablesError)) throw error;
          const columns = error.missing.map((name) => `var.${name}`).join(", ");
          throw new UsageError(
            `the CSV gives no sample value for ${error.missing.join(", ")} of "${printableInline(options.render)}": ` +
              `fill its ${columns} column${error.missing.length === 1 ? "" : "s"} in that row`,
          );
        } finally {
          registry.close();
        }
        if (output.json) {
          output.data({
            endpoint: service.endpoint,
            workspaceId,
            import: summary,
            rejects,
            totalCount: page.totalCount,
            render: { name: options.render, values, text: rendered },
          });
        } else {
          const shown = Object.entries(values).map(([name, value]) =>
            printableInline(`${name}=${value}`),
          );
          output.line(`values: ${shown.length > 0 ? shown.join(", ") : "(none)"}`);
          output.line(printableBlock(rendered).replace(/^/gm, "  "));
          heading("Done");
          output.line("Stopping the local service and removing its temporary data.");
          output.line(
            "Next: `promptmill serve` runs a service that keeps its data; `promptmill --help` lists the rest.",
          );
        }
        process.exitCode = ExitCode.ok;
      } finally {
        await service.close();
        if (options.keep) output.info(`kept ${directory}`);
        else await rm(directory, { recursive: true, force: true });
      }
    });
}

import type { PromptTypeSource, TemplateType } from "@promptmill/core";
import { type Command, Option } from "commander";
import type { CliContext } from "../context.js";
import { examples } from "../help.js";
import { UsageError } from "../usage-error.js";

interface TypegenOptions {
  out?: string;
  snapshot?: string;
  type?: TemplateType;
  interfaceName?: string;
}

function isTypeSource(value: unknown): value is PromptTypeSource {
  if (typeof value !== "object" || value === null) return false;
  const { name, variables } = value as { name?: unknown; variables?: unknown };
  return (
    typeof name === "string" &&
    Array.isArray(variables) &&
    variables.every((variable) => typeof variable === "string")
  );
}

/**
 * The templates of a registry snapshot file (`registry.snapshot(file)`): names and variables,
 * of one type when `type` is given (a snapshot holds both, as a workspace does).
 */
async function readSnapshotTemplates(
  file: string,
  type: TemplateType | undefined,
): Promise<PromptTypeSource[]> {
  const { readTextInput } = await import("../read-input.js");
  const text = await readTextInput(file);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new UsageError(`--snapshot ${file}: not valid JSON`);
  }
  const templates = (json as { templates?: unknown } | null)?.templates;
  if (!Array.isArray(templates) || !templates.every(isTypeSource)) {
    throw new UsageError(
      `--snapshot ${file}: not a prompt snapshot (expected {"templates": [{"name", "variables"}, …]})`,
    );
  }
  return type === undefined
    ? templates
    : templates.filter((template) => (template as { type?: unknown }).type === type);
}

export function registerTypegenCommand(program: Command, context: CliContext): void {
  program
    .command("typegen")
    .description("write a TypeScript module typing the workspace's prompts and their variables")
    .option("--out <file>", "write the module to a file instead of stdout")
    .option(
      "--snapshot <file>",
      "read the templates from a registry snapshot file instead of the service",
    )
    .addOption(
      new Option("--type <type>", "only System or Custom templates (default: both)").choices([
        "System",
        "Custom",
      ]),
    )
    .option("--interface-name <name>", "the exported interface's name", "PromptVariables")
    .addHelpText(
      "after",
      `${examples(
        "promptmill typegen --out src/prompts.generated.ts",
        "promptmill typegen --snapshot prompts.snapshot.json --out src/prompts.generated.ts",
      )}

Then: createPromptRegistry<PromptVariables>({ client, workspaceId }) checks template names and
variables at compile time.`,
    )
    .action(async (options: TypegenOptions) => {
      const { generatePromptTypes, iteratePromptTemplates } = await import("@promptmill/core");
      const { checkWritable, writeOutputFile } = await import("../output-file.js");
      // Before reading the workspace: an --out that cannot be written is said at once.
      if (options.out !== undefined) await checkWritable(options.out);
      const { output } = context;
      let templates: PromptTypeSource[];
      let origin: string;
      if (options.snapshot !== undefined) {
        templates = await readSnapshotTemplates(options.snapshot, options.type);
        origin = options.snapshot;
      } else {
        const client = await context.client();
        const workspaceId = context.workspaceId();
        templates = [];
        const request = { workspaceId, ...(options.type ? { type: options.type } : {}) };
        for await (const template of iteratePromptTemplates(client, request, {
          signal: context.signal,
        })) {
          templates.push({ name: template.name, variables: template.variables });
        }
        origin = `workspace ${workspaceId}`;
      }
      const source = generatePromptTypes(templates, {
        ...(options.interfaceName ? { interfaceName: options.interfaceName } : {}),
      });
      if (options.out === undefined) {
        output.raw(source);
        return;
      }
      await writeOutputFile(options.out, source);
      if (output.json) {
        return output.data({ file: options.out, templates: templates.length, from: origin });
      }
      output.info(`wrote types for ${templates.length} templates from ${origin} to ${options.out}`);
    });
}

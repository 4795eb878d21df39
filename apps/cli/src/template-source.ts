import type { Command } from "commander";
import type { CliContext } from "./context.js";
import { UsageError } from "./usage-error.js";

/** The ways `render` and `vars` accept a template: `ID`, `--name`, `--file` or `--content`. */
export interface TemplateSourceOptions {
  name?: string | undefined;
  file?: string | undefined;
  content?: string | undefined;
}

export interface LoadedTemplate {
  content: string;
  /** The template's id and name, when it came from the workspace. */
  id: string | undefined;
  name: string | undefined;
  /** The file it was read from (`-` for stdin). */
  file: string | undefined;
}

export function addTemplateSourceOptions(command: Command): Command {
  return command
    .argument("[id]", "the promptTemplateId of a template in the workspace")
    .option("--name <name>", "a template in the workspace with exactly this name")
    .option("--file <path>", "a template in a local file (- for stdin)")
    .option("--content <text>", "the template text itself");
}

/** Loads the one template the user pointed at; several or none is a usage error. */
export async function loadTemplate(
  id: string | undefined,
  options: TemplateSourceOptions,
  context: CliContext,
): Promise<LoadedTemplate> {
  const given = [
    id === undefined ? undefined : "ID",
    options.name === undefined ? undefined : "--name",
    options.file === undefined ? undefined : "--file",
    options.content === undefined ? undefined : "--content",
  ].filter((source) => source !== undefined);
  if (given.length !== 1) {
    throw new UsageError(
      given.length === 0
        ? "which template? pass an ID, --name <name>, --file <path> or --content <text>"
        : `pass only one of ID, --name, --file, --content (got ${given.join(", ")})`,
    );
  }

  const local = { id: undefined, name: undefined, file: undefined };
  if (options.content !== undefined) return { ...local, content: options.content };
  if (options.file !== undefined) {
    const { readTextInput } = await import("./read-input.js");
    return { ...local, content: await readTextInput(options.file), file: options.file };
  }

  const client = await context.client();
  const workspaceId = context.workspaceId();
  if (id !== undefined) {
    const template = await client.getPromptTemplate(
      { workspaceId, promptTemplateId: id },
      { signal: context.signal },
    );
    return {
      content: template.content,
      id: template.promptTemplateId,
      name: template.name,
      file: undefined,
    };
  }

  // The registry resolves a name the way applications do: exact match over every List page, and
  // an error naming the ids when the (non-unique) name is carried by several templates.
  const { createPromptRegistry } = await import("@promptmill/core");
  const registry = createPromptRegistry({ client, workspaceId });
  try {
    const prompt = await registry.get(options.name ?? "");
    return { content: prompt.content, id: prompt.id, name: prompt.name, file: undefined };
  } finally {
    registry.close();
  }
}

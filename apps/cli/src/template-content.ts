import { lintTemplate, parseTemplateOrThrow } from "@promptmill/core/template";
import type { Output } from "./output.js";
import { readTextInput } from "./read-input.js";
import { UsageError } from "./usage-error.js";

export interface ContentOptions {
  content?: string | undefined;
  file?: string | undefined;
}

/** The template text from `--content` or `--file` (exactly one of them when `required`). */
export async function contentFromOptions(
  options: ContentOptions,
  required: boolean,
): Promise<string | undefined> {
  if (options.content !== undefined && options.file !== undefined) {
    throw new UsageError("pass either --content or --file, not both");
  }
  if (options.content !== undefined) return options.content;
  if (options.file !== undefined) return readTextInput(options.file);
  if (required) {
    throw new UsageError("pass the template text with --content <text> or --file <path>");
  }
  return undefined;
}

/**
 * Checks content before it is sent: syntax errors stop the command (the service would store the
 * template and read its variables differently), warnings are shown and the command goes on.
 */
export function checkContentBeforeSending(content: string, output: Output): void {
  parseTemplateOrThrow(content);
  for (const finding of lintTemplate(content)) {
    if (finding.severity === "warning") {
      output.info(
        `${output.styleErr("yellow", "warning")} ${finding.line}:${finding.column} ${finding.code}: ${finding.message}`,
      );
    }
  }
}

import type { PromptTemplateSummary } from "@promptmill/core";
import type { Output } from "./output.js";
import { formatTable } from "./table.js";

/**
 * The compact table `list` and `demo` print: one template a line, content left out. Long names
 * and variable lists are cut to fit only on a terminal.
 */
export function printTemplateTable(
  templates: readonly PromptTemplateSummary[],
  output: Output,
): void {
  const lines = formatTable(
    templates,
    [
      { header: "ID", value: (template) => template.promptTemplateId },
      { header: "TYPE", value: (template) => template.type },
      { header: "NAME", value: (template) => template.name, maxWidth: 40 },
      {
        header: "VARIABLES",
        value: (template) => template.variables.join(", "),
        maxWidth: 48,
      },
    ],
    { truncate: output.stdoutIsTty },
  );
  const [header, ...rows] = lines;
  output.line(output.style("bold", header ?? ""));
  for (const row of rows) output.line(row);
}

// biome-ignore-all lint/suspicious/noTemplateCurlyInString: templates are written in the ${var} syntax on purpose.
import type { RenderMode } from "@promptmill/core/template";
import { type Command, Option } from "commander";
import type { CliContext } from "../context.js";
import { examples } from "../help.js";
import { collect } from "../option-parsers.js";
import {
  addTemplateSourceOptions,
  loadTemplate,
  type TemplateSourceOptions,
} from "../template-source.js";

interface RenderOptions extends TemplateSourceOptions {
  var?: string[];
  varsFile?: string;
  mode: RenderMode;
}

export function registerRenderCommand(program: Command, context: CliContext): void {
  addTemplateSourceOptions(
    program.command("render").description("fill a template's variables and print the prompt"),
  )
    .option("--var <name=value>", "a variable's value (repeatable)", collect)
    .option("--vars-file <path>", "a JSON object of values (--var wins over it)")
    .addOption(
      new Option(
        "--mode <mode>",
        "what a missing value does: strict fails, lenient leaves it empty, keep leaves ${name}",
      )
        .choices(["strict", "lenient", "keep"])
        .default("strict"),
    )
    .addHelpText(
      "after",
      `${examples(
        'promptmill render --name "小红书文案-美食探店" --var theme="湖滨本帮菜" --var tone=轻松',
        "promptmill render 3f9c2d…e1 --vars-file values.json",
        'promptmill render --content "Hello ${who}" --var who=world',
        "promptmill render --file prompt.txt --mode keep",
      )}

Piped, the prompt is printed exactly as rendered; on a terminal, control characters in it are
shown visibly (\\x1B). --json prints {id, name, variables, mode, text} (file for --file).`,
    )
    .action(async (id: string | undefined, options: RenderOptions) => {
      const { extractVariables, renderTemplate } = await import("@promptmill/core/template");
      const { collectRenderValues, parseVarAssignments } = await import("../render-values.js");
      const values = await collectRenderValues(options.var ?? [], options.varsFile);
      const template = await loadTemplate(id, options, context);
      const variables = extractVariables(template.content);
      const { output } = context;
      // A --var the template does not use is most often a typo of one it does (whose value
      // then goes missing, or is left empty by --mode lenient): said before the render, which
      // may fail on it. A --vars-file may hold values for many templates: not checked.
      const unused = Object.keys(parseVarAssignments(options.var ?? [])).filter(
        (name) => !variables.includes(name),
      );
      if (unused.length > 0) {
        const { printableInline } = await import("@promptmill/core/text");
        const uses = variables.length > 0 ? variables.join(", ") : "no variables";
        output.warn(
          `${output.styleErr("yellow", "warning:")} --var ${printableInline(unused.join(", "))}: not used by the template (it uses ${printableInline(uses)})`,
        );
      }
      const text = renderTemplate(template.content, values, { mode: options.mode });
      if (output.json) {
        return output.data({
          id: template.id ?? null,
          name: template.name ?? null,
          ...(template.file === undefined ? {} : { file: template.file }),
          variables,
          mode: options.mode,
          text,
        });
      }
      const ending = text.endsWith("\n") ? text : `${text}\n`;
      if (!output.stdoutIsTty) return output.raw(ending);
      // On a terminal the prompt is read, not used: what the template brings is shown visibly.
      const { printableBlock } = await import("@promptmill/core/text");
      output.raw(printableBlock(ending));
    });
}

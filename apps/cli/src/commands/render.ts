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
      examples(
        'promptmill render --name "小红书文案-美食探店" --var theme="湖滨本帮菜" --var tone=轻松',
        "promptmill render 3f9c2d…e1 --vars-file values.json",
        'promptmill render --content "Hello ${who}" --var who=world',
        "promptmill render --file prompt.txt --mode keep",
      ),
    )
    .action(async (id: string | undefined, options: RenderOptions) => {
      const { renderTemplate } = await import("@promptmill/core/template");
      const { collectRenderValues } = await import("../render-values.js");
      const values = await collectRenderValues(options.var ?? [], options.varsFile);
      const template = await loadTemplate(id, options, context);
      const text = renderTemplate(template.content, values, { mode: options.mode });
      const { output } = context;
      if (output.json) {
        return output.data({ template: template.label, mode: options.mode, text });
      }
      output.raw(text.endsWith("\n") ? text : `${text}\n`);
    });
}

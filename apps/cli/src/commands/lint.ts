import type { LintFinding } from "@promptmill/core/template";
import type { Command } from "commander";
import type { CliContext } from "../context.js";
import { ExitCode } from "../exit-codes.js";
import { examples } from "../help.js";
import { addOutputOption, outputFormat } from "../output-format.js";
import { plural } from "../plural.js";
import { UsageError } from "../usage-error.js";

interface LintOptions {
  content?: string;
}

interface FileFinding extends LintFinding {
  file: string;
}

export function registerLintCommand(program: Command, context: CliContext): void {
  const command = program
    .command("lint")
    .description("check template files for syntax errors and risky constructs")
    .argument("[files...]", "template files (- for stdin)")
    .option("--content <text>", "check this text instead of files")
    .addHelpText(
      "after",
      `${examples("promptmill lint prompts/*.txt", 'promptmill lint --content "Hi ${name"')}

Each finding is printed as file:line:col: severity code message (line and column within the file).
The exit code is 4 when any error is found; warnings alone exit 0.`,
    );
  addOutputOption(command).action(async (files: string[], options: LintOptions) => {
    const { lintTemplate } = await import("@promptmill/core/template");
    const { readTextInput } = await import("../read-input.js");
    if (files.length > 0 && options.content !== undefined) {
      throw new UsageError("pass files or --content, not both");
    }
    if (files.length === 0 && options.content === undefined) {
      throw new UsageError("nothing to lint: pass one or more files, or --content <text>");
    }
    const sources =
      options.content === undefined
        ? await Promise.all(
            files.map(async (file) => ({ file, content: await readTextInput(file) })),
          )
        : [{ file: "<content>", content: options.content }];

    const findings: FileFinding[] = sources.flatMap(({ file, content }) =>
      lintTemplate(content).map((finding) => ({ file, ...finding })),
    );
    const errors = findings.filter((finding) => finding.severity === "error").length;
    const { output } = context;
    const format = outputFormat(context);
    if (format === "json") {
      output.data(findings);
    } else if (format === "tsv" || format === "csv") {
      const { formatRecords } = await import("../output-format.js");
      const header = ["file", "line", "column", "severity", "code", "message"];
      const rows = findings.map((finding) => [
        finding.file,
        String(finding.line),
        String(finding.column),
        finding.severity,
        finding.code,
        finding.message,
      ]);
      output.raw(await formatRecords(format, header, rows));
    } else {
      const { printableInline } = await import("@promptmill/core/text");
      for (const finding of findings) {
        const severity =
          finding.severity === "error"
            ? output.style(["bold", "red"], "error")
            : output.style("yellow", "warning");
        output.line(
          `${printableInline(finding.file)}:${finding.line}:${finding.column}: ${severity} ${finding.code} ${printableInline(finding.message)}`,
        );
      }
      output.info(
        `${plural(errors, "error")}, ${plural(findings.length - errors, "warning")} in ${plural(sources.length, "template")}`,
      );
    }
    if (errors > 0) process.exitCode = ExitCode.template;
  });
}

#!/usr/bin/env node
import { Command, Option } from "commander";
import packageJson from "../package.json" with { type: "json" };
import { registerApplyCommand } from "./commands/apply.js";
import { registerConsoleCommand } from "./commands/console.js";
import { registerCreateCommand } from "./commands/create.js";
import { registerDeleteCommand } from "./commands/delete.js";
import { registerDemoCommand } from "./commands/demo.js";
import { registerExportCommand } from "./commands/export.js";
import { registerGetCommand } from "./commands/get.js";
import { registerImportCommand } from "./commands/import.js";
import { registerLintCommand } from "./commands/lint.js";
import { registerListCommand } from "./commands/list.js";
import { registerMigrateCommand } from "./commands/migrate.js";
import { registerPlanCommand } from "./commands/plan.js";
import { registerPullCommand } from "./commands/pull.js";
import { registerRenderCommand } from "./commands/render.js";
import { registerServeCommand } from "./commands/serve.js";
import { registerTypegenCommand } from "./commands/typegen.js";
import { registerUpdateCommand } from "./commands/update.js";
import { registerVarsCommand } from "./commands/vars.js";
import { CliContext, type GlobalOptions } from "./context.js";
import { ExitCode } from "./exit-codes.js";
import { examples } from "./help.js";

function buildProgram(context: CliContext): Command {
  const program = new Command("promptmill")
    .description("Model Studio (Bailian) prompt templates from a terminal")
    .version(packageJson.version, "-V, --version")
    .addOption(
      new Option(
        "--endpoint <url>",
        "the API endpoint, e.g. http://127.0.0.1:8080 for the local service",
      ).env("PROMPTMILL_ENDPOINT"),
    )
    .addOption(
      new Option(
        "--region <region>",
        "the Model Studio region (when no endpoint is given)",
      ).choices(["cn-beijing", "ap-southeast-1"]),
    )
    .addOption(
      new Option("--workspace <id>", "the Model Studio workspace id").env("PROMPTMILL_WORKSPACE"),
    )
    .option("--profile <name>", "the aliyun CLI profile / credentials file section to use")
    .option("--json", "print results as JSON (the service's response where there is one)")
    .option("-q, --quiet", "print only results, no progress or notes")
    .option("--verbose", "print details and stack traces with errors, and retries as they happen")
    .addHelpText(
      "after",
      `${examples(
        "promptmill demo",
        "promptmill serve        # then paste the export lines it prints",
        "promptmill list --all",
        'promptmill render --name "小红书文案-美食探店" --var theme=春天 --var tone=温柔',
        "promptmill import templates.csv --dry-run",
      )}

Exit codes: 0 ok, 1 usage, 2 API error, 3 import with rejected rows, 4 template errors, 130 interrupted.`,
    )
    .showHelpAfterError("(add --help for usage)")
    .exitOverride()
    .configureOutput({
      writeErr: (text) => process.stderr.write(context.output.redact(text)),
      outputError: (text, write) => write(text),
    })
    .hook("preAction", (_program, actionCommand) => {
      context.configure(actionCommand.optsWithGlobals<GlobalOptions>());
    });

  registerCreateCommand(program, context);
  registerGetCommand(program, context);
  registerUpdateCommand(program, context);
  registerDeleteCommand(program, context);
  registerListCommand(program, context);
  registerRenderCommand(program, context);
  registerVarsCommand(program, context);
  registerLintCommand(program, context);
  registerImportCommand(program, context);
  registerExportCommand(program, context);
  registerMigrateCommand(program, context);
  registerPullCommand(program, context);
  registerPlanCommand(program, context);
  registerApplyCommand(program, context);
  registerServeCommand(program, context);
  registerConsoleCommand(program, context);
  registerTypegenCommand(program, context);
  registerDemoCommand(program, context);
  return program;
}

const context = new CliContext();
let signalsReceived = 0;
const onSignal = (): void => {
  signalsReceived += 1;
  // For a command that can stop cleanly, the first Ctrl-C asks it to (an import flushes its
  // journal); a second one, or one during any other command, means "now".
  if (signalsReceived > 1 || !context.stopsGracefully) process.exit(ExitCode.interrupted);
  context.interrupt();
};
process.on("SIGINT", onSignal);
process.on("SIGTERM", onSignal);
// `promptmill export | head` closes our stdout early; that is the reader's choice, not an error.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? ExitCode.ok);
  throw error;
});

try {
  await buildProgram(context).parseAsync(process.argv);
} catch (error) {
  const { reportError } = await import("./error-report.js");
  const report = await reportError(error);
  const { output } = context;
  if (report.line) output.error(output.styleErr("red", report.line));
  for (const detail of report.details) output.debug(detail);
  process.exitCode = context.failureExitCode ?? report.exitCode;
}
if (context.interrupted && process.exitCode === undefined) process.exitCode = ExitCode.interrupted;

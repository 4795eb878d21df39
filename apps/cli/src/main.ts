#!/usr/bin/env node
import { Command, InvalidArgumentError, Option } from "commander";
import packageJson from "../package.json" with { type: "json" };
import { registerApplyCommand } from "./commands/apply.js";
import { registerCompletionCommand } from "./commands/completion.js";
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
import { registerSnapshotCommand } from "./commands/snapshot.js";
import { registerTypegenCommand } from "./commands/typegen.js";
import { registerUpdateCommand } from "./commands/update.js";
import { registerVarsCommand } from "./commands/vars.js";
import { CliContext, type GlobalOptions } from "./context.js";
import { ExitCode, exitCodeSummary } from "./exit-codes.js";
import { examples } from "./help.js";

/** A region id as Alibaba Cloud writes them (cn-beijing, ap-southeast-1, us-east-1, …). */
function parseRegion(value: string): string {
  if (!/^[a-z]{2,}(-[a-z0-9]+)+$/.test(value)) {
    throw new InvalidArgumentError("expected a region id such as cn-beijing or ap-southeast-1");
  }
  return value;
}

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
        "the Model Studio region when no endpoint is given: cn-beijing or ap-southeast-1 (default: ALIBABA_CLOUD_REGION_ID, the aliyun CLI profile's region_id, else cn-beijing)",
      ).argParser(parseRegion),
    )
    .addOption(
      new Option("--workspace <id>", "the Model Studio workspace id").env("PROMPTMILL_WORKSPACE"),
    )
    .option("--profile <name>", "the aliyun CLI profile / credentials file section to use")
    .option("--json", "print results as JSON (the service's response where there is one)")
    .option("-q, --quiet", "print only results, no progress or notes")
    .option(
      "--verbose",
      "say which credentials, region and endpoint are used; details and stack traces with errors; retries",
    )
    .option("--no-color", "no colour, even on a terminal or with FORCE_COLOR")
    // Every command's --help lists these too: they are where most mistakes are made.
    .configureHelp({ showGlobalOptions: true })
    .addHelpText(
      "after",
      `${examples(
        "promptmill demo",
        "promptmill serve        # then paste the export lines it prints",
        "promptmill list --all",
        'promptmill render --name "小红书文案-美食探店" --var theme=春天 --var tone=温柔',
        "promptmill import templates.csv --dry-run",
        "source <(promptmill completion bash)   # or zsh; fish: promptmill completion fish | source",
      )}

${exitCodeSummary()}`,
    )
    .showHelpAfterError("(add --help for usage)")
    .exitOverride()
    .configureOutput({
      writeErr: (text) => process.stderr.write(context.output.redact(text)),
      outputError: (text, write) => write(text),
    })
    .hook("preAction", (_program, actionCommand) => {
      const endpointFrom =
        actionCommand.getOptionValueSourceWithGlobals("endpoint") === "env"
          ? "PROMPTMILL_ENDPOINT"
          : "--endpoint";
      context.configure(actionCommand.optsWithGlobals<GlobalOptions>(), endpointFrom);
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
  registerSnapshotCommand(program, context);
  registerDemoCommand(program, context);
  registerCompletionCommand(program, context);
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
  const { printableBlock } = await import("@promptmill/core/text");
  const report = await reportError(error);
  const { output } = context;
  // Error lines quote names, paths and the service's messages: data, shown visibly.
  if (report.line) output.error(output.styleErr("red", printableBlock(report.line)));
  for (const detail of report.details) output.debug(detail);
  process.exitCode = context.failureExitCode ?? report.exitCode;
}
if (context.interrupted && process.exitCode === undefined) process.exitCode = ExitCode.interrupted;

#!/usr/bin/env node
import { PromptmillError } from "@promptmill/core";
import { DEFAULT_CONCURRENCY, IMPORT_EXIT_CODES, ImportSetupError } from "@promptmill/importer";
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import packageJson from "../package.json" with { type: "json" };
import { type ImportFlags, importCommand } from "./import-command.js";
import { UsageError } from "./usage-error.js";

function positiveInteger(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) {
    throw new InvalidArgumentError("expected a whole number ≥ 1");
  }
  return number;
}

function positiveNumber(value: string): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0)
    throw new InvalidArgumentError("expected a number > 0");
  return number;
}

function buildProgram(run: (file: string, flags: ImportFlags) => Promise<void>): Command {
  const program = new Command("promptmill-worker")
    .description("Bulk jobs for Model Studio prompt templates")
    .version(packageJson.version, "-V, --version")
    .showHelpAfterError("(add --help for usage)")
    .exitOverride();

  program
    .command("import")
    .description(
      "Import a CSV of templates: every row checked first, each template created exactly once. " +
        "Run the same command again after an interruption to resume.",
    )
    .argument(
      "<file>",
      "the CSV file (columns name, content, and optional variables, sample, var.<name>)",
    )
    .addOption(
      new Option("--endpoint <url>", "API endpoint, e.g. http://127.0.0.1:8080").env(
        "PROMPTMILL_ENDPOINT",
      ),
    )
    .addOption(
      new Option("--workspace <id>", "Model Studio workspace id").env("PROMPTMILL_WORKSPACE"),
    )
    .option("--profile <name>", "aliyun CLI profile / credentials file section for the credentials")
    .option(
      "--access-key-id <id>",
      "AccessKey ID; its secret comes from ALIBABA_CLOUD_ACCESS_KEY_SECRET or --profile, never a flag",
    )
    .option(
      "--dry-run",
      "check every row and print what a run would do now; send and write nothing (but --plan)",
    )
    .option(
      "--plan <file>",
      "with --dry-run: write every row with its decision to this CSV, and the rows a run would reject beside it",
    )
    .addOption(
      new Option("--concurrency <n>", "rows in flight at once")
        .argParser(positiveInteger)
        .default(DEFAULT_CONCURRENCY),
    )
    .addOption(
      new Option("--rps <n>", "rows started per second at most (default: unlimited)").argParser(
        positiveNumber,
      ),
    )
    .addOption(
      new Option("--on-existing <mode>", "a row whose name exists: skip it, update it, or fail it")
        .choices(["skip", "update", "fail"])
        .default("skip"),
    )
    .option(
      "--journal <file>",
      "the job's journal, what a rerun reads (default: FILE.<workspace>@<host>.journal, one per target)",
    )
    .option("--report <file>", "one line per row with its outcome (default: beside the journal)")
    .option("--reject-file <file>", "rejected rows with reasons (default: beside the journal)")
    .option("--allow-unknown-columns", "ignore columns the importer does not know")
    .option(
      "--reject-near-duplicates",
      "reject a row whose name reads the same as another's (case, width, accents, invisible characters) instead of warning",
    )
    .addOption(
      new Option("--timeout <ms>", "per request attempt (default 30000)").argParser(
        positiveInteger,
      ),
    )
    .option("--json", "print the summary (or the plan) as JSON on stdout")
    .option("-q, --quiet", "no progress and no text summary on stderr")
    .action((file: string, flags: ImportFlags) => run(file, flags));
  return program;
}

async function main(): Promise<number> {
  const controller = new AbortController();
  let signals = 0;
  const onSignal = () => {
    signals++;
    // The first signal stops the job cleanly (the journal is flushed, the summary printed);
    // a second one exits at once, which is safe too: intents are written before requests.
    if (signals > 1) process.exit(IMPORT_EXIT_CODES.interrupted);
    controller.abort();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);

  let exitCode: number = IMPORT_EXIT_CODES.ok;
  const program = buildProgram(async (file, flags) => {
    exitCode = await importCommand(file, flags, controller.signal);
  });
  try {
    await program.parseAsync(process.argv);
    return exitCode;
  } catch (error) {
    return report(error);
  }
}

/**
 * The one place errors become a message on stderr and an exit code (the importer's table, the
 * same `promptmill import` uses).
 */
function report(error: unknown): number {
  if (error instanceof CommanderError) {
    // Commander has printed its message (or the help, or the version) already.
    return error.exitCode === 0 ? IMPORT_EXIT_CODES.ok : IMPORT_EXIT_CODES.usage;
  }
  if (error instanceof UsageError || error instanceof ImportSetupError) {
    process.stderr.write(`promptmill-worker: ${error.message}\n`);
    return IMPORT_EXIT_CODES.usage;
  }
  if (PromptmillError.isInstance(error)) {
    // Before a job runs, a PromptmillError is the service's (a dry run's List, say).
    process.stderr.write(`promptmill-worker: ${error.name}: ${error.message}\n`);
    return IMPORT_EXIT_CODES.service;
  }
  process.stderr.write(
    `promptmill-worker: unexpected failure\n${(error as Error)?.stack ?? error}\n`,
  );
  return IMPORT_EXIT_CODES.usage;
}

process.exitCode = await main();

import type { Command } from "commander";
import type { CliContext } from "../context.js";
import { ExitCode } from "../exit-codes.js";
import { examples } from "../help.js";
import { UsageError } from "../usage-error.js";

/**
 * SQLite says only "unable to open database file" (SQLITE_CANTOPEN), without the path or why:
 * the CLI knows the path, and looks at it to say which. Other errors pass unchanged (a port in
 * use is worded by the error report, like every system error).
 */
async function databaseFileError(error: unknown, dataFile: string | undefined): Promise<unknown> {
  if ((error as { code?: unknown }).code !== "SQLITE_CANTOPEN" || dataFile === undefined) {
    return error;
  }
  const { stat } = await import("node:fs/promises");
  const found = await stat(dataFile).catch(() => undefined);
  const why = found?.isDirectory()
    ? "it is a directory (--data takes a file, e.g. DIR/local.sqlite)"
    : found === undefined
      ? "it cannot be created there (permission denied?)"
      : "it cannot be opened for writing (permission denied?)";
  return new UsageError(`cannot open the database ${dataFile}: ${why}`, { cause: error });
}

/*
 * `promptmill serve` is `promptmill-server` inside the CLI: the flags, their resolution from
 * flags, environment and config file, the banner and the clean stop all come from
 * @promptmill/service (SERVE_FLAGS, resolveServeOptions, runServe). The flags are parsed when
 * the command runs, not when the CLI starts: declaring them here would mean loading the
 * service (Hono, SQLite) for every command. So this command takes its arguments as they are
 * and hands them to a parser built from the package's list; `--help` is answered there too.
 */
export function registerServeCommand(program: Command, context: CliContext): void {
  program
    .command("serve")
    .description("run the local Model Studio-compatible service until Ctrl-C")
    .argument("[options...]", "the options of promptmill-server: see promptmill serve --help")
    .helpOption(false)
    .allowUnknownOption()
    .allowExcessArguments()
    .action(async (args: string[]) => {
      context.stopGracefullyOnInterrupt();
      const { output } = context;
      const { resolveServeOptions, runServe, SERVE_FLAGS } = await import("@promptmill/service");
      const { Command: Parser, Option } = await import("commander");
      const parser = new Parser("promptmill serve")
        .description(
          "Run the local Model Studio-compatible service until Ctrl-C (as promptmill-server).",
        )
        .exitOverride()
        .configureOutput({
          writeOut: (text) => process.stdout.write(text),
          writeErr: (text) => process.stderr.write(output.redact(text)),
        })
        .addHelpText(
          "after",
          `${examples(
            "promptmill serve",
            "promptmill serve --port 0 --data /tmp/promptmill.sqlite",
            "promptmill serve --database postgres://app:…@127.0.0.1:5432/prompts --workers 4",
            `promptmill serve --keys '[{"accessKeyId":"LTAIlocal","accessKeySecret":"…","workspaces":["llm-local000000000001"]}]'`,
          )}

Prints export lines for the endpoint, the workspace and the key, then "ready on <endpoint>".
The secret of a generated development key is printed (it only opens this local service);
the secrets of keys you pass with --keys or --config are not. promptmill's global --json and
-q/--quiet apply (JSON instead of the export lines; no request log).`,
        );
      for (const spec of SERVE_FLAGS) {
        // --json and --quiet are promptmill's global options; commander has taken them already.
        if (spec.flags.includes("--json") || spec.flags.includes("--quiet")) continue;
        const option = new Option(spec.flags, spec.description);
        parser.addOption(spec.choices === undefined ? option : option.choices([...spec.choices]));
      }
      parser.parse(args, { from: "user" });
      const options = await resolveServeOptions(
        { ...parser.opts(), json: output.json, quiet: output.quiet },
        process.env,
        process.cwd(),
      );
      for (const key of options.service.accessKeys ?? []) output.protect(key.accessKeySecret);
      try {
        await runServe(options, {
          stdout: (text) => output.raw(text),
          stderr: (line) => output.info(line),
          signal: context.signal,
        });
      } catch (error) {
        throw await databaseFileError(error, options.service.dataFile);
      }
      process.exitCode = ExitCode.ok;
    });
}

import { resolve } from "node:path";
import { type Command, Option } from "commander";
import type { CliContext } from "../context.js";
import { ExitCode } from "../exit-codes.js";
import { examples } from "../help.js";
import { parsePortNumber } from "../option-parsers.js";

interface ConsoleCommandOptions {
  port: number;
  open?: boolean;
  workDir: string;
}

function waitForAbort(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolvePromise) =>
    signal.addEventListener("abort", () => resolvePromise(), { once: true }),
  );
}

export function registerConsoleCommand(program: Command, context: CliContext): void {
  program
    .command("console")
    .description(
      "a web console for the workspace on 127.0.0.1: browse, lint, preview, edit, import, export",
    )
    .addOption(
      new Option("--port <port>", "the port on 127.0.0.1 (0 = any free port)")
        .argParser(parsePortNumber)
        .default(0),
    )
    .option("--open", "open it in a browser ($BROWSER, else the system's default)")
    .option(
      "--work-dir <dir>",
      "where uploaded CSV files and their journals, reports and reject files are kept",
      ".promptmill/console",
    )
    .addHelpText(
      "after",
      `${examples("promptmill console --open", "promptmill --workspace llm-… console --port 4983")}

Prints one line, "console: http://127.0.0.1:PORT/?token=…": the token is new on every start and
opens the console; keep it to yourself. The console calls the service with this CLI's endpoint,
workspace and credentials; the browser never sees a credential. Ctrl-C stops it.`,
    )
    .action(async (options: ConsoleCommandOptions) => {
      context.stopGracefullyOnInterrupt();
      const { output } = context;
      const workspaceId = context.workspaceId();
      const { credentials } = await context.connection();
      const client = await context.client();
      // Loaded here: the console (Hono, its pages) would slow every other command's start.
      const { openInBrowser, startConsole } = await import("@promptmill/console");
      const running = await startConsole({
        client,
        workspaceId,
        credentials,
        port: options.port,
        workDirectory: resolve(options.workDir),
        log: (line) => output.error(line),
      });
      if (output.json) output.data({ url: running.url, workspaceId, endpoint: client.endpoint });
      else output.line(`console: ${running.url}`);
      output.info(`workspace ${workspaceId} at ${client.endpoint}; Ctrl-C stops the console`);
      if (options.open) {
        await openInBrowser(running.url).catch((error: Error) =>
          output.warn(`could not open a browser (${error.message}): open the address above`),
        );
      }

      await waitForAbort(context.signal);
      output.info("stopping the console");
      await running.close();
      process.exitCode = ExitCode.ok;
    });
}

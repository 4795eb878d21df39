#!/usr/bin/env node
import { type LocalService, startLocalService } from "@promptmill/service";
import { Command, Option } from "commander";
import {
  DEFAULT_DATA_FILE,
  DEFAULT_PORT,
  resolveServerOptions,
  type ServerFlags,
} from "./resolve-options.js";

const program = new Command("promptmill-server")
  .description("A local service that speaks the Model Studio prompt-template API")
  .option(
    "--port <number>",
    `port to listen on, 0 for any free one (env PROMPTMILL_PORT, default ${DEFAULT_PORT})`,
  )
  .option("--host <address>", "address to listen on (default 127.0.0.1)")
  .option("--data <file>", `SQLite data file (env PROMPTMILL_DATA, default ${DEFAULT_DATA_FILE})`)
  .option("--config <file>", "JSON file {accessKeys, settings}")
  .option(
    "--faults <json>",
    'fault injection, e.g. {"rate":0.1,"kinds":["throttle"]} (env PROMPTMILL_FAULTS)',
  )
  .addOption(
    new Option("--log-format <format>", "request log lines as text, or one JSON object a line")
      .choices(["text", "json"])
      .default("text"),
  )
  .option("--quiet", "do not log requests")
  .showHelpAfterError();

async function main(): Promise<void> {
  program.parse();
  const flags = program.opts<ServerFlags & { quiet?: boolean; logFormat: "text" | "json" }>();
  const options = await resolveServerOptions(flags, process.env, process.cwd());
  const service = await startLocalService({
    ...options,
    log: flags.quiet ? undefined : (line) => process.stderr.write(`${line}\n`),
    logFormat: flags.logFormat,
  });
  // Handlers before the ready line: whoever waits for that line may signal straight away.
  closeOnSignals(service);
  printBanner(service);
}

function printBanner(service: LocalService): void {
  const lines = [
    "promptmill local service (Model Studio prompt templates, API 2023-12-29)",
    `data: ${service.dataFile}`,
    `workspaces: ${service.workspaceIds.join(", ")}`,
  ];
  const key = service.developmentKey;
  if (key) {
    // A key this service generated for local use only: printing it is how the user gets it.
    lines.push(
      "development key (kept in the data file; valid only for this local service):",
      `export ALIBABA_CLOUD_ACCESS_KEY_ID=${key.accessKeyId}`,
      `export ALIBABA_CLOUD_ACCESS_KEY_SECRET=${key.accessKeySecret}`,
    );
  }
  lines.push(
    `export PROMPTMILL_ENDPOINT=${service.endpoint}`,
    `export PROMPTMILL_WORKSPACE=${service.workspaceIds[0] ?? ""}`,
    `ready on ${service.endpoint}`,
  );
  process.stdout.write(`${lines.join("\n")}\n`);
}

function closeOnSignals(service: LocalService): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      // A second signal means "now": skip the wait for in-flight requests.
      process.exit(1);
    }
    stopping = true;
    process.stderr.write(`${signal}: closing\n`);
    service.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`close failed: ${(error as Error).message}\n`);
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`promptmill-server: ${message}\n`);
  process.exit(1);
});

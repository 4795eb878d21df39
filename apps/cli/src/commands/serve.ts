import { mkdir, readFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import type { AccessKeyConfig } from "@promptmill/service";
import { type Command, Option } from "commander";
import type { CliContext } from "../context.js";
import { ExitCode } from "../exit-codes.js";
import { examples } from "../help.js";
import { parsePortNumber } from "../option-parsers.js";
import { UsageError } from "../usage-error.js";

interface ServeOptions {
  port: number;
  host: string;
  data: string;
  keys?: string;
}

const DEFAULT_DATA_FILE = ".promptmill/local.sqlite";

/**
 * `--keys` is inline JSON or the path of a JSON file. The parse error's own message is left out on
 * purpose: V8 quotes the start of the text in it, and the text holds secrets.
 */
async function readAccessKeys(value: string): Promise<AccessKeyConfig[]> {
  const text = value.trimStart().startsWith("[")
    ? value
    : await readFile(value, "utf8").catch(() => {
        throw new UsageError(`--keys: ${value} is neither a JSON array nor a readable file`);
      });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new UsageError(
      "--keys: not valid JSON (expected [{accessKeyId, accessKeySecret, workspaces}])",
    );
  }
  const { accessKeyListSchema } = await import("@promptmill/service");
  const parsed = accessKeyListSchema.safeParse(json);
  if (!parsed.success || parsed.data.length === 0) {
    const where = parsed.success
      ? ""
      : ` (at ${parsed.error.issues[0]?.path.join(".") || "the top level"})`;
    throw new UsageError(
      `--keys: expected a non-empty array of {accessKeyId, accessKeySecret, workspaces: [...]}${where}`,
    );
  }
  return parsed.data;
}

function waitForAbort(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolvePromise) =>
    signal.addEventListener("abort", () => resolvePromise(), { once: true }),
  );
}

export function registerServeCommand(program: Command, context: CliContext): void {
  program
    .command("serve")
    .description("run the local Model Studio-compatible service until Ctrl-C")
    .addOption(
      new Option("--port <port>", "the port (0 = any free port)")
        .env("PROMPTMILL_PORT")
        .argParser(parsePortNumber)
        .default(8080),
    )
    .option("--host <host>", "the address to listen on", "127.0.0.1")
    .addOption(
      new Option("--data <file>", "the SQLite file (created when missing; keeps the dev key)")
        .env("PROMPTMILL_DATA")
        .default(DEFAULT_DATA_FILE),
    )
    .addOption(
      new Option(
        "--keys <json|file>",
        "access keys as JSON [{accessKeyId, accessKeySecret, workspaces}] (default: a development key)",
      ).env("PROMPTMILL_ACCESS_KEYS"),
    )
    .addHelpText(
      "after",
      `${examples(
        "promptmill serve",
        "promptmill serve --port 0 --data /tmp/promptmill.sqlite",
        `promptmill serve --keys '[{"accessKeyId":"LTAIlocal","accessKeySecret":"…","workspaces":["llm-local000000000001"]}]'`,
      )}

Prints export lines for the endpoint, the workspace and the key, then "ready on <endpoint>".
The secret of a generated development key is printed (it only opens this local service);
the secrets of keys you pass with --keys are not.`,
    )
    .action(async (options: ServeOptions) => {
      context.stopGracefullyOnInterrupt();
      const accessKeys =
        options.keys === undefined ? undefined : await readAccessKeys(options.keys);
      for (const key of accessKeys ?? []) context.output.protect(key.accessKeySecret);
      const dataFile = resolve(options.data);
      await mkdir(dirname(dataFile), { recursive: true });
      const { output } = context;
      // Loaded here, not at the top: the service (Hono, SQLite) would slow every other command's start.
      const { startLocalService } = await import("@promptmill/service");
      const service = await startLocalService({
        host: options.host,
        port: options.port,
        dataFile,
        accessKeys,
        log: (line) => output.debug(line),
      });

      const firstKey = service.accessKeys[0];
      if (output.json) {
        output.data({
          endpoint: service.endpoint,
          workspaceIds: service.workspaceIds,
          dataFile: service.dataFile,
          accessKeyIds: service.accessKeys.map((key) => key.accessKeyId),
          developmentKey: service.developmentKey ?? null,
        });
      } else {
        output.line(`# promptmill local service, data in ${service.dataFile}`);
        output.line(`export PROMPTMILL_ENDPOINT=${service.endpoint}`);
        output.line(`export PROMPTMILL_WORKSPACE=${service.workspaceIds[0] ?? ""}`);
        if (service.developmentKey) {
          output.line(`export ALIBABA_CLOUD_ACCESS_KEY_ID=${service.developmentKey.accessKeyId}`);
          output.line(
            `export ALIBABA_CLOUD_ACCESS_KEY_SECRET=${service.developmentKey.accessKeySecret}`,
          );
        } else if (firstKey) {
          output.line(`export ALIBABA_CLOUD_ACCESS_KEY_ID=${firstKey.accessKeyId}`);
          output.line("# ALIBABA_CLOUD_ACCESS_KEY_SECRET: the secret you configured for this key");
        }
        if (service.workspaceIds.length > 1) {
          output.line(`# other workspaces: ${service.workspaceIds.slice(1).join(" ")}`);
        }
        // Scripts and tests wait for this line: everything above is printed by then.
        output.line(`ready on ${service.endpoint}`);
      }

      await waitForAbort(context.signal);
      output.info("stopping: finishing requests in flight");
      await service.close();
      output.info("stopped");
      process.exitCode = ExitCode.ok;
    });
}
